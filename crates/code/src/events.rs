//! Event matching: verb and noun patterns over a sentence's tokens, with the
//! actor phrases found by [`crate::actors`] as sources and targets.
//!
//! The matcher reads structure from word order (subject to the left of the
//! verb, object after it, "by" after a passive). It does not need tags, and
//! uses them when the tagger has set them.

use std::collections::{HashMap, HashSet};

use dyad_doc::{Actor, DatePrecision, Document, Event, Span, Token, Trigger};

use crate::actors::Phrase;
use crate::dict::{Dictionaries, Element, ModalClass, VerbPattern};
use crate::inflect::FormIndex;
use crate::places::Places;
use crate::syntax::Tree;

/// Words that end a clause for the purpose of finding a verb's arguments.
const CLAUSE_BREAKS: &[&str] = &[
    ";", ":", "but", "while", "whereas", "although", "though", "because", "which", "who", "whom",
    "that", "when", "after", "before", "since", "if", "unless", "until", "as", "“", "”", "\"",
];
const PREPOSITIONS: &[&str] = &[
    "in",
    "of",
    "from",
    "to",
    "with",
    "between",
    "for",
    "on",
    "at",
    "by",
    "against",
    "over",
    "about",
    "into",
    "near",
    "under",
    "among",
    "across",
    "through",
    "toward",
    "towards",
    "upon",
    "within",
    "without",
    "via",
    "amid",
    "during",
    "including",
    "like",
    "than",
    "behind",
    "beyond",
    "around",
    "outside",
    "inside",
];
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "'s", "’s", "get", "got", "gets",
];
const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "neither", "nor"];
const NOUN_DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "these", "those", "'s",
    "’s", "any", "new", "renewed", "fresh", "further",
];
/// Verbs under which an infinitive reports nothing that happened and no act
/// of its own ("tried to", "failed to"); verbs of intent, threat, appeal,
/// demand and refusal recode the event instead (`modality.toml`).
#[rustfmt::skip]
const NOT_ASSERTED: &[&str] = &["try", "attempt", "fail", "need", "consider", "tell", "propose", "struggle"];
/// Verbs that only carry a noun event, whose subject is the noun's actor
/// ("launched an attack", "held talks", "carried out strikes").
#[rustfmt::skip]
const SUPPORT_VERBS: &[&str] = &[
    "launch", "carry", "conduct", "hold", "stage", "mount", "make", "have", "begin", "start", "continue", "resume",
    "step", "intensify", "escalate", "wage", "unleash", "commit", "perpetrate", "sign", "reach", "conclude", "pay",
    "give", "deliver", "issue", "impose", "announce", "declare", "order", "open", "host", "join", "engage",
    "undertake", "take", "organize", "organise", "lead",
];

/// Verbs that report what someone said: their subject is the attribution.
pub(crate) const SAY: &[&str] = &[
    "say", "tell", "report", "state", "add", "note", "claim", "announce", "read", "quote",
    "confirm", "allege", "write", "insist", "stress", "declare", "reveal", "disclose",
];

/// Who reported the event: the subject of a verb of saying above the
/// trigger ("the ministry said that ...") or beside it ("..., the statement reads").
fn attribution(ctx: &Ctx, tree: &Tree, t: usize) -> Option<String> {
    let mut cur = t;
    let mut say = None;
    for _ in 0..6 {
        // A parenthetical "the ministry noted" hangs under the clause it reports.
        if let Some(c) = tree
            .children(cur)
            .iter()
            .copied()
            .find(|&c| tree.rel(c) == "parataxis" && SAY.contains(&tree.lemma(c)))
        {
            say = Some(c);
            break;
        }
        let Some(h) = tree.head(cur) else { break };
        if matches!(tree.rel(cur), "ccomp" | "parataxis") && SAY.contains(&tree.lemma(h)) {
            say = Some(h);
            break;
        }
        cur = h;
    }
    let s = tree.child(say?, &["nsubj"])?;
    let near = tree.near(
        s,
        &[
            "det",
            "amod",
            "compound",
            "flat",
            "nmod",
            "case",
            "nmod:poss",
        ],
        3,
    );
    let first = *near.iter().min()?;
    let last = *near.iter().max()?;
    let span = dyad_doc::Span::new(
        ctx.doc.tokens[first].span.start,
        ctx.doc.tokens[last].span.end,
    );
    Some(ctx.doc.slice(span).to_string())
}

