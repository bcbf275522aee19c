//! Actor recognition: dictionary names found in the text, assembled into
//! actor phrases ("Russian Foreign Minister Sergey Lavrov"), resolved to CAMEO
//! actor codes with document context ("Lavrov", "the ministers"), and
//! grouped into coordinations ("Azerbaijan and Armenia").

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
use dyad_doc::{Actor, Document, Span};

use crate::dict::Dictionaries;
use crate::inflect::noun_plurals;

/// What a dictionary name stands for. Indices point into [`Dictionaries`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Country(usize),
    Adjective(usize),
    Demonym(usize),
    Capital(usize),
    Seat(usize),
    Region(usize),
    RegionAdj(usize),
    Area(usize),
    AreaAdj(usize),
    Agent {
        role: usize,
        plural: bool,
    },
    Org(usize),
    Person(usize),
    /// A person's surname alone: valid once the full name was seen.
    Surname(usize),
}

impl Kind {
    fn is_place(self) -> bool {
        matches!(
            self,
            Kind::Country(_)
                | Kind::Adjective(_)
                | Kind::Region(_)
                | Kind::RegionAdj(_)
                | Kind::Area(_)
                | Kind::AreaAdj(_)
        )
    }
    fn is_adjective(self) -> bool {
        matches!(
            self,
            Kind::Adjective(_) | Kind::RegionAdj(_) | Kind::AreaAdj(_)
        )
    }
    /// Tie-break between equally long names: people and organisations first.
    fn rank(self) -> u8 {
        match self {
            Kind::Person(_) => 0,
            Kind::Org(_) => 1,
            Kind::Surname(_) => 2,
            Kind::Seat(_) | Kind::Capital(_) => 3,
            Kind::Agent { .. } => 5,
            _ => 4,
        }
    }
}

struct Name {
    /// Whether the text must match case exactly (names with capitals).
    exact: bool,
    text: String,
    kind: Kind,
}

/// The compiled name index.
pub struct Lexicon {
    ac: AhoCorasick,
    names: Vec<Name>,
    /// People known by surname alone ("Obama", "Erdogan"): heads of state or
    /// government whose surname no one else in the dictionary shares.
    famous: Vec<bool>,
}

const MONTHS_DAYS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Words allowed between parts of one actor phrase ("his French counterpart").
const GLUE: &[&str] = &["the", "his", "her", "its", "their", "'s", "’s", "'", "’"];

impl Lexicon {
    pub fn build(d: &Dictionaries) -> Lexicon {
        let mut names = Vec::new();
        let mut push = |text: &str, kind: Kind| {
            let text = text.trim();
            if text.is_empty() {
                return;
            }
            let exact = text.chars().any(|c| c.is_uppercase());
            names.push(Name {
                exact,
                text: text.to_string(),
                kind,
            });
            // Curly and straight apostrophes are both common in news text.
            if text.contains('\'') {
                names.push(Name {
                    exact,
                    text: text.replace('\'', "’"),
                    kind,
                });
            }
        };
        for (i, c) in d.countries.iter().enumerate() {
            for n in std::iter::once(&c.name).chain(&c.names) {
                push(n, Kind::Country(i));
            }
            c.adjectives
                .iter()
                .for_each(|n| push(n, Kind::Adjective(i)));
            c.demonyms.iter().for_each(|n| push(n, Kind::Demonym(i)));
            c.capitals.iter().for_each(|n| push(n, Kind::Capital(i)));
            c.seats.iter().for_each(|n| push(n, Kind::Seat(i)));
        }
        for (i, r) in d.regions.iter().enumerate() {
            for n in std::iter::once(&r.name).chain(&r.names) {
                push(n, Kind::Region(i));
            }
            r.adjectives
                .iter()
                .for_each(|n| push(n, Kind::RegionAdj(i)));
        }
        for (i, a) in d.areas.iter().enumerate() {
            for n in std::iter::once(&a.name).chain(&a.names) {
                push(n, Kind::Area(i));
            }
            a.adjectives.iter().for_each(|n| push(n, Kind::AreaAdj(i)));
        }
        for (i, r) in d.roles.iter().enumerate() {
            for n in &r.nouns {
                push(
                    n,
                    Kind::Agent {
                        role: i,
                        plural: false,
                    },
                );
                // Pluralise the head (last word): "foreign ministers".
                let (head_start, head) = match n.rfind(' ') {
                    Some(p) => (&n[..=p], &n[p + 1..]),
                    None => ("", n.as_str()),
                };
                if !head.chars().any(|c| c.is_uppercase()) {
                    for pl in noun_plurals(head) {
                        push(
                            &format!("{head_start}{pl}"),
                            Kind::Agent {
                                role: i,
                                plural: true,
                            },
                        );
                    }
                }
            }
        }
        for (i, o) in d.orgs.iter().enumerate() {
            for n in std::iter::once(&o.name).chain(&o.names) {
                push(n, Kind::Org(i));
            }
        }
        for (i, p) in d.people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                push(n, Kind::Person(i));
                if let Some(s) = surname(n) {
                    push(s, Kind::Surname(i));
                }
            }
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(names.iter().map(|n| n.text.as_str()))
            .expect("name automaton builds");
        let famous = famous_surnames(d);
        Lexicon { ac, names, famous }
    }
}

