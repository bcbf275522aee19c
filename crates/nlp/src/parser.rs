//! Labelled transition-based dependency parser: arc-eager with a dynamic
//! oracle (Goldberg & Nivre 2012), greedy decoding, averaged perceptron over
//! the rich feature set of Zhang & Nivre (2011).

use crate::conllu;
use crate::perceptron::{Model, Reader, Rng, Trainer, Writer, feat, hash_str, mix};

const MAGIC: &str = "dyad-parser-1";
const NONE: u16 = u16::MAX;
const SHIFT: usize = 0;
const REDUCE: usize = 1;

/// Hashed atoms of one word (index 0 is the artificial root).
#[derive(Clone, Copy)]
struct Atoms {
    w: u64,
    p: u64,
    wp: u64,
}

const NULL_ATOMS: Atoms = Atoms {
    w: 0x4e55_4c4c,
    p: 0x4e55_4c4c,
    wp: 0x4e55_4c4c,
};

/// Lower-case form with digits collapsed.
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

fn atoms_of(forms: &[&str], tags: &[&str]) -> Vec<Atoms> {
    let mut v = Vec::with_capacity(forms.len() + 1);
    let root = hash_str("<ROOT>");
    v.push(Atoms {
        w: root,
        p: root,
        wp: root,
    });
    for (f, t) in forms.iter().zip(tags) {
        let w = hash_str(&norm(f));
        let p = hash_str(t);
        v.push(Atoms {
            w,
            p,
            wp: mix(w ^ p.rotate_left(7)),
        });
    }
    v
}

/// Parser configuration. Words are 1..=n; 0 is the root.
struct State {
    n: usize,
    stack: Vec<u16>,
    b: usize,
    head: Vec<u16>,
    label: Vec<u8>,
    l1: Vec<u16>,
    l2: Vec<u16>,
    r1: Vec<u16>,
    r2: Vec<u16>,
    vl: Vec<u8>,
    vr: Vec<u8>,
    sl: Vec<u64>,
    sr: Vec<u64>,
    in_stack: Vec<bool>,
}

impl State {
    fn new(n: usize) -> State {
        let m = n + 1;
        let mut in_stack = vec![false; m];
        in_stack[0] = true;
        State {
            n,
            stack: vec![0],
            b: 1,
            head: vec![NONE; m],
            label: vec![0; m],
            l1: vec![NONE; m],
            l2: vec![NONE; m],
            r1: vec![NONE; m],
            r2: vec![NONE; m],
            vl: vec![0; m],
            vr: vec![0; m],
            sl: vec![0; m],
            sr: vec![0; m],
            in_stack,
        }
    }

    fn done(&self) -> bool {
        self.b > self.n
    }

    fn s0(&self) -> Option<usize> {
        self.stack.last().map(|&x| x as usize)
    }

    fn legal(&self, t: usize) -> bool {
        let Some(s) = self.s0() else {
            return t == SHIFT && !self.done();
        };
        match t {
            SHIFT => !self.done(),
            REDUCE => s != 0 && self.head[s] != NONE,
            _ if t.is_multiple_of(2) => s != 0 && self.head[s] == NONE && !self.done(),
            // One child of the root only: UD trees have a single root.
            _ => !self.done() && (s != 0 || self.r1[0] == NONE),
        }
    }

    fn attach(&mut self, h: usize, d: usize, l: usize) {
        self.head[d] = h as u16;
        self.label[d] = l as u8;
        if d < h {
            self.l2[h] = self.l1[h];
            self.l1[h] = d as u16;
            self.vl[h] = self.vl[h].saturating_add(1);
            self.sl[h] |= 1u64 << (l % 64);
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d as u16;
            self.vr[h] = self.vr[h].saturating_add(1);
            self.sr[h] |= 1u64 << (l % 64);
        }
    }

