//! Lemmatizer learned from the EWT lemma column: an exception table keyed
//! by (lower-cased form, XPOS) and suffix rules keyed by (XPOS, suffix),
//! each an edit "strip N characters, append S, maybe lower-case".

use crate::conllu;
use crate::perceptron::{Reader, Writer};
use std::collections::HashMap;

const MAGIC: &str = "dyad-lemmatizer-1";
const MAX_SUFFIX: usize = 6;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    lower: bool,
    strip: u8,
    append: String,
}

impl Rule {
    fn learn(form: &str, lemma: &str) -> Rule {
        let lower = lemma == lemma.to_lowercase();
        let src = if lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let common = src
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        Rule {
            lower,
            strip: (src.chars().count() - common).min(255) as u8,
            append: lemma.chars().skip(common).collect(),
        }
    }

    fn apply(&self, form: &str) -> String {
        let src = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let keep = src.chars().count().saturating_sub(self.strip as usize);
        let mut s: String = src.chars().take(keep).collect();
        s.push_str(&self.append);
        if s.is_empty() { src } else { s }
    }

    fn encode(&self) -> String {
        format!("{}\t{}\t{}", self.lower as u8, self.strip, self.append)
    }

    fn decode(s: &str) -> Option<Rule> {
        let mut it = s.splitn(3, '\t');
        Some(Rule {
            lower: it.next()? == "1",
            strip: it.next()?.parse().ok()?,
            append: it.next()?.to_string(),
        })
    }
}

/// The trained lemmatizer.
#[derive(Debug, Default)]
pub struct Lemmatizer {
    exact: HashMap<String, Rule>,
    suffix: HashMap<String, Rule>,
}

fn key(a: &str, b: &str) -> String {
    format!("{a}\t{b}")
}

fn suffix(lower: &str, k: usize) -> &str {
    match lower.char_indices().rev().nth(k.saturating_sub(1)) {
        Some((i, _)) if k > 0 => &lower[i..],
        _ => "",
    }
}

impl Lemmatizer {
    /// Learns the tables from gold annotated sentences.
    pub fn train(sents: &[conllu::Sentence]) -> Lemmatizer {
        let mut exact: HashMap<String, HashMap<Rule, usize>> = HashMap::new();
        let mut suf: HashMap<String, HashMap<Rule, usize>> = HashMap::new();
        // Suffix rules count word types, so that one frequent typo
        // ("collages" -> "college") cannot make a rule on its own.
        let mut seen: std::collections::HashSet<String> = Default::default();
        for s in sents {
            for w in &s.words {
                if w.lemma == "_" || w.lemma.is_empty() {
                    continue;
                }
                let rule = Rule::learn(&w.form, &w.lemma);
                let lower = w.form.to_lowercase();
                *exact
                    .entry(key(&lower, &w.xpos))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
                if !seen.insert(key(&lower, &w.xpos)) {
                    continue;
                }
                let n = lower.chars().count();
                for k in 0..=MAX_SUFFIX.min(n) {
                    if rule.strip as usize <= k {
                        *suf.entry(key(&w.xpos, suffix(&lower, k)))
                            .or_default()
                            .entry(rule.clone())
                            .or_default() += 1;
                    }
                }
            }
        }
        let best = |m: HashMap<Rule, usize>| {
            let total: usize = m.values().sum();
            let (r, n) = m
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .unwrap();
            (r, n, total)
        };
        Lemmatizer {
            exact: exact.into_iter().map(|(k, m)| (k, best(m).0)).collect(),
            suffix: suf
                .into_iter()
                .filter_map(|(k, m)| {
                    // An ambiguous suffix ("-elled": travel/shell) backs off
                    // to a shorter, clearer one.
                    let (r, n, total) = best(m);
                    (n >= 2 && n * 3 >= total * 2).then_some((k, r))
                })
                .collect(),
        }
    }

    /// The lemma of `form` tagged `xpos` (PTB) / `upos`.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(r) = self.exact.get(&key(&lower, xpos)) {
            return r.apply(form);
        }
        if upos == "PROPN" && xpos == "NNP" {
            return form.to_string();
        }
        let n = lower.chars().count();
        for k in (0..=MAX_SUFFIX.min(n)).rev() {
            if let Some(r) = self.suffix.get(&key(xpos, suffix(&lower, k))) {
                return r.apply(form);
            }
        }
        lower
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(MAGIC);
        for table in [&self.exact, &self.suffix] {
            let mut v: Vec<String> = table
                .iter()
                .map(|(k, r)| format!("{k}\t{}", r.encode()))
                .collect();
            v.sort();
            w.strs(&v);
        }
        w.buf
    }

    pub fn from_bytes(b: &[u8]) -> Result<Lemmatizer, String> {
        let mut r = Reader::new(b);
        if r.str()? != MAGIC {
            return Err("not a dyad lemmatizer model".into());
        }
        let mut tables = Vec::new();
        for _ in 0..2 {
            let mut m = HashMap::new();
            for line in r.strs()? {
                let mut it = line.splitn(3, '\t');
                let (a, b, rest) = (it.next(), it.next(), it.next());
                let (Some(a), Some(b), Some(rest)) = (a, b, rest) else {
                    return Err("bad lemmatizer entry".into());
                };
                let rule = Rule::decode(rest).ok_or("bad lemmatizer rule")?;
                m.insert(key(a, b), rule);
            }
            tables.push(m);
        }
        let suffix = tables.pop().unwrap();
        let exact = tables.pop().unwrap();
        Ok(Lemmatizer { exact, suffix })
    }

    /// Lemma accuracy on sentences whose tag columns hold the tags to use.
    pub fn evaluate(&self, sents: &[conllu::Sentence]) -> f64 {
        let (mut n, mut ok) = (0usize, 0usize);
        for s in sents {
            for w in &s.words {
                n += 1;
                ok += (self.lemma(&w.form, &w.upos, &w.xpos) == w.lemma) as usize;
            }
        }
        ok as f64 / n.max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_generalise_to_unseen_words() {
        let text = "1\tforces\tforce\tNOUN\tNNS\t_\t0\troot\t_\t_\n\
                    2\tcities\tcity\tNOUN\tNNS\t_\t1\tdep\t_\t_\n\
                    3\tparties\tparty\tNOUN\tNNS\t_\t1\tdep\t_\t_\n\
                    4\tkilled\tkill\tVERB\tVBD\t_\t1\tdep\t_\t_\n\
                    5\tshelled\tshell\tVERB\tVBD\t_\t1\tdep\t_\t_\n\
                    6\twas\tbe\tAUX\tVBD\t_\t1\tdep\t_\t_\n\
                    7\tThe\tthe\tDET\tDT\t_\t1\tdep\t_\t_\n\
                    8\ttroops\ttroop\tNOUN\tNNS\t_\t1\tdep\t_\t_\n\n";
        let sents = conllu::parse(text).unwrap();
        let l = Lemmatizer::train(&sents);
        let l = Lemmatizer::from_bytes(&l.to_bytes()).unwrap();
        assert_eq!(l.lemma("was", "AUX", "VBD"), "be");
        assert_eq!(l.lemma("THE", "DET", "DT"), "the");
        assert_eq!(l.lemma("militias", "NOUN", "NNS"), "militia");
        assert_eq!(l.lemma("bombed", "VERB", "VBD"), "bomb");
        assert_eq!(l.lemma("Baku", "PROPN", "NNP"), "Baku");
    }
}