/// How many tokens may separate consecutive pattern elements.
const MAX_GAP: usize = 12;

/// The compiled patterns.
pub struct Patterns {
    /// Trigger-word forms to the patterns they may start.
    by_form: HashMap<String, Vec<usize>>,
    /// Forms of element and trigger words to their lemmas.
    forms: FormIndex,
    verb_forms: HashSet<String>,
    pub patterns: Vec<VerbPattern>,
    pub modality: Vec<ModalClass>,
}

impl Patterns {
    pub fn build(d: &Dictionaries) -> Patterns {
        let irregular: HashMap<String, Vec<String>> = d.irregular.iter().cloned().collect();
        let mut forms = FormIndex::default();
        let mut by_form: HashMap<String, Vec<usize>> = HashMap::new();
        let mut verb_forms = HashSet::new();
        for (i, p) in d.verbs.iter().enumerate() {
            let head = &p.trigger[0];
            let mut trig = FormIndex::default();
            if p.noun && p.trigger.len() == 1 {
                trig.add_noun(head);
            } else if p.noun {
                trig.add(head.clone(), head);
            } else {
                trig.add_verb(head, &irregular);
            }
            for (form, _) in trig.iter() {
                by_form.entry(form.clone()).or_default().push(i);
                if !p.noun {
                    verb_forms.insert(form.clone());
                }
            }
            // Later words of a trigger and all element words may be inflected.
            let mut add_word = |w: &str| {
                forms.add_verb(w, &irregular);
                forms.add_noun(w);
            };
            p.trigger[1..].iter().for_each(|w| add_word(w));
            for e in &p.elements {
                if let Element::Words(alts) = e {
                    alts.iter().flatten().for_each(|w| add_word(w));
                }
            }
            p.vetoes.iter().flatten().for_each(|w| add_word(w));
        }
        Patterns {
            by_form,
            forms,
            verb_forms,
            patterns: d.verbs.clone(),
            modality: d.modality.clone(),
        }
    }

    /// The modality class of a verb lemma ("vow" -> intent).
    pub fn modal_class(&self, lemma: &str) -> Option<&ModalClass> {
        self.modality
            .iter()
            .find(|c| c.verbs.iter().any(|v| v == lemma))
    }

    fn word_is(&self, tok: &Token, lemma: &str) -> bool {
        let form = tok.form.to_lowercase();
        tok.lemma == lemma || form == lemma || self.forms.lemmas(&form).iter().any(|l| l == lemma)
    }
}

/// Why a candidate event was not emitted (for `dyad explain`).
#[derive(Clone, Debug, PartialEq)]
pub struct Dropped {
    pub sentence: usize,
    pub trigger: String,
    pub pattern: String,
    pub reason: String,
}

struct Ctx<'a> {
    doc: &'a Document,
    pats: &'a Patterns,
    tree: Option<Tree<'a>>,
    /// Phrases of this sentence, in order.
    phrases: Vec<&'a Phrase>,
    sent: (usize, usize),
}