    fn apply(&mut self, t: usize) {
        match t {
            SHIFT => {
                self.stack.push(self.b as u16);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
            REDUCE => {
                let s = self.stack.pop().unwrap() as usize;
                self.in_stack[s] = false;
            }
            _ if t.is_multiple_of(2) => {
                let s = self.stack.pop().unwrap() as usize;
                self.in_stack[s] = false;
                self.attach(self.b, s, (t - 2) / 2);
            }
            _ => {
                let s = self.s0().unwrap();
                self.attach(s, self.b, (t - 3) / 2);
                self.stack.push(self.b as u16);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
        }
    }
}

/// Gold tree of a training sentence: heads and label ids (index 0 unused).
struct Gold {
    head: Vec<u16>,
    label: Vec<u8>,
    deps: Vec<Vec<u16>>,
}

impl Gold {
    /// Number of gold arcs made unreachable by transition `t` (labelled).
    fn cost(&self, st: &State, t: usize) -> u32 {
        let b = st.b;
        match t {
            SHIFT => {
                let mut c = 0;
                let h = self.head[b] as usize;
                if st.in_stack[h] {
                    c += 1;
                }
                c + self.deps[b]
                    .iter()
                    .filter(|&&k| st.in_stack[k as usize] && st.head[k as usize] == NONE)
                    .count() as u32
            }
            REDUCE => {
                let s = st.s0().unwrap();
                self.deps[s].iter().filter(|&&k| k as usize >= b).count() as u32
            }
            _ if t.is_multiple_of(2) => {
                let s = st.s0().unwrap();
                let l = (t - 2) / 2;
                let h = self.head[s] as usize;
                let mut c = 0;
                if h == b {
                    c += (self.label[s] as usize != l) as u32;
                } else if h > b {
                    c += 1;
                }
                c + self.deps[s].iter().filter(|&&k| k as usize >= b).count() as u32
            }
            _ => {
                let s = st.s0().unwrap();
                let l = (t - 3) / 2;
                let h = self.head[b] as usize;
                let mut c = 0;
                if h == s {
                    c += (self.label[b] as usize != l) as u32;
                } else if st.in_stack[h] || h > b {
                    c += 1;
                }
                c + self.deps[b]
                    .iter()
                    .filter(|&&k| st.in_stack[k as usize] && st.head[k as usize] == NONE)
                    .count() as u32
            }
        }
    }
}

fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Extracts the feature keys of a configuration into `out`.
fn features(st: &State, a: &[Atoms], out: &mut Vec<u64>) {
    out.clear();
    let at = |i: u16| -> Atoms { if i == NONE { NULL_ATOMS } else { a[i as usize] } };
    let lab = |i: u16| -> u64 {
        if i == NONE || i == 0 {
            99
        } else {
            st.label[i as usize] as u64
        }
    };
    let s0i = st.stack.last().copied().unwrap_or(NONE);
    let s1i = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let idx = |i: usize| if i <= st.n { i as u16 } else { NONE };
    let (n0i, n1i, n2i) = (idx(st.b), idx(st.b + 1), idx(st.b + 2));
    let get = |arr: &Vec<u16>, i: u16| if i == NONE { NONE } else { arr[i as usize] };
    let s0hi = get(&st.head, s0i);
    let s0h2i = get(&st.head, s0hi);
    let (s0li, s0l2i) = (get(&st.l1, s0i), get(&st.l2, s0i));
    let (s0ri, s0r2i) = (get(&st.r1, s0i), get(&st.r2, s0i));
    let (n0li, n0l2i) = (get(&st.l1, n0i), get(&st.l2, n0i));
    let (s0, s1, n0, n1, n2) = (at(s0i), at(s1i), at(n0i), at(n1i), at(n2i));
    let (s0h, s0h2, s0l, s0l2, s0r, s0r2, n0l, n0l2) = (
        at(s0hi),
        at(s0h2i),
        at(s0li),
        at(s0l2i),
        at(s0ri),
        at(s0r2i),
        at(n0li),
        at(n0l2i),
    );
    let d = if s0i != NONE && n0i != NONE {
        dist_bucket(n0i as usize - s0i as usize)
    } else {
        9
    };
    let vi = |v: &Vec<u8>, i: u16| if i == NONE { 99 } else { v[i as usize] as u64 };
    let si = |v: &Vec<u64>, i: u16| if i == NONE { 1 << 63 } else { v[i as usize] };
    let (s0vl, s0vr, n0vl) = (vi(&st.vl, s0i), vi(&st.vr, s0i), vi(&st.vl, n0i));
    let (s0sl, s0sr, n0sl) = (si(&st.sl, s0i), si(&st.sr, s0i), si(&st.sl, n0i));
    let s0has = (s0i != NONE && s0i != 0 && st.head[s0i as usize] != NONE) as u64;
    let mut t = 0u64;
    let mut f = |a: u64, b: u64, c: u64| {
        t += 1;
        out.push(feat(t, a, b, c));
    };
    // Single words.
    f(s0.wp, 0, 0);
    f(s0.w, 0, 0);
    f(s0.p, 0, 0);
    f(n0.wp, 0, 0);
    f(n0.w, 0, 0);
    f(n0.p, 0, 0);
    f(n1.wp, 0, 0);
    f(n1.w, 0, 0);
    f(n1.p, 0, 0);
    f(n2.wp, 0, 0);
    f(n2.w, 0, 0);
    f(n2.p, 0, 0);
    // Pairs.
    f(s0.wp, n0.wp, 0);
    f(s0.wp, n0.w, 0);
    f(s0.w, n0.wp, 0);
    f(s0.wp, n0.p, 0);
    f(s0.p, n0.wp, 0);
    f(s0.w, n0.w, 0);
    f(s0.p, n0.p, 0);
    f(n0.p, n1.p, 0);
    // Triples.
    f(n0.p, n1.p, n2.p);
    f(s0.p, n0.p, n1.p);
    f(s0h.p, s0.p, n0.p);
    f(s0.p, s0l.p, n0.p);
    f(s0.p, s0r.p, n0.p);
    f(s0.p, n0.p, n0l.p);
    // Distance.
    f(s0.w, d, 0);
    f(s0.p, d, 0);
    f(n0.w, d, 0);
    f(n0.p, d, 0);
    f(s0.w, n0.w, d);
    f(s0.p, n0.p, d);
    // Valency.
    f(s0.w, s0vr, 0);
    f(s0.p, s0vr, 0);
    f(s0.w, s0vl, 0);
    f(s0.p, s0vl, 0);
    f(n0.w, n0vl, 0);
    f(n0.p, n0vl, 0);
    // Second-order unigrams.
    f(s0h.w, 0, 0);
    f(s0h.p, 0, 0);
    f(lab(s0i), 0, 0);
    f(s0l.w, 0, 0);
    f(s0l.p, 0, 0);
    f(lab(s0li), 0, 0);
    f(s0r.w, 0, 0);
    f(s0r.p, 0, 0);
    f(lab(s0ri), 0, 0);
    f(n0l.w, 0, 0);
    f(n0l.p, 0, 0);
    f(lab(n0li), 0, 0);
    // Third order.
    f(s0h2.w, 0, 0);
    f(s0h2.p, 0, 0);
    f(lab(s0hi), 0, 0);
    f(s0l2.w, 0, 0);
    f(s0l2.p, 0, 0);
    f(lab(s0l2i), 0, 0);
    f(s0r2.w, 0, 0);
    f(s0r2.p, 0, 0);
    f(lab(s0r2i), 0, 0);
    f(n0l2.w, 0, 0);
    f(n0l2.p, 0, 0);
    f(lab(n0l2i), 0, 0);
    f(s0.p, s0l.p, s0l2.p);
    f(s0.p, s0r.p, s0r2.p);
    f(s0.p, s0h.p, s0h2.p);
    f(n0.p, n0l.p, n0l2.p);
    // Label sets.
    f(s0.w, s0sr, 0);
    f(s0.p, s0sr, 0);
    f(s0.w, s0sl, 0);
    f(s0.p, s0sl, 0);
    f(n0.w, n0sl, 0);
    f(n0.p, n0sl, 0);
    // Extensions: the second stack item and whether s0 can be reduced.
    f(s1.w, 0, 0);
    f(s1.p, 0, 0);
    f(s1.p, s0.p, n0.p);
    f(s0.p, s0has, n0.p);
    f(s0.wp, s0has, 0);
    f(s0has, lab(s0i), n0.p);
    f(s1.p, s0has, s0.p);
}

/// A parsed sentence: 1-based heads (0 = root) and labels, per word.
pub struct Parse {
    pub heads: Vec<usize>,
    pub labels: Vec<String>,
}

/// The trained parser.
#[derive(Debug)]
pub struct Parser {
    model: Model,
    labels: Vec<String>,
}

fn best_legal_i32(st: &State, scores: &[i32]) -> usize {
    let mut best = usize::MAX;
    for (t, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > scores[best]) && st.legal(t) {
            best = t;
        }
    }
    best
}

impl Parser {
    /// Parses one sentence given word forms and their tags (the tag strings
    /// used in training: "UPOS XPOS").
    pub fn parse(&self, forms: &[&str], tags: &[&str]) -> Parse {
        let a = atoms_of(forms, tags);
        let mut st = State::new(forms.len());
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0i32; self.model.nclasses];
        while !st.done() {
            features(&st, &a, &mut feats);
            self.model.score(&feats, &mut scores);
            let t = best_legal_i32(&st, &scores);
            st.apply(t);
        }
        self.finish(&st, tags)
    }

