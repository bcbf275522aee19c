//! Greedy left-to-right part-of-speech tagger (averaged perceptron).
//! Predicts one joint class per word, a (UPOS, PTB XPOS) pair as seen in
//! training, so the two tag sets always agree.

use crate::conllu;
use crate::perceptron::{IdMap, Model, Reader, Rng, Trainer, Writer, feat, hash_str, mix};

const MAGIC: &str = "dyad-tagger-2";
const START: u64 = 0x5354_4152_5400_0001;
const END: u64 = 0x454e_4400_0000_0002;
const UNK: u64 = 0x554e_4b00_0000_0003;

/// Per-word hashed atoms, computed once per sentence.
#[derive(Clone, Copy, Default)]
struct Atoms {
    lower: u64,
    form: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    amb: u64,
    /// First-pass tag (hash of "UPOS XPOS"), 0 without a first pass.
    first: u64,
    fixed: Option<u16>,
}

/// The trained tagger.
#[derive(Debug)]
pub struct Tagger {
    model: Model,
    /// Joint classes: (UPOS, XPOS).
    tags: Vec<(String, String)>,
    /// Lower-cased word hash -> hash of its set of training tags.
    ambig: IdMap<u64>,
    /// Lower-cased word hash -> its one tag, for frequent unambiguous words.
    fixed: IdMap<u16>,
    /// First-pass tagger whose tags this one sees as features (stacking).
    first: Option<Box<Tagger>>,
}

fn first_key(upos: &str, xpos: &str) -> u64 {
    hash_str(&format!("{upos} {xpos}"))
}

fn shape(w: &str) -> String {
    let mut s = String::with_capacity(8);
    let mut last = '\0';
    for c in w.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if m != last {
            s.push(m);
            last = m;
        }
    }
    s
}

fn affixes(lower: &str) -> ([u64; 4], [u64; 3]) {
    let cs: Vec<(usize, char)> = lower.char_indices().collect();
    let n = cs.len();
    let mut suf = [0u64; 4];
    let mut pre = [0u64; 3];
    for k in 1..=4 {
        suf[k - 1] = if n >= k {
            hash_str(&lower[cs[n - k].0..])
        } else {
            UNK + k as u64
        };
    }
    for k in 1..=3 {
        pre[k - 1] = if n >= k {
            let end = if n > k { cs[k].0 } else { lower.len() };
            hash_str(&lower[..end])
        } else {
            UNK + 10 + k as u64
        };
    }
    (suf, pre)
}

/// Lower-case form with digits collapsed, so "1984" and "1992" share a key.
fn norm(form: &str) -> String {
    let l = form.to_lowercase();
    if l.bytes().any(|b| b.is_ascii_digit()) {
        l.chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect()
    } else {
        l
    }
}

fn atoms_of(forms: &[&str], ambig: &IdMap<u64>, fixed: &IdMap<u16>) -> Vec<Atoms> {
    forms
        .iter()
        .map(|f| {
            let lower = norm(f);
            let lh = hash_str(&lower);
            let (suf, pre) = affixes(&lower);
            Atoms {
                lower: lh,
                form: hash_str(f),
                suf,
                pre,
                shape: hash_str(&shape(f)),
                amb: ambig.get(&lh).copied().unwrap_or(UNK),
                first: 0,
                fixed: fixed.get(&lh).copied(),
            }
        })
        .collect()
}

const PAD_START: Atoms = Atoms {
    lower: START,
    form: START,
    suf: [START; 4],
    pre: [START; 3],
    shape: START,
    amb: START,
    first: START,
    fixed: None,
};
const PAD_END: Atoms = Atoms {
    lower: END,
    form: END,
    suf: [END; 4],
    pre: [END; 3],
    shape: END,
    amb: END,
    first: END,
    fixed: None,
};