impl Ctx<'_> {
    fn lower(&self, t: usize) -> String {
        self.doc.tokens[t].form.to_lowercase()
    }

    fn is_break(&self, t: usize) -> bool {
        CLAUSE_BREAKS.contains(&self.lower(t).as_str())
    }

    /// The phrase (with its whole coordination) starting at or after token `t`,
    /// before `limit`.
    fn phrase_from(&self, t: usize, limit: usize) -> Option<Vec<&Phrase>> {
        let p = self
            .phrases
            .iter()
            .find(|p| p.tokens.0 >= t && p.tokens.0 < limit && !p.modifier)?;
        Some(self.with_coord(p))
    }

    fn with_coord<'b>(&'b self, p: &'b Phrase) -> Vec<&'b Phrase> {
        match p.coord {
            Some(c) => self
                .phrases
                .iter()
                .copied()
                .filter(|q| q.coord == Some(c))
                .collect(),
            None => vec![p],
        }
    }

    /// The word before a phrase's coordination, skipping determiners and
    /// adjectives ("in the disputed Nagorno-Karabakh" gives "in").
    fn before(&self, ps: &[&Phrase]) -> Option<String> {
        let mut i = ps.iter().map(|p| p.tokens.0).min()?;
        while i > self.sent.0 {
            let w = self.lower(i - 1);
            if NOUN_DETERMINERS.contains(&w.as_str()) || is_adjective(self.doc, i - 1) {
                i -= 1;
            } else {
                return Some(w);
            }
        }
        None
    }

    /// The subject of a trigger at `t`: the nearest actor phrase to its left in
    /// the same clause that is neither a prepositional object nor the object of
    /// an earlier verb.
    fn subject(&self, t: usize) -> Option<Vec<&Phrase>> {
        let mut clause_start = self.sent.0;
        for i in (self.sent.0..t).rev() {
            if self.is_break(i) {
                clause_start = i + 1;
                break;
            }
        }
        let mut candidates: Vec<&Phrase> = self
            .phrases
            .iter()
            .copied()
            .filter(|p| p.tokens.1 <= t && p.tokens.0 >= clause_start)
            .collect();
        while let Some(p) = candidates.pop() {
            if p.modifier {
                continue;
            }
            let group = self.with_coord(p);
            candidates.retain(|q| !group.iter().any(|g| std::ptr::eq(*g, *q)));
            let before = self.before(&group).unwrap_or_default();
            if PREPOSITIONS.contains(&before.as_str()) || self.pats.verb_forms.contains(&before) {
                continue;
            }
            return Some(group);
        }
        None
    }

    /// The actor phrase(s) a head token stands for: the phrase containing it
    /// or one of its modifiers ("Russian troops", "the head of the IAEA"),
    /// with its coordination, and conjuncts named elsewhere.
    fn phrases_at(&self, tree: &Tree, h: usize, modifiers_ok: bool) -> Option<Vec<&Phrase>> {
        // Modifiers of the head, but not where it stands: "the embassy in
        // Brussels" is no Belgian actor.
        let near: Vec<usize> = tree
            .near(
                h,
                &["compound", "flat", "appos", "nmod", "amod", "nmod:poss"],
                2,
            )
            .into_iter()
            .filter(|&k| {
                tree.rel(k) != "nmod" || matches!(tree.case_of(k).as_deref(), Some("of") | None)
            })
            .collect();
        let found = near.iter().find_map(|&x| {
            self.phrases
                .iter()
                .find(|p| p.tokens.0 <= x && x < p.tokens.1 && (modifiers_ok || !p.modifier))
        })?;
        let mut group = self.with_coord(found);
        for c in tree.children(h).iter().filter(|&&c| tree.rel(c) == "conj") {
            if let Some(q) = self
                .phrases
                .iter()
                .find(|p| p.tokens.0 <= *c && *c < p.tokens.1 && !p.modifier)
                && !group.iter().any(|g| std::ptr::eq(*g, *q))
            {
                group.extend(self.with_coord(q));
            }
        }
        Some(group)
    }

    /// Source and target from the dependency tree.
    #[allow(clippy::type_complexity)]
    fn dep_roles(
        &self,
        tree: &Tree,
        p: &VerbPattern,
        t: usize,
    ) -> (Option<Vec<&Phrase>>, Option<Vec<&Phrase>>, bool) {
        if p.noun {
            // "Russian attack", "Russia's attack", "Israeli tank shelling".
            for c in tree.children(t) {
                if matches!(tree.rel(*c), "nmod:poss" | "amod" | "compound")
                    && let Some(ps) = self.phrases_at(tree, *c, true)
                {
                    return (Some(ps), None, true);
                }
            }
            // "an attack by X".
            if let Some(c) = tree
                .children(t)
                .iter()
                .find(|&&c| tree.case_of(c).as_deref() == Some("by"))
            {
                return (self.phrases_at(tree, *c, false), None, true);
            }
            // "launched an attack", "underlined in a phone call": the verb's subject.
            // Only verbs that merely carry the noun make their subject its actor
            // ("Pakistan condemned the attack" does not make Pakistan the attacker).
            let via_verb = tree.head(t).filter(|&h| {
                matches!(tree.rel(t).split(':').next(), Some("obj" | "obl" | "nmod"))
                    && (SUPPORT_VERBS.contains(&tree.lemma(h))
                        // "underlined in a phone call", "agreed during talks": the event is the setting.
                        || (tree.rel(t).starts_with("obl")
                            && matches!(tree.case_of(t).as_deref(), Some("in" | "during" | "at" | "by"))))
            });
            let src = via_verb
                .and_then(|h| tree.subject(h))
                .and_then(|s| self.phrases_at(tree, s, false));
            return (src, None, true);
        }
        if tree.is_passive(t) {
            // A country adjective names the target ("Armenian positions were shelled").
            let tgt = tree.subject(t).and_then(|s| self.phrases_at(tree, s, true));
            let agent = tree.children(t).iter().copied().find(|&c| {
                tree.rel(c) == "obl:agent"
                    || (tree.rel(c).starts_with("obl") && tree.case_of(c).as_deref() == Some("by"))
            });
            let src = agent.and_then(|a| self.phrases_at(tree, a, false));
            return (src, tgt, true);
        }
        let subj = tree.subject(t);
        let src = subj.and_then(|s| self.phrases_at(tree, s, false));
        // A country adjective on the object names the target ("attacked Ukrainian positions").
        let tgt = tree
            .child(t, &["obj", "iobj"])
            .and_then(|o| self.phrases_at(tree, o, true));
        (src, tgt, subj.is_some())
    }

    fn negated(&self, t: usize) -> bool {
        let lo = t.saturating_sub(4).max(self.sent.0);
        (lo..t).any(|i| NEGATIONS.contains(&self.lower(i).as_str()))
    }

    fn passive(&self, t: usize) -> bool {
        let form = self.lower(t);
        if !(form.ends_with("ed") || form.ends_with("en") || self.doc.tokens[t].xpos == "VBN") {
            return false;
        }
        let lo = t.saturating_sub(3).max(self.sent.0);
        (lo..t).rev().any(|i| BE.contains(&self.lower(i).as_str()))
    }
}