/// A name not run together with other capitalised words: "Simon" in "Simon
/// Wittenberg" is someone else's first name.
fn standalone_name(doc: &Document, a: Atom, sent: (usize, usize), cands: &[Atom]) -> bool {
    let capital = |i: usize| doc.tokens[i].form.starts_with(char::is_uppercase);
    // A title before the name is fine: "President Putin".
    let title = |i: usize| {
        cands
            .iter()
            .any(|c| c.last == i + 1 && matches!(c.kind, Kind::Agent { .. }))
    };
    let before =
        a.first > sent.0 && capital(a.first - 1) && a.first - 1 != sent.0 && !title(a.first - 1);
    let after = a.last < sent.1 && capital(a.last);
    !before && !after
}

/// Which people may be named by surname alone before their full name.
fn famous_surnames(d: &Dictionaries) -> Vec<bool> {
    const TOP: &[&str] = &[
        "president",
        "prime minister",
        "chancellor",
        "king",
        "supreme leader",
        "secretary-general",
    ];
    let mut count: HashMap<&str, usize> = HashMap::new();
    for p in &d.people {
        let mut own: Vec<&str> = std::iter::once(&p.name)
            .chain(&p.aliases)
            .filter_map(|n| surname(n))
            .collect();
        own.sort();
        own.dedup();
        for s in own {
            *count.entry(s).or_default() += 1;
        }
    }
    // Surnames that are also place or organisation names stay out ("Jordan", "Georgia").
    let other_names: std::collections::HashSet<&str> = d
        .countries
        .iter()
        .flat_map(|c| std::iter::once(&c.name).chain(&c.names).chain(&c.capitals))
        .chain(
            d.orgs
                .iter()
                .flat_map(|o| std::iter::once(&o.name).chain(&o.names)),
        )
        .map(String::as_str)
        .collect();
    d.people
        .iter()
        .map(|p| {
            let top = p
                .offices
                .iter()
                .any(|o| TOP.contains(&o.title.to_lowercase().as_str()));
            let res = &d.resolution;
            let family_first = p.offices.iter().any(|o| {
                res.family_name_first
                    .iter()
                    .any(|c| o.code.starts_with(c.as_str()))
            });
            let s = surname(&p.name);
            top && !family_first
                && s.is_some_and(|s| {
                    count.get(s) == Some(&1)
                        && s.chars().count() >= 4
                        && !s.contains('-')
                        && !other_names.contains(s)
                        && !res.not_surnames.iter().any(|n| n == s)
                })
        })
        .collect()
}

/// The surname of a full name: its last word, with a lower-case or short
/// particle before it ("Le Drian", "al-Assad", "von der Leyen").
fn surname(full: &str) -> Option<&str> {
    let words: Vec<&str> = full.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let particles = [
        "Le", "La", "De", "Da", "Van", "Von", "Al", "El", "Bin", "Ben", "Abu", "Del", "Di", "Du",
    ];
    let mut start = words.len() - 1;
    while start > 1 {
        let w = words[start - 1];
        if w.chars().next().is_some_and(|c| c.is_lowercase()) || particles.contains(&w) {
            start -= 1;
        } else {
            break;
        }
    }
    let offset: usize = words[..start].iter().map(|w| w.len() + 1).sum();
    let s = &full[offset..];
    (s.chars().count() >= 3).then_some(s)
}

/// One name found in the text.
#[derive(Clone, Copy, Debug)]
struct Atom {
    first: usize,
    last: usize, // exclusive, document token indices
    kind: Kind,
}

/// A resolved actor reference in a sentence.
#[derive(Clone, Debug)]
pub struct Phrase {
    pub sentence: usize,
    /// `[first, last)` document token indices.
    pub tokens: (usize, usize),
    pub span: Span,
    /// The actors referred to: one, or several for a group reference.
    pub actors: Vec<Actor>,
    /// Which dictionary entries or resolution rule gave the actors.
    pub via: String,
    /// A bare country adjective ("Russian" in "Russian gas"): may only act as
    /// the possessor of a noun event ("Russian attack").
    pub modifier: bool,
    /// Id of the coordination this phrase is part of ("X and Y"), if any.
    pub coord: Option<usize>,
}