/// Features of word `i` given the two previous tags (as class ids + 1, 0 = start).
fn features(a: &[Atoms], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> &Atoms {
        let j = i as isize + k;
        if j < 0 {
            &PAD_START
        } else if j as usize >= a.len() {
            &PAD_END
        } else {
            &a[j as usize]
        }
    };
    let w = at(0);
    let (m1, m2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    out.push(feat(0, 0, 0, 0));
    out.push(feat(1, w.lower, 0, 0));
    out.push(feat(2, w.form, 0, 0));
    for k in 0..4 {
        out.push(feat(3 + k as u64, w.suf[k], 0, 0));
    }
    for k in 0..3 {
        out.push(feat(7 + k as u64, w.pre[k], 0, 0));
    }
    out.push(feat(10, w.shape, 0, 0));
    out.push(feat(11, m1.lower, 0, 0));
    out.push(feat(12, m2.lower, 0, 0));
    out.push(feat(13, n1.lower, 0, 0));
    out.push(feat(14, n2.lower, 0, 0));
    out.push(feat(15, m1.suf[2], 0, 0));
    out.push(feat(16, n1.suf[2], 0, 0));
    out.push(feat(17, p1, 0, 0));
    out.push(feat(18, p1, p2, 0));
    out.push(feat(19, p1, w.lower, 0));
    out.push(feat(20, p1, w.suf[2], 0));
    out.push(feat(21, n1.amb, 0, 0));
    out.push(feat(22, n2.amb, 0, 0));
    out.push(feat(23, w.amb, 0, 0));
    out.push(feat(24, n1.amb, w.lower, 0));
    out.push(feat(25, m1.lower, w.lower, 0));
    out.push(feat(26, w.lower, n1.lower, 0));
    out.push(feat(27, n1.shape, 0, 0));
    out.push(feat(28, m1.shape, 0, 0));
    out.push(feat(29, (i == 0) as u64, w.shape, 0));
    out.push(feat(30, p1, n1.amb, 0));
    out.push(feat(31, p2, 0, 0));
    out.push(feat(32, w.amb, n1.amb, 0));
    out.push(feat(33, m1.amb, w.amb, p1));
    out.push(feat(34, w.amb, w.suf[1], 0));
    out.push(feat(35, n1.lower, n2.lower, 0));
    out.push(feat(36, m1.lower, m2.lower, 0));
    out.push(feat(37, w.shape, n1.shape, m1.shape));
    out.push(feat(38, p1, w.shape, 0));
    if w.first != 0 {
        // Stacking: the first pass's tags, chiefly to the right.
        out.push(feat(40, w.first, 0, 0));
        out.push(feat(41, n1.first, 0, 0));
        out.push(feat(42, n1.first, n2.first, 0));
        out.push(feat(43, w.first, n1.first, 0));
        out.push(feat(44, w.lower, n1.first, 0));
        out.push(feat(45, p1, w.first, n1.first));
        out.push(feat(46, w.first, w.suf[2], 0));
    }
}

fn argmax_i32(s: &[i32]) -> usize {
    let mut best = 0;
    for (c, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = c;
        }
    }
    best
}

impl Tagger {
    /// Tags a sentence; returns a class id per word (see [`Tagger::upos`]).
    pub fn tag(&self, forms: &[&str]) -> Vec<u16> {
        let mut a = atoms_of(forms, &self.ambig, &self.fixed);
        if let Some(f) = &self.first {
            for (at, c) in a.iter_mut().zip(f.tag(forms)) {
                at.first = first_key(f.upos(c), f.xpos(c));
            }
        }
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0i32; self.tags.len()];
        let mut out = Vec::with_capacity(forms.len());
        let (mut p1, mut p2) = (0u64, 0u64);
        for i in 0..a.len() {
            let c = match a[i].fixed {
                Some(c) => c as usize,
                None => {
                    features(&a, i, p1, p2, &mut feats);
                    self.model.score(&feats, &mut scores);
                    argmax_i32(&scores)
                }
            };
            out.push(c as u16);
            p2 = p1;
            p1 = c as u64 + 1;
        }
        out
    }

    /// A copy with weights below `min_q` dropped (smaller, faster model).
    pub fn pruned(&self, min_q: i16) -> Tagger {
        Tagger {
            model: self.model.pruned(min_q),
            tags: self.tags.clone(),
            ambig: self.ambig.clone(),
            fixed: self.fixed.clone(),
            first: self.first.as_ref().map(|f| Box::new(f.pruned(min_q))),
        }
    }

    pub fn upos(&self, class: u16) -> &str {
        &self.tags[class as usize].0
    }

    pub fn xpos(&self, class: u16) -> &str {
        &self.tags[class as usize].1
    }

    pub fn nclasses(&self) -> usize {
        self.tags.len()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(MAGIC);
        let joint: Vec<String> = self.tags.iter().map(|(u, x)| format!("{u}\t{x}")).collect();
        w.strs(&joint);
        let mut amb: Vec<(u64, u64)> = self.ambig.iter().map(|(k, v)| (*k, *v)).collect();
        amb.sort_unstable();
        w.u64s(&amb.iter().flat_map(|(k, v)| [*k, *v]).collect::<Vec<_>>());
        let mut fx: Vec<(u64, u16)> = self.fixed.iter().map(|(k, v)| (*k, *v)).collect();
        fx.sort_unstable();
        w.u64s(
            &fx.iter()
                .flat_map(|(k, v)| [*k, *v as u64])
                .collect::<Vec<_>>(),
        );
        self.model.write(&mut w);
        match &self.first {
            Some(f) => {
                w.u64(1);
                let b = f.to_bytes();
                w.u64(b.len() as u64);
                w.buf.extend_from_slice(&b);
            }
            None => w.u64(0),
        }
        w.buf
    }

    pub fn from_bytes(b: &[u8]) -> Result<Tagger, String> {
        let mut r = Reader::new(b);
        let version = match r.str()?.as_str() {
            MAGIC => 2,
            "dyad-tagger-1" => 1,
            _ => return Err("not a dyad tagger model".into()),
        };
        let tags = r
            .strs()?
            .into_iter()
            .map(|s| {
                let (u, x) = s.split_once('\t').unwrap_or((&s, ""));
                (u.to_string(), x.to_string())
            })
            .collect::<Vec<_>>();
        let amb = r.u64s()?;
        let ambig = amb.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        let fx = r.u64s()?;
        let fixed = fx.chunks_exact(2).map(|c| (c[0], c[1] as u16)).collect();
        let model = Model::read(&mut r)?;
        if model.nclasses != tags.len() {
            return Err("tagger class count mismatch".into());
        }
        let first = if version >= 2 && r.u64()? == 1 {
            let n = r.u64()? as usize;
            Some(Box::new(Tagger::from_bytes(r.bytes(n)?)?))
        } else {
            None
        };
        Ok(Tagger {
            model,
            tags,
            ambig,
            fixed,
            first,
        })
    }

    /// Accuracy (UPOS, XPOS) on gold-tokenized sentences.
    pub fn evaluate(&self, sents: &[conllu::Sentence]) -> (f64, f64) {
        let (mut n, mut u, mut x) = (0usize, 0usize, 0usize);
        for s in sents {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            for (w, c) in s.words.iter().zip(self.tag(&forms)) {
                n += 1;
                u += (self.upos(c) == w.upos) as usize;
                x += (self.xpos(c) == w.xpos) as usize;
            }
        }
        (u as f64 / n.max(1) as f64, x as f64 / n.max(1) as f64)
    }
}