    /// Turns the final configuration into a single-rooted tree: words left
    /// without a head attach to the root word.
    fn finish(&self, st: &State, tags: &[&str]) -> Parse {
        let n = st.n;
        let mut heads = vec![0usize; n];
        let mut labels = vec![String::new(); n];
        let mut root = if st.r1[0] != NONE {
            Some(st.r1[0] as usize)
        } else {
            None
        };
        for i in 1..=n {
            if st.head[i] != NONE {
                heads[i - 1] = st.head[i] as usize;
                labels[i - 1] = self.labels[st.label[i] as usize].clone();
            }
        }
        if root.is_none() {
            // Prefer the first headless verb, then any headless word.
            let headless: Vec<usize> = (1..=n).filter(|&i| st.head[i] == NONE).collect();
            root = headless
                .iter()
                .copied()
                .find(|&i| tags[i - 1].starts_with("VERB"))
                .or(headless.first().copied())
                .or(Some(1));
            let r = root.unwrap();
            heads[r - 1] = 0;
        }
        let r = root.unwrap();
        labels[r - 1] = "root".into();
        for i in 1..=n {
            if i != r && (st.head[i] == NONE || heads[i - 1] == 0) {
                heads[i - 1] = r;
                labels[i - 1] = if tags[i - 1].starts_with("PUNCT") {
                    "punct".into()
                } else {
                    "parataxis".into()
                };
            }
        }
        Parse { heads, labels }
    }