impl Phrase {
    pub fn is_group(&self) -> bool {
        self.actors.len() > 1
    }
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Finds and resolves every actor phrase of the document, sentence by sentence.
pub fn find_phrases(lex: &Lexicon, d: &Dictionaries, doc: &Document) -> Vec<Phrase> {
    let date = doc.pub_date;
    // Token boundaries for validating name matches.
    let mut starts = HashMap::with_capacity(doc.tokens.len());
    let mut ends = HashMap::with_capacity(doc.tokens.len());
    for (i, t) in doc.tokens.iter().enumerate() {
        starts.insert(t.span.start, i);
        ends.insert(t.span.end, i + 1);
    }
    let mut sent_of = vec![0usize; doc.tokens.len()];
    for (si, s) in doc.sentences.iter().enumerate() {
        for x in &mut sent_of[s.tokens.0..s.tokens.1] {
            *x = si;
        }
    }
    // All valid candidate atoms, keyed by first token.
    let mut cands: Vec<Atom> = Vec::new();
    for m in lex.ac.find_overlapping_iter(&doc.text) {
        let name = &lex.names[m.pattern().as_usize()];
        if name.exact && doc.text[m.start()..m.end()] != name.text {
            continue;
        }
        let (Some(&first), Some(&last)) = (starts.get(&m.start()), ends.get(&m.end())) else {
            continue;
        };
        if last <= first || sent_of[first] != sent_of[last - 1] {
            continue;
        }
        cands.push(Atom {
            first,
            last,
            kind: name.kind,
        });
    }
    cands.sort_by_key(|a| (a.first, std::cmp::Reverse(a.last), a.kind.rank()));

    let mut phrases: Vec<Phrase> = Vec::new();
    let mut seen_people: Vec<bool> = vec![false; d.people.len()];
    let mut ci = 0;
    let mut coord_id = 0;
    let mut unknown_people: Vec<(Vec<String>, Actor)> = Vec::new();
    let mut pending = Vec::new();
    for (si, sent) in doc.sentences.iter().enumerate() {
        // Choose atoms left to right, longest first; surnames need the full name earlier.
        let mut atoms: Vec<Atom> = Vec::new();
        let mut covered = sent.tokens.0;
        while ci < cands.len() && cands[ci].first < sent.tokens.1 {
            let a = cands[ci];
            ci += 1;
            if a.first < covered {
                continue;
            }
            if let Kind::Surname(p) = a.kind
                && !seen_people[p]
                && !(lex.famous[p] && standalone_name(doc, a, sent.tokens, &cands))
            {
                continue;
            }
            if let Kind::Person(p) = a.kind {
                seen_people[p] = true;
            }
            // "Western Cambodia", "the Mediterranean island": a regional adjective
            // describing a place, not an actor.
            let area_on_place = matches!(a.kind, Kind::AreaAdj(_))
                && cands.iter().any(|c| {
                    c.first == a.last && (c.kind.is_place() || matches!(c.kind, Kind::Capital(_)))
                });
            if area_on_place
                || drop_inside_proper_name(doc, a, sent.tokens)
                || agent_as_modifier(doc, a, sent.tokens, &cands)
            {
                covered = a.last;
                continue;
            }
            atoms.push(a);
            covered = a.last;
        }
        let first_phrase = phrases.len();
        // Merge neighbouring atoms into phrases.
        let mut groups: Vec<Vec<Atom>> = Vec::new();
        for a in atoms {
            if let Some(g) = groups.last_mut()
                && can_join(doc, g, a)
            {
                g.push(a);
                continue;
            }
            groups.push(vec![a]);
        }
        for g in &groups {
            if let Some(mut p) = resolve(d, doc, si, g, date, &phrases) {
                if ends_with_title(g) {
                    name_after_title(doc, sent.tokens.1, &mut p, &mut unknown_people);
                }
                phrases.push(p);
            }
        }
        // Surnames of people first named with a title ("Lavrov" after
        // "Foreign Minister Sergey Lavrov") when the dictionary lacks them.
        surname_references(doc, si, &unknown_people, &mut phrases, first_phrase);
        pronouns(d, doc, si, &mut phrases, first_phrase);
        // Group references not built from dictionary names: "the sides".
        group_nouns(d, doc, si, &mut phrases, first_phrase, &mut pending);
        phrases[first_phrase..].sort_by_key(|p| p.tokens.0);
        distribute_adjectives(&mut phrases[first_phrase..], doc);
        // Coordinations: phrases separated only by "and" / ",".
        let ps = &mut phrases[first_phrase..];
        for i in 1..ps.len() {
            let gap: Vec<&str> = (ps[i - 1].tokens.1..ps[i].tokens.0)
                .map(|t| doc.tokens[t].form.as_str())
                .collect();
            // "X and Y", "X, Y and Z", "X and his counterpart Y".
            let list_word =
                |w: &&str| matches!(*w, "and" | "," | "&") || GLUE.contains(&lower(w).as_str());
            let joined = !gap.is_empty()
                && gap.iter().all(list_word)
                && (gap.contains(&"and") || gap == [","] && next_is_and_list(doc, &ps[i..]));
            if joined && !ps[i - 1].modifier && !ps[i].modifier {
                let id = match ps[i - 1].coord {
                    Some(id) => id,
                    None => {
                        coord_id += 1;
                        ps[i - 1].coord = Some(coord_id);
                        coord_id
                    }
                };
                ps[i].coord = Some(id);
            }
        }
    }
    resolve_conflict_parties(doc, &mut phrases, &pending);
    phrases
}

fn ends_with_title(g: &[Atom]) -> bool {
    matches!(
        g.last().map(|a| a.kind),
        Some(Kind::Agent { plural: false, .. })
    )
}

fn is_name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase())
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'' || c == '’')
        && !MONTHS_DAYS.contains(&w)
}