/// Training settings.
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Quantized weights below this magnitude are dropped.
    pub min_weight: i16,
    /// Folds for training a stacked second pass (below 2: one pass).
    pub stack_folds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 7,
            min_weight: 2,
            stack_folds: 5,
        }
    }
}

/// Trains on `train`, reporting dev accuracy per epoch through `log`, and
/// returns the model of the best dev epoch.
pub fn train(
    train: &[conllu::Sentence],
    dev: &[conllu::Sentence],
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    if opts.stack_folds < 2 {
        return train_pass(train, dev, opts, None, log);
    }
    let first = train_pass(train, dev, opts, None, log);
    // First-pass tags of the training set come from taggers that did not
    // see the sentence, so the second pass learns how far to trust them.
    let folds = opts.stack_folds;
    let mut first_tags: Vec<Vec<u64>> = vec![Vec::new(); train.len()];
    let fold_opts = TrainOptions {
        epochs: opts.epochs.min(6),
        stack_folds: 0,
        ..*opts
    };
    for k in 0..folds {
        let rest: Vec<conllu::Sentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, s)| s.clone())
            .collect();
        let t = train_pass(&rest, &[], &fold_opts, None, &mut |_| {});
        for (i, s) in train.iter().enumerate().filter(|(i, _)| i % folds == k) {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            first_tags[i] = t
                .tag(&forms)
                .iter()
                .map(|&c| first_key(t.upos(c), t.xpos(c)))
                .collect();
        }
        log(&format!("tagger first-pass fold {}/{folds} done", k + 1));
    }
    let mut second = train_pass(train, dev, opts, Some(&first_tags), log);
    second.first = Some(Box::new(first));
    second
}