    /// A copy with weights below `min_q` dropped (smaller, faster model).
    pub fn pruned(&self, min_q: i16) -> Parser {
        Parser {
            model: self.model.pruned(min_q),
            labels: self.labels.clone(),
        }
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(MAGIC);
        w.strs(&self.labels);
        self.model.write(&mut w);
        w.buf
    }

    pub fn from_bytes(b: &[u8]) -> Result<Parser, String> {
        let mut r = Reader::new(b);
        if r.str()? != MAGIC {
            return Err("not a dyad parser model".into());
        }
        let labels = r.strs()?;
        let model = Model::read(&mut r)?;
        if model.nclasses != 2 + 2 * labels.len() {
            return Err("parser class count mismatch".into());
        }
        Ok(Parser { model, labels })
    }

    /// (UAS, LAS) on sentences whose `upos`/`xpos` columns hold the tags to use.
    pub fn evaluate(&self, sents: &[conllu::Sentence]) -> (f64, f64) {
        let (mut n, mut u, mut l) = (0usize, 0usize, 0usize);
        for s in sents {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags: Vec<String> = s.words.iter().map(|w| tag_key(&w.upos, &w.xpos)).collect();
            let tags: Vec<&str> = tags.iter().map(|s| s.as_str()).collect();
            let p = self.parse(&forms, &tags);
            for (i, w) in s.words.iter().enumerate() {
                n += 1;
                if p.heads[i] == w.head {
                    u += 1;
                    l += (p.labels[i] == w.deprel) as usize;
                }
            }
        }
        (u as f64 / n.max(1) as f64, l as f64 / n.max(1) as f64)
    }
}