/// "Foreign Minister Sergey Lavrov": capitalised words right after a title
/// are the holder's name, even when no dictionary knows the person.
fn name_after_title(
    doc: &Document,
    sent_end: usize,
    p: &mut Phrase,
    people: &mut Vec<(Vec<String>, Actor)>,
) {
    let mut end = p.tokens.1;
    while end < sent_end && end < p.tokens.1 + 6 {
        let f = &doc.tokens[end].form;
        // Hyphens inside a name ("Jean-Yves") may be tokens of their own.
        let inner_hyphen = f == "-"
            && end > p.tokens.1
            && doc.tokens[end - 1].span.end == doc.tokens[end].span.start
            && doc
                .tokens
                .get(end + 1)
                .is_some_and(|n| n.span.start == doc.tokens[end].span.end && is_name_word(&n.form));
        if is_name_word(f) || inner_hyphen {
            end += 1;
        } else {
            break;
        }
    }
    if end - p.tokens.1 < 2 || p.actors.len() != 1 || p.actors[0].entity.is_some() {
        return;
    }
    let name_span = Span::new(
        doc.tokens[p.tokens.1].span.start,
        doc.tokens[end - 1].span.end,
    );
    let name = doc.slice(name_span).to_string();
    p.tokens.1 = end;
    p.span.end = name_span.end;
    let a = &mut p.actors[0];
    a.entity = Some(name.clone());
    a.text = doc.slice(p.span).to_string();
    p.via.push_str(&format!(" + name {name:?} after the title"));
    // Remember the surname (last word, with a particle such as "Le").
    if let Some(sur) = surname(&name) {
        // The surname as tokens, matched later token by token.
        let start = name_span.end - sur.len();
        let sur_words: Vec<String> = doc
            .tokens
            .iter()
            .filter(|t| t.span.start >= start && t.span.end <= name_span.end)
            .map(|t| t.form.clone())
            .collect();
        people.push((sur_words, a.clone()));
    }
}

/// Marks later bare mentions of remembered surnames as the same actor.
fn surname_references(
    doc: &Document,
    si: usize,
    people: &[(Vec<String>, Actor)],
    phrases: &mut Vec<Phrase>,
    first_phrase: usize,
) {
    let sent = &doc.sentences[si];
    for t in sent.tokens.0..sent.tokens.1 {
        for (words, actor) in people {
            let n = words.len();
            if t + n > sent.tokens.1 || !(0..n).all(|k| doc.tokens[t + k].form == words[k]) {
                continue;
            }
            if phrases[first_phrase..]
                .iter()
                .any(|p| p.tokens.0 < t + n && t < p.tokens.1)
            {
                continue;
            }
            let span = Span::new(doc.tokens[t].span.start, doc.tokens[t + n - 1].span.end);
            let text = doc.slice(span).to_string();
            phrases.push(Phrase {
                sentence: si,
                tokens: (t, t + n),
                span,
                actors: vec![Actor {
                    text,
                    ..actor.clone()
                }],
                via: format!("surname of {}", actor.entity.as_deref().unwrap_or("?")),
                modifier: false,
                coord: None,
            });
        }
    }
}

/// "The opposing sides" with no conflict parties named before: the story's
/// first coordination of states or armed groups, wherever it stands (news
/// often names the parties only further down).
fn resolve_conflict_parties(
    doc: &Document,
    phrases: &mut Vec<Phrase>,
    pending: &[(usize, usize, usize)],
) {
    if pending.is_empty() {
        return;
    }
    let mut parties: Vec<Actor> = Vec::new();
    let mut current = None;
    for p in phrases.iter() {
        let party = p
            .actors
            .iter()
            .all(|a| a.roles.is_empty() && a.entity.is_none());
        match p.coord {
            Some(c) if party && (current.is_none() || current == Some(c)) => {
                current = Some(c);
                parties.extend(p.actors.iter().cloned());
            }
            _ if parties.len() >= 2 => break,
            _ => {
                parties.clear();
                current = None;
            }
        }
    }
    if parties.len() < 2 {
        return;
    }
    for &(si, start, end) in pending {
        let span = Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end);
        let text = doc.slice(span).to_string();
        let actors = parties
            .iter()
            .map(|a| Actor {
                text: text.clone(),
                ..a.clone()
            })
            .collect();
        phrases.push(Phrase {
            sentence: si,
            tokens: (start, end),
            span,
            actors,
            via: format!("group reference {text:?}: the conflict parties named in the article"),
            modifier: false,
            coord: None,
        });
    }
    phrases.sort_by_key(|p| p.tokens.0);
}