/// One greedy pass; with `first_tags`, a stacked pass whose dev evaluation
/// is skipped here (the caller attaches the first-pass tagger afterwards).
fn train_pass(
    train: &[conllu::Sentence],
    dev: &[conllu::Sentence],
    opts: &TrainOptions,
    first_tags: Option<&[Vec<u64>]>,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    // Classes and the tag dictionaries.
    let mut class_of: std::collections::HashMap<(String, String), u16> = Default::default();
    let mut tags = Vec::new();
    let mut counts: IdMap<std::collections::BTreeMap<u16, usize>> = IdMap::default();
    for s in train {
        for w in &s.words {
            let key = (w.upos.clone(), w.xpos.clone());
            let c = *class_of.entry(key.clone()).or_insert_with(|| {
                tags.push(key);
                (tags.len() - 1) as u16
            });
            *counts
                .entry(hash_str(&norm(&w.form)))
                .or_default()
                .entry(c)
                .or_default() += 1;
        }
    }
    let mut ambig = IdMap::default();
    let mut fixed = IdMap::default();
    for (w, cs) in &counts {
        let total: usize = cs.values().sum();
        if total >= 2 {
            let mut h = 0x616d_6267u64;
            for c in cs.keys() {
                h = mix(h ^ (*c as u64 + 1));
            }
            ambig.insert(*w, h);
        }
        let (&best, &n) = cs.iter().max_by_key(|(_, n)| **n).unwrap();
        if total >= 20 && n as f64 / total as f64 >= 0.995 {
            fixed.insert(*w, best);
        }
    }
    let gold: Vec<Vec<u16>> = train
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| class_of[&(w.upos.clone(), w.xpos.clone())])
                .collect()
        })
        .collect();
    let atoms: Vec<Vec<Atoms>> = train
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let mut a = atoms_of(&forms, &ambig, &fixed);
            if let Some(ft) = first_tags {
                for (at, &f) in a.iter_mut().zip(&ft[i]) {
                    at.first = f;
                }
            }
            a
        })
        .collect();
    let mut trainer = Trainer::new(tags.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(opts.seed);
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; tags.len()];
    let mut best: Option<(f64, Tagger)> = None;
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        let (mut n, mut ok) = (0usize, 0usize);
        for &si in &order {
            let a = &atoms[si];
            let (mut p1, mut p2) = (0u64, 0u64);
            for i in 0..a.len() {
                let g = gold[si][i] as usize;
                let guess = match a[i].fixed {
                    Some(c) => c as usize,
                    None => {
                        features(a, i, p1, p2, &mut feats);
                        trainer.score(&feats, &mut scores);
                        let mut b = 0;
                        for c in 1..scores.len() {
                            if scores[c] > scores[b] {
                                b = c;
                            }
                        }
                        trainer.update(&feats, g, b);
                        b
                    }
                };
                n += 1;
                ok += (guess == g) as usize;
                p2 = p1;
                p1 = guess as u64 + 1;
            }
        }
        let tagger = Tagger {
            model: trainer.compact(opts.min_weight),
            tags: tags.clone(),
            ambig: ambig.clone(),
            fixed: fixed.clone(),
            first: None,
        };
        if first_tags.is_some() {
            // Scored on dev only once the first pass is attached.
            log(&format!(
                "tagger second pass epoch {epoch}: train {:.2}%",
                100.0 * ok as f64 / n as f64
            ));
            best = Some((0.0, tagger));
            continue;
        }
        let (u, x) = tagger.evaluate(dev);
        log(&format!(
            "tagger epoch {epoch}: train {:.2}%  dev UPOS {:.2}%  XPOS {:.2}%  ({} features, {} weights)",
            100.0 * ok as f64 / n as f64,
            100.0 * u,
            100.0 * x,
            tagger.model.nfeatures(),
            tagger.model.nweights()
        ));
        if dev.is_empty() || best.as_ref().is_none_or(|(b, _)| u + x > *b) {
            best = Some((u + x, tagger));
        }
    }
    best.expect("at least one epoch").1
}

/// Replaces the tags of `train` by those of taggers trained on the other
/// `folds - 1` parts (jackknifing), so the parser learns from realistic tags.
pub fn jackknife(
    train: &[conllu::Sentence],
    folds: usize,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Vec<conllu::Sentence> {
    let mut out = train.to_vec();
    for k in 0..folds {
        let rest: Vec<conllu::Sentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, s)| s.clone())
            .collect();
        let t = self::train(&rest, &[], opts, &mut |_| {});
        let (mut n, mut ok) = (0usize, 0usize);
        for (i, s) in out.iter_mut().enumerate() {
            if i % folds != k {
                continue;
            }
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags = t.tag(&forms);
            for (w, c) in s.words.iter_mut().zip(tags) {
                n += 1;
                ok += (w.upos == t.upos(c)) as usize;
                w.upos = t.upos(c).to_string();
                w.xpos = t.xpos(c).to_string();
            }
        }
        log(&format!(
            "jackknife fold {}/{folds}: UPOS {:.2}%",
            k + 1,
            100.0 * ok as f64 / n.max(1) as f64
        ));
    }
    out
}

/// Copies of `sents` with the tags predicted by `tagger`.
pub fn retag(tagger: &Tagger, sents: &[conllu::Sentence]) -> Vec<conllu::Sentence> {
    let mut out = sents.to_vec();
    for s in &mut out {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = tagger.tag(&forms);
        for (w, c) in s.words.iter_mut().zip(tags) {
            w.upos = tagger.upos(c).to_string();
            w.xpos = tagger.xpos(c).to_string();
        }
    }
    out
}