fn flatten(ps: &[&Phrase]) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    for p in ps {
        for a in &p.actors {
            if !out.iter().any(|o| o.code == a.code && o.text == a.text) {
                out.push(a.clone());
            }
        }
    }
    out
}

/// Codes the events of one sentence. Dropped candidates go to `dropped`.
pub fn code_sentence(
    doc: &Document,
    si: usize,
    phrases: &[Phrase],
    pats: &Patterns,
    places: (&Places, &[String]),
    dropped: &mut Vec<Dropped>,
) -> Vec<Event> {
    let sent = &doc.sentences[si];
    let ctx = Ctx {
        doc,
        pats,
        tree: Tree::new(doc, sent.tokens),
        phrases: phrases.iter().filter(|p| p.sentence == si).collect(),
        sent: sent.tokens,
    };
    let mut events: Vec<Event> = Vec::new();
    let mut t = sent.tokens.0;
    while t < sent.tokens.1 {
        let form = ctx.lower(t);
        // Every pattern that matches here, most specific first: when the best one
        // finds no actors, the next may.
        let mut matches: Vec<(usize, Match)> = Vec::new();
        let cands = pats
            .by_form
            .get(&form)
            .into_iter()
            .flatten()
            .chain(pats.by_form.get(&doc.tokens[t].lemma).into_iter().flatten());
        for &pi in cands {
            if !matches.iter().any(|(q, _)| *q == pi)
                && let Some(m) = match_pattern(&ctx, &pats.patterns[pi], t)
            {
                matches.push((pi, m));
            }
        }
        matches.sort_by(|(a, ma), (b, mb)| mb.score.cmp(&ma.score).then(a.cmp(b)));
        // A word of an actor's name ("the opposing sides", "the Defence Ministry")
        // triggers nothing.
        if ctx
            .phrases
            .iter()
            .any(|q| q.tokens.0 <= t && t < q.tokens.1)
        {
            t += 1;
            continue;
        }
        let mut next_t = t + 1;
        'cands: for (pi, m) in matches {
            if next_t == t + 1 {
                next_t = m.trigger_end;
            }
            let p = &pats.patterns[pi];
            let trigger_span = Span::new(
                doc.tokens[t].span.start,
                doc.tokens[m.trigger_end - 1].span.end,
            );
            let trigger = Trigger {
                text: doc.slice(trigger_span).to_string(),
                span: trigger_span,
                pattern: format!("{} {}", p.origin, p.text),
            };
            let mut drop = |reason: &str| {
                dropped.push(Dropped {
                    sentence: si,
                    trigger: trigger.text.clone(),
                    pattern: trigger.pattern.clone(),
                    reason: reason.to_string(),
                })
            };
            if ctx.negated(t) {
                drop("negated");
                break 'cands;
            }
            let mut code = p.code.clone();
            let mut modal: Option<(usize, String)> = None;
            let mut via_clause = false;
            let mut source = m.source.clone();
            let mut target = m.target.clone();
            // The syntactic head of a multi-word trigger ("call" of "phone call").
            let th = ctx
                .tree
                .as_ref()
                .and_then(|tree| {
                    (t..m.trigger_end)
                        .find(|&k| tree.head(k).is_none_or(|h| h < t || h >= m.trigger_end))
                })
                .unwrap_or(t);
            if let Some(tree) = &ctx.tree {
                // A noun event is asserted or not with the verb it hangs on ("agreed to talks").
                let noun_verb = tree.head(th).filter(|_| {
                    p.noun && matches!(tree.rel(th).split(':').next(), Some("obj" | "obl"))
                });
                let anchor = noun_verb.unwrap_or(th);
                let is_modal = |l: &str| NOT_ASSERTED.contains(&l) || pats.modal_class(l).is_some();
                let modal_verb = noun_verb
                    .filter(|&v| is_modal(tree.lemma(v)))
                    .or_else(|| tree.governed_by_any(anchor, &["xcomp"], &is_modal))
                    .or_else(|| {
                        // "demanded that Russia withdraw", "warned that it would strike",
                        // "denied that it attacked": a clause under the verb.
                        let clause_class = |l: &str| {
                            pats.modal_class(l).is_some_and(|c| {
                                matches!(c.name.as_str(), "threaten" | "demand" | "appeal" | "deny")
                            })
                        };
                        let v = tree.governed_by_any(anchor, &["ccomp"], &clause_class)?;
                        via_clause = true;
                        Some(v)
                    });
                if let Some(mv) = modal_verb {
                    let lemma = tree.lemma(mv);
                    match pats.modal_class(lemma).map(|c| (c, c.map(&code))) {
                        Some((c, Some(new))) => {
                            modal = Some((mv, c.name.clone()));
                            code = new.to_string();
                        }
                        Some((c, None)) => {
                            drop(&format!("no {} code for {code} under {lemma:?}", c.name));
                            continue 'cands;
                        }
                        None => {
                            drop(&format!("not asserted: under {lemma:?}"));
                            continue 'cands;
                        }
                    }
                } else if tree
                .children(anchor)
                .iter()
                .any(|&c| tree.rel(c) == "aux" && matches!(tree.lemma(c), "will" | "shall" | "'ll"))
                // "political will to stop": an infinitive has no future auxiliary.
                && !tree.children(anchor).iter().any(|&c| tree.rel(c) == "mark" && tree.lemma(c) == "to")
                && let Some(c) = pats.modality.iter().find(|c| c.future)
                && let Some(new) = c
                    .map(&code)
                    .filter(|_| matches!(&code[..2], "04" | "05" | "06" | "07" | "08"))
                {
                    // "Portugal will support Turkey": a promise, coded as intent.
                    modal = Some((anchor, c.name.clone()));
                    code = new.to_string();
                } else if tree
                    .children(anchor)
                    .iter()
                    .any(|&c| tree.rel(c) == "aux" && matches!(tree.lemma(c), "must" | "should"))
                    && let Some(sv) = tree
                        .head(anchor)
                        .filter(|&h| tree.rel(anchor) == "ccomp" && SAY.contains(&tree.lemma(h)))
                    && let Some(c) = pats.modal_class("demand")
                {
                    // "Britain said Libya must hand over the suspects": a demand of the
                    // speaker on the clause's subject.
                    code = c.map(&code).unwrap_or("100").to_string();
                    modal = Some((sv, c.name.clone()));
                    via_clause = true;
                }
            }
            let mut parsed = false;
            if let Some(tree) = &ctx.tree {
                let (mut src, mut tgt, found) = ctx.dep_roles(tree, p, th);
                if let Some((mv, class)) = &modal {
                    // The act belongs to whoever vowed, urged or refused; an appeal or
                    // demand without a target of its own is addressed to the verb's object.
                    let speaker = tree
                        .subject(*mv)
                        .and_then(|s| ctx.phrases_at(tree, s, false));
                    // In a clause ("demanded that Russia withdraw") its subject is the one addressed.
                    if via_clause && matches!(class.as_str(), "appeal" | "demand") && src.is_some()
                    {
                        tgt = src.take();
                        target = None;
                    }
                    if speaker.is_some() {
                        src = speaker;
                    }
                    if class == "deny" {
                        // A denial is a statement about oneself.
                        tgt = None;
                        target = None;
                    } else if tgt.is_none() && matches!(class.as_str(), "appeal" | "demand") {
                        tgt = tree
                            .child(*mv, &["obj", "iobj", "obl"])
                            .and_then(|o| ctx.phrases_at(tree, o, true));
                    }
                    source = None;
                }
                parsed = found;
                // In the passive the tree knows better than word order: a `+` after
                // "shelled by" is the agent, not the target.
                if tree.is_passive(th) && !p.noun && src.is_some() {
                    source = src;
                    target = tgt.clone();
                } else if source.is_none() {
                    source = src;
                }
                // "demanded that the DPRK forsake its programme": an appeal or demand is
                // addressed to the subject of its clause.
                if tgt.is_none() && target.is_none() && !p.noun && matches!(&code[..2], "02" | "10")
                {
                    tgt = tree
                        .child(th, &["ccomp"])
                        .and_then(|c| tree.subject(c))
                        .and_then(|s| ctx.phrases_at(tree, s, true));
                }
                // Also when a `+` slot found no actor phrase: the tree may still name the object.
                if target.is_none() {
                    target = tgt;
                }
            }
            if source.is_none() && !parsed {
                if p.noun {
                    // "Russian attack", "Russia's attack": the possessor.
                    source = ctx
                        .phrases
                        .iter()
                        .rev()
                        .find(|q| {
                            q.tokens.1 <= t
                                && (q.tokens.1..t).all(|i| {
                                    NOUN_DETERMINERS.contains(&ctx.lower(i).as_str())
                                        || is_adjective(doc, i)
                                })
                                && q.tokens.1 + 3 >= t
                        })
                        .map(|q| vec![*q]);
                }
                if source.is_none() {
                    if !p.noun && ctx.passive(t) {
                        // "X was shelled by Y": the subject is the target; the "by" phrase the source.
                        if target.is_none() {
                            target = ctx.subject(t);
                        }
                        source = (m.trigger_end..(m.trigger_end + MAX_GAP).min(sent.tokens.1))
                            .find(|&i| ctx.lower(i) == "by")
                            .and_then(|i| ctx.phrase_from(i + 1, (i + 4).min(sent.tokens.1)));
                    } else {
                        source = ctx.subject(t);
                    }
                }
                if target.is_none()
                    && !p.noun
                    && !p.elements.contains(&Element::Target)
                    && !ctx.passive(t)
                {
                    // The direct object, right after the verb.
                    let lim = (m.trigger_end + 3).min(sent.tokens.1);
                    target = ctx.phrase_from(m.trigger_end, lim).filter(|ps| {
                        let b = ctx.before(ps).unwrap_or_default();
                        !PREPOSITIONS.contains(&b.as_str())
                    });
                }
            }
            let attribution = ctx
                .tree
                .as_ref()
                .and_then(|tree| attribution(&ctx, tree, t));
            let src_actors = source.as_deref().map(flatten).unwrap_or_default();
            let mut tgt_actors = target.as_deref().map(flatten).unwrap_or_default();
            if tgt_actors.is_empty()
                && let Some(tree) = &ctx.tree
            {
                // A place as the target stands for its country ("districts of Kherson were shelled").
                let head = if tree.is_passive(th) {
                    tree.subject(th)
                } else {
                    tree.child(th, &["obj"])
                };
                // The place itself or what it is part of ("districts of Kherson"), not where
                // something stood ("a base in Kherson").
                let near: Vec<usize> = head
                    .map(|h| tree.near(h, &["nmod", "compound", "flat", "appos"], 2))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|&k| tree.rel(k) != "nmod" || tree.case_of(k).as_deref() == Some("of"))
                    .collect();
                if let Some(a) = near
                    .iter()
                    .find_map(|&k| places.0.place_actor(doc, k, places.1))
                {
                    tgt_actors.push(a);
                }
            }
            let compound = src_actors.len() > 1 || tgt_actors.len() > 1;
            let mut pairs: Vec<(Actor, Option<Actor>)> = Vec::new();
            // "X and Y exchanged prisoners": an object with no country is what was
            // exchanged, not a party.
            let only_bare =
                |v: &[Actor]| v.iter().all(|a| a.country.is_none() && a.entity.is_none());
            // "X and Y accused each other": the coordination acts on itself, pair by pair.
            let each_other = (m.trigger_end..sent.tokens.1.min(m.trigger_end + 6)).any(|k| {
                matches!(ctx.lower(k).as_str(), "each" | "another")
                    && k + 1 < sent.tokens.1
                    && matches!(ctx.lower(k + 1).as_str(), "other" | "another")
            }) || (m.trigger_end..sent.tokens.1.min(m.trigger_end + 6)).any(|k| {
                ctx.lower(k) == "one" && k + 1 < sent.tokens.1 && ctx.lower(k + 1) == "another"
            });
            if (p.recip || each_other) && only_bare(&tgt_actors) && src_actors.len() >= 2 {
                for a in &src_actors {
                    for b in &src_actors {
                        if a.code != b.code {
                            pairs.push((a.clone(), Some(b.clone())));
                        }
                    }
                }
            } else if p.recip && src_actors.is_empty() && tgt_actors.len() >= 2 {
                for a in &tgt_actors {
                    for b in &tgt_actors {
                        if a.code != b.code {
                            pairs.push((a.clone(), Some(b.clone())));
                        }
                    }
                }
            } else if src_actors.is_empty() {
                drop("no source actor");
            } else if tgt_actors.is_empty() && p.elements == [Element::Target] && modal.is_none() {
                // "welcome +", "host +", "visit +": the target is all the pattern says;
                // without one ("welcomed the sanctions") it is no such event.
                drop("no target actor");
            } else {
                for a in &src_actors {
                    if tgt_actors.is_empty() {
                        pairs.push((a.clone(), None));
                    }
                    for b in &tgt_actors {
                        if a.code != b.code {
                            pairs.push((a.clone(), Some(b.clone())));
                        } else {
                            drop("source and target are the same actor");
                        }
                    }
                }
            }
            let pairs_made = !pairs.is_empty();
            for (s, tg) in pairs {
                if events.iter().any(|e| {
                    e.cameo == code
                        && e.source.code == s.code
                        && e.target.as_ref().map(|x| &x.code) == tg.as_ref().map(|x| &x.code)
                }) {
                    continue;
                }
                let confidence = if tg.is_some() { 0.8 } else { 0.6 };
                events.push(Event {
                    sentence_index: si,
                    source: s,
                    target: tg,
                    cameo: code.clone(),
                    event_date: doc.pub_date,
                    date_precision: if doc.pub_date.is_some() {
                        DatePrecision::Day
                    } else {
                        DatePrecision::Unknown
                    },
                    background: false,
                    location: None,
                    attribution: attribution.clone(),
                    confidence,
                    trigger: trigger.clone(),
                    compound,
                });
            }
            if pairs_made {
                next_t = m.trigger_end;
                break 'cands;
            }
        }
        t = next_t;
    }
    // One act, two matches ("urged Israel to halt the strikes" is matched by the
    // verb of appeal and by the recoded strike): keep the more specific code.
    let key = |e: &Event| {
        (
            e.source.code.clone(),
            e.target.as_ref().map(|t| t.code.clone()),
            e.cameo[..2].to_string(),
        )
    };
    // A "not specified below" code (x0, x00) gives way to a specific one of its root.
    // A code that a more specific one of the same pair refines gives way: "x0"
    // (not specified below) to any code of its root, "023" to "0233".
    let generic = |c: &str| c.len() <= 3 && c[2..].bytes().all(|b| b == b'0');
    let refined = |e: &Event, o: &Event| {
        key(e) == key(o)
            && o.cameo != e.cameo
            && ((generic(&e.cameo) && !generic(&o.cameo))
                || (o.cameo.len() > e.cameo.len() && o.cameo.starts_with(&e.cameo)))
    };
    let keep: Vec<bool> = events
        .iter()
        .map(|e| !events.iter().any(|o| refined(e, o)))
        .collect();
    events
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(e, _)| e)
        .collect()
}