/// The actor phrase that is the subject of the verb of saying whose clause
/// has pronoun `t` as its subject.
fn speaker_of<'a>(
    doc: &Document,
    sent: (usize, usize),
    t: usize,
    phrases: &'a [Phrase],
) -> Option<&'a Phrase> {
    let head = |i: usize| doc.tokens[i].head.map(|h| h as usize + sent.0);
    if !doc.tokens[t].deprel.starts_with("nsubj") {
        return None;
    }
    let verb = head(t)?;
    if doc.tokens[verb].deprel != "ccomp" {
        return None;
    }
    let say = head(verb).filter(|&h| crate::events::SAY.contains(&doc.tokens[h].lemma.as_str()))?;
    let subj =
        (sent.0..sent.1).find(|&i| head(i) == Some(say) && doc.tokens[i].deprel == "nsubj")?;
    phrases
        .iter()
        .find(|p| p.tokens.0 <= subj && subj < p.tokens.1 && !p.modifier)
}

fn is_person(p: &Phrase) -> bool {
    p.actors.len() == 1
        && p.actors[0].entity.is_some()
        && (p.via.contains("person ")
            || p.via.contains("after the title")
            || p.via.starts_with("surname of")
            || p.via.starts_with("pronoun"))
}

/// A phrase for a reference (pronoun, group noun) to actors named elsewhere:
/// the actors, with the referring words as their text.
fn reference(
    doc: &Document,
    si: usize,
    tokens: (usize, usize),
    actors: &[Actor],
    via: String,
) -> Phrase {
    let span = Span::new(
        doc.tokens[tokens.0].span.start,
        doc.tokens[tokens.1 - 1].span.end,
    );
    let text = doc.slice(span).to_string();
    let actors = actors
        .iter()
        .map(|a| Actor {
            text: text.clone(),
            ..a.clone()
        })
        .collect();
    Phrase {
        sentence: si,
        tokens,
        span,
        actors,
        via,
        modifier: false,
        coord: None,
    }
}

/// Pronouns: the speaker for the subject of what was said ("Iran said it
/// would ..."); "they" for the last coordination; "he", "she" for the last
/// person named in this or the two sentences before.
fn pronouns(
    d: &Dictionaries,
    doc: &Document,
    si: usize,
    phrases: &mut Vec<Phrase>,
    first_phrase: usize,
) {
    let sent = &doc.sentences[si];
    let lo = doc.sentences[si.saturating_sub(2)].tokens.0;
    let lo_plural = doc.sentences[si.saturating_sub(1)].tokens.0;
    for t in sent.tokens.0..sent.tokens.1 {
        let form = lower(&doc.tokens[t].form);
        if phrases[first_phrase..]
            .iter()
            .any(|p| p.tokens.0 <= t && t < p.tokens.1)
        {
            continue;
        }
        let found = if let Some(speaker) = matches!(form.as_str(), "it" | "they" | "he" | "she")
            .then(|| speaker_of(doc, sent.tokens, t, &phrases[first_phrase..]))
            .flatten()
        {
            Some((
                speaker.actors.clone(),
                format!(
                    "pronoun {form:?}: the speaker {:?}",
                    doc.slice(speaker.span)
                ),
            ))
        } else if d.resolution.pronouns_plural.contains(&form) {
            let last = phrases
                .iter()
                .rev()
                .find(|p| p.tokens.1 <= t && p.tokens.0 >= lo_plural && p.coord.is_some());
            let group: Vec<Actor> = last
                .map(|last| {
                    let same = |p: &&Phrase| p.coord == last.coord && p.sentence == last.sentence;
                    phrases
                        .iter()
                        .filter(same)
                        .flat_map(|p| p.actors.iter().cloned())
                        .collect()
                })
                .unwrap_or_default();
            (group.len() >= 2).then(|| {
                (
                    group,
                    format!("pronoun {form:?}: the coordination before it"),
                )
            })
        } else if d.resolution.pronouns_singular.contains(&form) {
            phrases
                .iter()
                .rev()
                .find(|p| p.tokens.1 <= t && p.tokens.0 >= lo && is_person(p))
                .map(|a| {
                    let via = format!(
                        "pronoun {form:?}: {}",
                        a.actors[0].entity.as_deref().unwrap_or("?")
                    );
                    (a.actors.clone(), via)
                })
        } else {
            None
        };
        if let Some((actors, via)) = found {
            phrases.push(reference(doc, si, (t, t + 1), &actors, via));
        }
    }
}

