//! Reading a sentence's dependency tree (UD relations from the nlp stage):
//! the subject, object and agent of a trigger, with the usual sharing rules
//! (coordinated verbs share a subject; "urged X to" hands X to the verb
//! below; relative clauses take the noun they modify).

use dyad_doc::{Document, Token};

/// A sentence's tree, with document token indices.
pub struct Tree<'a> {
    tokens: &'a [Token],
    base: usize,
    kids: Vec<Vec<usize>>,
}

/// Verbs whose object is the subject of their infinitive ("urged Iran to
/// stop"); with any other verb the infinitive shares the verb's subject.
const OBJECT_CONTROL: &[&str] = &[
    "urge",
    "call",
    "ask",
    "press",
    "tell",
    "order",
    "invite",
    "encourage",
    "force",
    "request",
    "persuade",
    "pressure",
    "appeal",
    "allow",
    "help",
    "instruct",
    "warn",
    "advise",
    "compel",
    "enable",
];

impl<'a> Tree<'a> {
    /// None when the sentence is not parsed.
    pub fn new(doc: &'a Document, sent: (usize, usize)) -> Option<Tree<'a>> {
        let tokens = &doc.tokens[sent.0..sent.1];
        if tokens.iter().all(|t| t.deprel.is_empty()) {
            return None;
        }
        let mut kids = vec![Vec::new(); tokens.len()];
        for (i, t) in tokens.iter().enumerate() {
            if let Some(h) = t
                .head
                .map(|h| h as usize)
                .filter(|&h| h < tokens.len() && h != i)
            {
                kids[h].push(sent.0 + i);
            }
        }
        Some(Tree {
            tokens,
            base: sent.0,
            kids,
        })
    }

    fn tok(&self, t: usize) -> &Token {
        &self.tokens[t - self.base]
    }

    pub fn rel(&self, t: usize) -> &str {
        &self.tok(t).deprel
    }

    pub fn head(&self, t: usize) -> Option<usize> {
        self.tok(t)
            .head
            .map(|h| h as usize + self.base)
            .filter(|&h| h != t)
    }

    pub fn lemma(&self, t: usize) -> &str {
        &self.tok(t).lemma
    }

    pub fn children(&self, t: usize) -> &[usize] {
        &self.kids[t - self.base]
    }

    /// The first child with one of these relations (subtypes match their base: `obl` matches `obl:tmod`).
    pub fn child(&self, t: usize, rels: &[&str]) -> Option<usize> {
        self.children(t).iter().copied().find(|&c| {
            let r = self.rel(c);
            rels.iter()
                .any(|x| r == *x || (!x.contains(':') && r.split(':').next() == Some(x)))
        })
    }

    /// The preposition marking a nominal (`case` child), lower-cased.
    pub fn case_of(&self, t: usize) -> Option<String> {
        self.child(t, &["case"])
            .map(|c| self.tok(c).form.to_lowercase())
    }

    pub fn is_passive(&self, t: usize) -> bool {
        self.child(t, &["aux:pass", "nsubj:pass", "csubj:pass"])
            .is_some()
    }

    /// The subject of verb `t`: its own, or one it shares through
    /// coordination, control, a relative clause or a participial clause.
    pub fn subject(&self, t: usize) -> Option<usize> {
        self.subject_depth(t, 0)
    }

    fn subject_depth(&self, t: usize, depth: usize) -> Option<usize> {
        if depth > 6 {
            return None;
        }
        if let Some(s) = self.child(t, &["nsubj", "nsubj:pass", "csubj"]) {
            return Some(s);
        }
        let h = self.head(t)?;
        match self.rel(t) {
            "conj" => self.subject_depth(h, depth + 1),
            "xcomp" => {
                if OBJECT_CONTROL.contains(&self.lemma(h))
                    && let Some(o) = self
                        .child(h, &["obj", "iobj"])
                        .or_else(|| self.child(h, &["obl"]))
                {
                    return Some(o);
                }
                self.subject_depth(h, depth + 1)
            }
            "acl:relcl" | "acl" => Some(h),
            "advcl" => {
                // "..., killing eight people": the main clause's subject.
                let f = self.tok(t).form.to_lowercase();
                if f.ends_with("ing") || self.tok(t).xpos == "VBG" {
                    self.subject_depth(h, depth + 1)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Whether `t` hangs (through xcomp / ccomp) under a verb in `lemmas`;
    /// returns that verb.
    pub fn governed_by(&self, t: usize, rels: &[&str], lemmas: &[&str]) -> Option<usize> {
        let mut cur = t;
        for _ in 0..4 {
            if !rels.contains(&self.rel(cur)) {
                return None;
            }
            let h = self.head(cur)?;
            if lemmas.contains(&self.lemma(h)) {
                return Some(h);
            }
            cur = h;
        }
        None
    }

    /// As [`Tree::governed_by`], with a predicate on the governing lemma.
    pub fn governed_by_any(
        &self,
        t: usize,
        rels: &[&str],
        pred: &dyn Fn(&str) -> bool,
    ) -> Option<usize> {
        let mut cur = t;
        for _ in 0..4 {
            if !rels.contains(&self.rel(cur)) {
                return None;
            }
            let h = self.head(cur)?;
            if pred(self.lemma(h)) {
                return Some(h);
            }
            cur = h;
        }
        None
    }

    /// `t` and the tokens under it along these relations, breadth first.
    pub fn near(&self, t: usize, rels: &[&str], depth: usize) -> Vec<usize> {
        let mut out = vec![t];
        let mut frontier = vec![t];
        for _ in 0..depth {
            let mut next = Vec::new();
            for &f in &frontier {
                for &c in self.children(f) {
                    let r = self.rel(c);
                    if rels
                        .iter()
                        .any(|x| r == *x || r.split(':').next() == Some(x))
                    {
                        next.push(c);
                    }
                }
            }
            out.extend(&next);
            frontier = next;
        }
        out
    }
}