/// The tag string the parser sees for a word.
pub fn tag_key(upos: &str, xpos: &str) -> String {
    format!("{upos} {xpos}")
}

/// Training settings.
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Probability of following the model's own (wrong) transition.
    pub explore: f64,
    pub min_weight: i16,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            seed: 11,
            explore: 0.9,
            min_weight: 2,
        }
    }
}

/// Trains the parser on `train` (whose tag columns should hold predicted
/// tags), reports dev UAS/LAS per epoch through `log`, and returns the
/// model of the best dev epoch.
pub fn train(
    train: &[conllu::Sentence],
    dev: &[conllu::Sentence],
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Parser {
    let mut labels: Vec<String> = Vec::new();
    for s in train {
        for w in &s.words {
            if !labels.contains(&w.deprel) {
                labels.push(w.deprel.clone());
            }
        }
    }
    labels.sort();
    let lid = |l: &str| labels.iter().position(|x| x == l).unwrap() as u8;
    let data: Vec<(Vec<Atoms>, Gold)> = train
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags: Vec<String> = s.words.iter().map(|w| tag_key(&w.upos, &w.xpos)).collect();
            let tags: Vec<&str> = tags.iter().map(|s| s.as_str()).collect();
            let n = s.words.len();
            let mut g = Gold {
                head: vec![0; n + 1],
                label: vec![0; n + 1],
                deps: vec![Vec::new(); n + 1],
            };
            for (i, w) in s.words.iter().enumerate() {
                g.head[i + 1] = w.head as u16;
                g.label[i + 1] = lid(&w.deprel);
                g.deps[w.head].push(i as u16 + 1);
            }
            (atoms_of(&forms, &tags), g)
        })
        .collect();
    let nclasses = 2 + 2 * labels.len();
    let mut trainer = Trainer::new(nclasses);
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; nclasses];
    let mut costs = vec![0u32; nclasses];
    let mut best: Option<(f64, Parser)> = None;
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        let (mut steps, mut errs) = (0usize, 0usize);
        for &si in &order {
            let (a, g) = &data[si];
            let mut st = State::new(a.len() - 1);
            while !st.done() {
                features(&st, a, &mut feats);
                trainer.score(&feats, &mut scores);
                let mut min_cost = u32::MAX;
                for (t, c) in costs.iter_mut().enumerate() {
                    *c = if st.legal(t) {
                        g.cost(&st, t)
                    } else {
                        u32::MAX
                    };
                    min_cost = min_cost.min(*c);
                }
                let (mut pred, mut gold) = (usize::MAX, usize::MAX);
                for t in 0..nclasses {
                    if costs[t] == u32::MAX {
                        continue;
                    }
                    if pred == usize::MAX || scores[t] > scores[pred] {
                        pred = t;
                    }
                    if costs[t] == min_cost && (gold == usize::MAX || scores[t] > scores[gold]) {
                        gold = t;
                    }
                }
                steps += 1;
                let next = if costs[pred] == min_cost {
                    trainer.tick();
                    pred
                } else {
                    errs += 1;
                    trainer.update(&feats, gold, pred);
                    let r = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                    if epoch > 1 && r < opts.explore {
                        pred
                    } else {
                        gold
                    }
                };
                st.apply(next);
            }
        }
        let parser = Parser {
            model: trainer.compact(opts.min_weight),
            labels: labels.clone(),
        };
        let (uas, las) = parser.evaluate(dev);
        log(&format!(
            "parser epoch {epoch}: train errors {:.2}%  dev UAS {:.2}%  LAS {:.2}%  ({} features, {} weights)",
            100.0 * errs as f64 / steps as f64,
            100.0 * uas,
            100.0 * las,
            parser.model.nfeatures(),
            parser.model.nweights()
        ));
        if best.as_ref().is_none_or(|(b, _)| las > *b) {
            best = Some((las, parser));
        }
    }
    best.expect("at least one epoch").1
}