/// A comma list continues into an "and": "Russia, France and the United States".
fn next_is_and_list(doc: &Document, rest: &[Phrase]) -> bool {
    rest.windows(2).any(|w| {
        let gap: Vec<&str> = (w[0].tokens.1..w[1].tokens.0)
            .map(|t| doc.tokens[t].form.as_str())
            .collect();
        gap.contains(&"and") && gap.iter().all(|x| matches!(*x, "and" | ","))
    })
}

/// A place name that is only part of a longer proper name ("Azerbaijan Soviet
/// Socialist Republic", "Nagorno-Karabakh Autonomous Region") is no actor.
fn drop_inside_proper_name(doc: &Document, a: Atom, sent: (usize, usize)) -> bool {
    if !matches!(
        a.kind,
        Kind::Country(_) | Kind::Capital(_) | Kind::Region(_)
    ) {
        return false;
    }
    if a.last >= sent.1 {
        return false;
    }
    let next = &doc.tokens[a.last].form;
    // A capitalised word after the name continues it, unless it is a date word
    // ("Azerbaijan Monday") or a single letter.
    next.chars().next().is_some_and(|c| c.is_uppercase())
        && !MONTHS_DAYS.contains(&next.as_str())
        && next.len() > 1
}

/// An agent noun that only modifies another noun ("civilian areas",
/// "military action", "police station") names no actor.
fn agent_as_modifier(doc: &Document, a: Atom, sent: (usize, usize), cands: &[Atom]) -> bool {
    if !matches!(a.kind, Kind::Agent { .. }) {
        return false;
    }
    let last = &doc.tokens[a.last - 1];
    let Some(head) = last.head.map(|h| h as usize + sent.0) else {
        return false;
    };
    matches!(last.deprel.as_str(), "amod" | "compound")
        && head >= a.last
        && head < sent.1
        && matches!(doc.tokens[head].upos.as_str(), "NOUN")
        // "government troops": the head is an actor noun itself, and the phrase is one actor.
        && !cands.iter().any(|c| c.first <= head && head < c.last)
}

fn can_join(doc: &Document, g: &[Atom], a: Atom) -> bool {
    let prev = g.last().unwrap();
    let gap: Vec<&str> = (prev.last..a.first)
        .map(|t| doc.tokens[t].form.as_str())
        .collect();
    let has = |f: &dyn Fn(Kind) -> bool| g.iter().any(|x| f(x.kind));
    let has_person = has(&|k| matches!(k, Kind::Person(_) | Kind::Surname(_)));
    let has_place =
        has(&|k| k.is_place() || matches!(k, Kind::Capital(_) | Kind::Seat(_) | Kind::Demonym(_)));
    let has_org = has(&|k| matches!(k, Kind::Org(_)));
    let has_agent = has(&|k| matches!(k, Kind::Agent { .. }));
    if has_person {
        return false;
    }
    let glue_ok = gap.iter().all(|w| GLUE.contains(&lower(w).as_str()));
    match a.kind {
        Kind::Agent { .. } => glue_ok && !has_org || (has_org && gap.is_empty()),
        Kind::Person(_) | Kind::Surname(_) => glue_ok,
        Kind::Org(_) => (glue_ok && !has_org) || (has_agent && !has_place && of_gap(&gap)),
        k if k.is_place() => {
            // "the president of France": agent + of + place; "security forces in
            // Guinea": an agent with no country of its own takes the place's.
            has_agent
                && !has_place
                && !has_org
                && (of_gap(&gap) || matches!(gap.as_slice(), ["in"] | ["in", "the"]))
        }
        _ => false,
    }
}

fn of_gap(gap: &[&str]) -> bool {
    matches!(gap, ["of"] | ["of", "the"])
}

fn split_code(code: &str, d: &Dictionaries) -> (Option<String>, Vec<String>) {
    let is_country =
        |c: &str| d.countries.iter().any(|x| x.code == c) || d.areas.iter().any(|x| x.code == c);
    let (country, rest) = if code.len() >= 3 && is_country(&code[..3]) {
        (Some(code[..3].to_string()), &code[3..])
    } else {
        (None, code)
    };
    let roles = (0..rest.len() / 3)
        .map(|i| rest[i * 3..i * 3 + 3].to_string())
        .filter(|r| d.roles.iter().any(|x| x.code == *r) || r == "IGO" || r == "NGO")
        .collect();
    (country, roles)
}