fn is_adjective(doc: &Document, i: usize) -> bool {
    doc.tokens[i].upos == "ADJ"
}

#[derive(Clone)]
struct Match<'a> {
    trigger_end: usize,
    source: Option<Vec<&'a Phrase>>,
    target: Option<Vec<&'a Phrase>>,
    /// More specific patterns (more elements) win.
    score: usize,
}

fn match_pattern<'a>(ctx: &'a Ctx<'a>, p: &VerbPattern, t: usize) -> Option<Match<'a>> {
    let doc = ctx.doc;
    let end = ctx.sent.1;
    // Multi-word trigger.
    let mut i = t + 1;
    for w in &p.trigger[1..] {
        if i >= end || !ctx.pats.word_is(&doc.tokens[i], w) {
            return None;
        }
        i += 1;
    }
    let trigger_end = i;
    // Part of speech, when tagged, of the trigger's last word ("humanitarian aid"
    // is a noun); otherwise a determiner before it marks a noun.
    let upos = doc.tokens[if p.noun { trigger_end - 1 } else { t }]
        .upos
        .as_str();
    let prev = if t > ctx.sent.0 {
        ctx.lower(t - 1)
    } else {
        String::new()
    };
    // "detained journalists", "the occupied West Bank": a participle used as an adjective.
    // Only after a determiner, adjective, number or preposition, since the
    // parser also mistakes finite verbs of short sentences for modifiers.
    let after_modifier_slot = t == ctx.sent.0
        || matches!(
            doc.tokens[t - 1].upos.as_str(),
            "DET" | "ADJ" | "NUM" | "ADP" | "PRON"
        );
    if !p.noun && doc.tokens[t].deprel == "amod" && after_modifier_slot {
        return None;
    }
    let looks_noun = if upos.is_empty() {
        NOUN_DETERMINERS.contains(&prev.as_str())
    } else {
        matches!(upos, "NOUN" | "PROPN")
    };
    if p.noun != looks_noun && !(p.noun && p.trigger.len() > 1 && upos.is_empty()) {
        return None;
    }
    // Clause end for element search.
    let clause_end = (trigger_end..end)
        .find(|&k| ctx.is_break(k) && ctx.lower(k) != "that")
        .unwrap_or(end);
    // A veto word sequence anywhere in the trigger's clause.
    let clause_start = (ctx.sent.0..t)
        .rev()
        .find(|&k| ctx.is_break(k))
        .map_or(ctx.sent.0, |k| k + 1);
    for v in &p.vetoes {
        let hit = (clause_start..clause_end).any(|k| {
            k + v.len() <= clause_end
                && v.iter()
                    .enumerate()
                    .all(|(j, w)| ctx.pats.word_is(&doc.tokens[k + j], w))
        });
        if hit {
            return None;
        }
    }
    let mut cursor = trigger_end;
    let mut source = None;
    let mut target = None;
    for e in &p.elements {
        let limit = (cursor + MAX_GAP + 1).min(clause_end);
        match e {
            Element::Words(alts) => {
                let mut found = None;
                'outer: for k in cursor..limit {
                    for alt in alts {
                        if k + alt.len() <= clause_end
                            && alt
                                .iter()
                                .enumerate()
                                .all(|(j, w)| ctx.pats.word_is(&doc.tokens[k + j], w))
                        {
                            found = Some(k + alt.len());
                            break 'outer;
                        }
                    }
                }
                cursor = found?;
            }
            Element::Target | Element::Source => {
                // An actor slot may stay empty ("called on the opposing sides" when the sides are
                // not known): the pattern still tells the event type.
                let Some(ps) = ctx.phrase_from(cursor, limit) else {
                    continue;
                };
                let last = ps.iter().map(|p| p.tokens.1).max().unwrap();
                cursor = last;
                if *e == Element::Target {
                    target = Some(ps);
                } else {
                    source = Some(ps);
                }
            }
        }
    }
    let score = p.elements.len() * 2 + p.trigger.len() + usize::from(target.is_some());
    Some(Match {
        trigger_end,
        source,
        target,
        score,
    })
}
