//! Evaluation against CoNLL-U gold: tagging, lemmas and attachment with
//! gold tokens, and the whole pipeline from raw text (tokens, sentences and
//! attachment scored on aligned tokens, as in the CoNLL 2018 shared task).

use crate::{Nlp, conllu};
use dyad_doc::Document;
use std::collections::HashMap;
use std::time::Instant;

/// Scores with gold tokenization.
#[derive(Clone, Debug, Default)]
pub struct GoldTokenScores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    pub tokens_per_sec: f64,
}

/// Tags, lemmatizes and parses gold-tokenized sentences and scores them.
pub fn gold_tokens(nlp: &Nlp, sents: &[conllu::Sentence]) -> GoldTokenScores {
    let (mut n, mut u, mut x, mut l, mut ua, mut la) = (0usize, 0, 0, 0, 0, 0);
    let t0 = Instant::now();
    let mut out = Vec::with_capacity(sents.len());
    for s in sents {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        out.push(nlp.analyze(&forms));
    }
    let secs = t0.elapsed().as_secs_f64();
    for (s, an) in sents.iter().zip(&out) {
        for (w, a) in s.words.iter().zip(an) {
            n += 1;
            u += (a.upos == w.upos) as usize;
            x += (a.xpos == w.xpos) as usize;
            l += (a.lemma == w.lemma) as usize;
            let head = a.head.map_or(0, |h| h as usize + 1);
            if head == w.head {
                ua += 1;
                la += (a.deprel == w.deprel) as usize;
            }
        }
    }
    let r = |k: usize| k as f64 / n.max(1) as f64;
    GoldTokenScores {
        words: n,
        upos: r(u),
        xpos: r(x),
        lemma: r(l),
        uas: r(ua),
        las: r(la),
        tokens_per_sec: n as f64 / secs.max(1e-9),
    }
}

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(correct: usize, predicted: usize, gold: usize) -> Prf {
        let p = correct as f64 / predicted.max(1) as f64;
        let r = correct as f64 / gold.max(1) as f64;
        Prf {
            precision: p,
            recall: r,
            f1: if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        }
    }
}

/// Scores of the whole pipeline run from raw text.
#[derive(Clone, Debug, Default)]
pub struct RawTextScores {
    pub tokens: Prf,
    pub sentences: Prf,
    pub upos: Prf,
    pub uas: Prf,
    pub las: Prf,
    pub tokens_per_sec: f64,
}

/// A gold word: span, 0-based document-level head index (None for the
/// root), UPOS and relation.
type GoldWord = ((usize, usize), Option<usize>, String, String);

struct GoldDoc {
    text: String,
    words: Vec<GoldWord>,
    sentences: Vec<(usize, usize)>,
}

/// Rebuilds documents from `# text`, `# newdoc` and `# newpar`: sentences
/// of a paragraph are joined by a space, paragraphs by a blank line.
fn rebuild(sents: &[conllu::Sentence]) -> Vec<GoldDoc> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    for (k, s) in sents.iter().enumerate() {
        if k == 0 || s.newdoc {
            docs.push(GoldDoc {
                text: String::new(),
                words: Vec::new(),
                sentences: Vec::new(),
            });
        }
        let d = docs.last_mut().unwrap();
        if !d.text.is_empty() {
            d.text.push_str(if s.newpar { "\n\n" } else { " " });
        }
        let text = s.text.clone().unwrap_or_else(|| s.surface());
        let base = d.text.len();
        d.text.push_str(&text);
        let first = d.words.len();
        let mut cur = 0;
        for w in &s.words {
            let start = match text[cur..].find(w.form.as_str()) {
                Some(off) => cur + off,
                None => cur,
            };
            let end = (start + w.form.len()).min(text.len());
            cur = end;
            let head = (w.head > 0).then(|| first + w.head - 1);
            d.words.push((
                (base + start, base + end),
                head,
                w.upos.clone(),
                w.deprel.clone(),
            ));
        }
        d.sentences.push((base, base + text.len()));
    }
    docs
}

/// Runs [`Nlp::annotate`] on text rebuilt from the gold file and scores it.
pub fn raw_text(nlp: &Nlp, sents: &[conllu::Sentence]) -> RawTextScores {
    let docs = rebuild(sents);
    let (mut tok_c, mut tok_p, mut tok_g) = (0usize, 0usize, 0usize);
    let (mut sen_c, mut sen_p, mut sen_g) = (0usize, 0usize, 0usize);
    let (mut up_c, mut ua_c, mut la_c) = (0usize, 0usize, 0usize);
    let mut secs = 0.0;
    for gd in &docs {
        let mut doc = Document::new("eval", gd.text.clone());
        let t0 = Instant::now();
        nlp.annotate(&mut doc);
        secs += t0.elapsed().as_secs_f64();
        let gold_at: HashMap<(usize, usize), usize> =
            gd.words.iter().enumerate().map(|(i, w)| (w.0, i)).collect();
        let span = |k: usize| (doc.tokens[k].span.start, doc.tokens[k].span.end);
        tok_p += doc.tokens.len();
        tok_g += gd.words.len();
        for (si, s) in doc.sentences.iter().enumerate() {
            let (a, _) = s.tokens;
            for k in s.tokens.0..s.tokens.1 {
                let Some(&gi) = gold_at.get(&span(k)) else {
                    continue;
                };
                tok_c += 1;
                let g = &gd.words[gi];
                let t = &doc.tokens[k];
                up_c += (t.upos == g.2) as usize;
                let pred_head = t.head.map(|h| span(a + h as usize));
                let gold_head = g.1.map(|h| gd.words[h].0);
                if pred_head == gold_head {
                    ua_c += 1;
                    la_c += (t.deprel == g.3) as usize;
                }
            }
            let _ = si;
        }
        let gold_sents: std::collections::HashSet<(usize, usize)> =
            gd.sentences.iter().copied().collect();
        sen_p += doc.sentences.len();
        sen_g += gd.sentences.len();
        sen_c += doc
            .sentences
            .iter()
            .filter(|s| gold_sents.contains(&(s.span.start, s.span.end)))
            .count();
    }
    RawTextScores {
        tokens: Prf::new(tok_c, tok_p, tok_g),
        sentences: Prf::new(sen_c, sen_p, sen_g),
        upos: Prf::new(up_c, tok_p, tok_g),
        uas: Prf::new(ua_c, tok_p, tok_g),
        las: Prf::new(la_c, tok_p, tok_g),
        tokens_per_sec: tok_p as f64 / f64::max(secs, 1e-9),
    }
}