/// The actor(s) of a group of neighbouring name atoms, or of a reference
/// resolved against the phrases `earlier` in the document.
fn resolve(
    d: &Dictionaries,
    doc: &Document,
    si: usize,
    g: &[Atom],
    date: Option<NaiveDate>,
    earlier: &[Phrase],
) -> Option<Phrase> {
    let first = g[0].first;
    let last = g.last().unwrap().last;
    let span = Span::new(doc.tokens[first].span.start, doc.tokens[last - 1].span.end);
    let text = doc.slice(span).to_string();
    let mut place: Option<String> = None;
    let mut role: Option<(String, bool)> = None;
    let mut via = Vec::new();
    let mut actor: Option<Actor> = None;
    let mut only_adjective = true;
    for a in g {
        if !a.kind.is_adjective() {
            only_adjective = false;
        }
        match a.kind {
            Kind::Country(i) | Kind::Adjective(i) | Kind::Demonym(i) => {
                place = Some(d.countries[i].code.clone());
                via.push(format!("country {}", d.countries[i].code));
            }
            Kind::Capital(i) | Kind::Seat(i) => {
                place = Some(d.countries[i].code.clone());
                role.get_or_insert(("GOV".into(), false));
                via.push(format!("seat of government {}", d.countries[i].code));
            }
            Kind::Region(i) | Kind::RegionAdj(i) => {
                place = Some(d.regions[i].country.clone());
                via.push(format!(
                    "region {} ({})",
                    d.regions[i].name, d.regions[i].country
                ));
            }
            Kind::Area(i) | Kind::AreaAdj(i) => {
                place = Some(d.areas[i].code.clone());
                via.push(format!("area {}", d.areas[i].code));
            }
            Kind::Agent { role: r, plural } => {
                role = Some((d.roles[r].code.clone(), plural));
                via.push(format!("agent {}", d.roles[r].code));
            }
            Kind::Org(i) => {
                let o = &d.orgs[i];
                actor = Some(Actor {
                    code: o.code(),
                    country: (!o.country.is_empty()).then(|| o.country.clone()),
                    roles: vec![o.role.clone()],
                    text: text.clone(),
                    entity: Some(o.name.clone()),
                });
                via.push(format!("organization {}", o.code()));
            }
            Kind::Person(i) | Kind::Surname(i) => {
                let p = &d.people[i];
                let office = p.office_at(date);
                let code = office.map(|o| o.code.clone()).unwrap_or_default();
                let (country, roles) = split_code(&code, d);
                actor = Some(Actor {
                    code,
                    country,
                    roles,
                    text: text.clone(),
                    entity: Some(p.name.clone()),
                });
                via.push(format!(
                    "person {} ({})",
                    p.name,
                    office
                        .map(|o| format!("{} {}..{}", o.title, o.from, o.to))
                        .unwrap_or_default()
                ));
            }
        }
    }
    let mk = |actors: Vec<Actor>, via: String, modifier: bool| Phrase {
        sentence: si,
        tokens: (first, last),
        span,
        actors,
        via,
        modifier,
        coord: None,
    };
    if let Some(mut a) = actor {
        // An organisation named with a country word ("Lebanese Hezbollah") keeps its own code.
        if a.code.is_empty() {
            a.code = place.clone().unwrap_or_default();
            a.country = place;
        }
        return Some(mk(vec![a], via.join(" + "), false));
    }
    if let Some(p) = place {
        let roles: Vec<String> = role.iter().map(|(r, _)| r.clone()).collect();
        let code = format!("{p}{}", roles.concat());
        let country = Some(p);
        let a = Actor {
            code,
            country,
            roles,
            text,
            entity: None,
        };
        return Some(mk(vec![a], via.join(" + "), only_adjective));
    }
    // A bare agent: "the minister", "the ministers", "protesters".
    let (r, plural) = role?;
    let det = first
        .checked_sub(1)
        .map(|t| lower(&doc.tokens[t].form))
        .unwrap_or_default();
    let definite = d.resolution.group_determiners.contains(&det);
    let prev_sent_start = doc.sentences[si.saturating_sub(3)].tokens.0;
    let recent = earlier
        .iter()
        .rev()
        .filter(|p| p.tokens.0 >= prev_sent_start && !p.modifier);
    if plural && definite {
        // The most recent coordination (or group) whose actors all have this role.
        // Named people first ("the two ministers" are the two named before), then any.
        let recent: Vec<&Phrase> = recent.collect();
        let mut found: Vec<Actor> = Vec::new();
        for people_only in [true, false] {
            found.clear();
            for p in &recent {
                if p.actors
                    .iter()
                    .all(|a| a.roles.contains(&r) && (!people_only || a.entity.is_some()))
                {
                    for a in &p.actors {
                        if !found.iter().any(|f| f.code == a.code) {
                            found.push(a.clone());
                        }
                    }
                    if found.len() >= 2 {
                        break;
                    }
                }
            }
            if found.len() >= 2 {
                break;
            }
        }
        if found.len() >= 2 {
            let found = found
                .into_iter()
                .map(|a| Actor {
                    text: text.clone(),
                    ..a
                })
                .collect();
            return Some(mk(
                found,
                format!("group reference: {r} actors in context"),
                false,
            ));
        }
        return None;
    }
    if !plural && det == "the" {
        for p in recent {
            if p.actors.len() == 1 && p.actors[0].roles.contains(&r) {
                let a = Actor {
                    text,
                    ..p.actors[0].clone()
                };
                return Some(mk(
                    vec![a],
                    format!("reference: the last {r} actor ({})", p.via),
                    false,
                ));
            }
        }
        return None;
    }
    // An agent with no country: coded by its role alone.
    let a = Actor {
        code: r.clone(),
        country: None,
        roles: vec![r.clone()],
        text,
        entity: None,
    };
    Some(mk(vec![a], via.join(" + "), false))
}

/// "the sides", "both parties", "the two countries": the latest coordination
/// named before. The parties to a conflict ("the opposing sides") are left
/// unresolved unless a coordination of states is in context.
fn group_nouns(
    d: &Dictionaries,
    doc: &Document,
    si: usize,
    phrases: &mut Vec<Phrase>,
    first_phrase: usize,
    pending: &mut Vec<(usize, usize, usize)>,
) {
    let sent = &doc.sentences[si];
    let res = &d.resolution;
    for t in sent.tokens.0..sent.tokens.1 {
        let form = lower(&doc.tokens[t].form);
        let Some(noun) = res
            .group_nouns
            .iter()
            .find(|n| noun_plurals(n).contains(&form))
        else {
            continue;
        };
        let _ = noun;
        // Walk back over modifiers to the determiner.
        let mut start = t;
        let mut opposing = false;
        while start > sent.tokens.0 {
            let w = lower(&doc.tokens[start - 1].form);
            if res.opposing.contains(&w) {
                opposing = true;
                start -= 1;
            } else if res.group_determiners.contains(&w) {
                start -= 1;
            } else {
                break;
            }
        }
        if start == t
            || phrases[first_phrase..]
                .iter()
                .any(|p| p.tokens.0 <= t && t < p.tokens.1)
        {
            continue;
        }
        // Latest coordination before this point, in this or the previous three sentences.
        let lo = doc.sentences[si.saturating_sub(3)].tokens.0;
        let mut by_coord: Vec<(usize, Vec<Actor>)> = Vec::new();
        for p in phrases
            .iter()
            .filter(|p| p.tokens.0 >= lo && p.tokens.1 <= start)
        {
            if let Some(c) = p.coord {
                match by_coord.last_mut() {
                    Some((id, v)) if *id == c => v.extend(p.actors.iter().cloned()),
                    _ => by_coord.push((c, p.actors.clone())),
                }
            } else if p.actors.len() > 1 {
                by_coord.push((usize::MAX, p.actors.clone()));
            }
        }
        let pick = by_coord.into_iter().rev().find(|(_, v)| {
            // The parties to a conflict are states or armed groups named as
            // such, never the officials who spoke about them.
            v.len() >= 2
                && (!opposing || v.iter().all(|a| a.roles.is_empty() && a.entity.is_none()))
        });
        if pick.is_none() && opposing {
            pending.push((si, start, t + 1));
        }
        if let Some((_, actors)) = pick {
            let span = Span::new(doc.tokens[start].span.start, doc.tokens[t].span.end);
            let text = doc.slice(span).to_string();
            let actors = actors
                .into_iter()
                .map(|a| Actor {
                    text: text.clone(),
                    ..a
                })
                .collect();
            phrases.push(Phrase {
                sentence: si,
                tokens: (start, t + 1),
                span,
                actors,
                via: format!("group reference {text:?}: latest coordination in context"),
                modifier: false,
                coord: None,
            });
        }
    }
}

/// "Russian and French diplomats": the agent applies to both adjectives.
fn distribute_adjectives(ps: &mut [Phrase], doc: &Document) {
    for i in (0..ps.len().saturating_sub(1)).rev() {
        if !ps[i].modifier || ps[i + 1].modifier {
            continue;
        }
        let gap: Vec<&str> = (ps[i].tokens.1..ps[i + 1].tokens.0)
            .map(|t| doc.tokens[t].form.as_str())
            .collect();
        if !(gap == ["and"] || gap == [","]) {
            continue;
        }
        let next = &ps[i + 1];
        if next.actors.len() != 1
            || next.actors[0].roles.is_empty()
            || next.actors[0].entity.is_some()
        {
            continue;
        }
        let roles = next.actors[0].roles.clone();
        let a = &mut ps[i].actors[0];
        a.roles = roles;
        a.code = format!(
            "{}{}",
            a.country.clone().unwrap_or_default(),
            a.roles.concat()
        );
        ps[i].modifier = false;
        ps[i]
            .via
            .push_str(" + agent shared with the next adjective");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames() {
        assert_eq!(surname("Sergey Lavrov"), Some("Lavrov"));
        assert_eq!(surname("Jean-Yves Le Drian"), Some("Le Drian"));
        assert_eq!(surname("Ursula von der Leyen"), Some("von der Leyen"));
        assert_eq!(surname("Madonna"), None);
    }
}
