//! Labelled transition-based dependency parser: arc-eager with a dynamic
//! oracle (Goldberg & Nivre 2012), greedy decoding, averaged perceptron over
//! the rich feature set of Zhang & Nivre (2011).

use crate::conllu;
use crate::perceptron::{Model, Reader, Rng, Trainer, Writer, feat, hash_str, mix};

const MAGIC: &str = "dyad-parser-2";
const NONE: u16 = u16::MAX;
const SHIFT: usize = 0;
const REDUCE: usize = 1;

/// Hashed atoms of one word (index 0 is the artificial root).
#[derive(Clone, Copy)]
struct Atoms {
    w: u64,
    p: u64,
    wp: u64,
    /// Coarse tag (UPOS) and last three letters: robust to XPOS errors.
    u: u64,
    suf: u64,
}

const NULL_ATOMS: Atoms = Atoms {
    w: 0x4e55_4c4c,
    p: 0x4e55_4c4c,
    wp: 0x4e55_4c4c,
    u: 0x4e55_4c4c,
    suf: 0x4e55_4c4c,
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
        u: root,
        suf: root,
    });
    for (f, t) in forms.iter().zip(tags) {
        let lower = norm(f);
        let w = hash_str(&lower);
        let p = hash_str(t);
        let u = hash_str(t.split(' ').next().unwrap_or(t));
        let cut = lower.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
        v.push(Atoms {
            w,
            p,
            wp: mix(w ^ p.rotate_left(7)),
            u,
            suf: hash_str(&lower[cut..]),
        });
    }
    v
}

/// What the parser knows about one word during parsing.
#[derive(Clone, Copy)]
struct Node {
    head: u16,
    label: u8,
    in_stack: bool,
    vl: u8,
    vr: u8,
    /// Leftmost, second leftmost, rightmost, second rightmost children.
    l1: u16,
    l2: u16,
    r1: u16,
    r2: u16,
    /// Sets of labels of left and right children (bit per label).
    sl: u64,
    sr: u64,
}

const EMPTY_NODE: Node = Node {
    head: NONE,
    label: 0,
    in_stack: false,
    vl: 0,
    vr: 0,
    l1: NONE,
    l2: NONE,
    r1: NONE,
    r2: NONE,
    sl: 0,
    sr: 0,
};

/// Parser configuration. Words are 1..=n; 0 is the root.
#[derive(Clone)]
struct State {
    n: usize,
    stack: Vec<u16>,
    b: usize,
    nd: Vec<Node>,
}

impl State {
    fn new(n: usize) -> State {
        let mut nd = vec![EMPTY_NODE; n + 1];
        nd[0].in_stack = true;
        State {
            n,
            stack: vec![0],
            b: 1,
            nd,
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
            REDUCE => s != 0 && self.nd[s].head != NONE,
            _ if t.is_multiple_of(2) => s != 0 && self.nd[s].head == NONE && !self.done(),
            // One child of the root only: UD trees have a single root.
            _ => !self.done() && (s != 0 || self.nd[0].r1 == NONE),
        }
    }

    fn attach(&mut self, h: usize, d: usize, l: usize) {
        self.nd[d].head = h as u16;
        self.nd[d].label = l as u8;
        if d < h {
            self.nd[h].l2 = self.nd[h].l1;
            self.nd[h].l1 = d as u16;
            self.nd[h].vl = self.nd[h].vl.saturating_add(1);
            self.nd[h].sl |= 1u64 << (l % 64);
        } else {
            self.nd[h].r2 = self.nd[h].r1;
            self.nd[h].r1 = d as u16;
            self.nd[h].vr = self.nd[h].vr.saturating_add(1);
            self.nd[h].sr |= 1u64 << (l % 64);
        }
    }

    fn apply(&mut self, t: usize) {
        match t {
            SHIFT => {
                self.stack.push(self.b as u16);
                self.nd[self.b].in_stack = true;
                self.b += 1;
            }
            REDUCE => {
                let s = self.stack.pop().unwrap() as usize;
                self.nd[s].in_stack = false;
            }
            _ if t.is_multiple_of(2) => {
                let s = self.stack.pop().unwrap() as usize;
                self.nd[s].in_stack = false;
                self.attach(self.b, s, (t - 2) / 2);
            }
            _ => {
                let s = self.s0().unwrap();
                self.attach(s, self.b, (t - 3) / 2);
                self.stack.push(self.b as u16);
                self.nd[self.b].in_stack = true;
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
                if st.nd[h].in_stack {
                    c += 1;
                }
                c + self.deps[b]
                    .iter()
                    .filter(|&&k| st.nd[k as usize].in_stack && st.nd[k as usize].head == NONE)
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
                } else if st.nd[h].in_stack || h > b {
                    c += 1;
                }
                c + self.deps[b]
                    .iter()
                    .filter(|&&k| st.nd[k as usize].in_stack && st.nd[k as usize].head == NONE)
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
            st.nd[i as usize].label as u64
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
    let node = |i: u16| {
        if i == NONE {
            &EMPTY_NODE
        } else {
            &st.nd[i as usize]
        }
    };
    let s0hi = node(s0i).head;
    let s0h2i = node(s0hi).head;
    let (s0li, s0l2i) = (node(s0i).l1, node(s0i).l2);
    let (s0ri, s0r2i) = (node(s0i).r1, node(s0i).r2);
    let (n0li, n0l2i) = (node(n0i).l1, node(n0i).l2);
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
    let val = |i: u16, left: bool| match (i == NONE, left) {
        (true, _) => 99,
        (false, true) => st.nd[i as usize].vl as u64,
        (false, false) => st.nd[i as usize].vr as u64,
    };
    let set = |i: u16, left: bool| match (i == NONE, left) {
        (true, _) => 1 << 63,
        (false, true) => st.nd[i as usize].sl,
        (false, false) => st.nd[i as usize].sr,
    };
    let (s0vl, s0vr, n0vl) = (val(s0i, true), val(s0i, false), val(n0i, true));
    let (s0sl, s0sr, n0sl) = (set(s0i, true), set(s0i, false), set(n0i, true));
    let s0has = (s0i != NONE && s0i != 0 && st.nd[s0i as usize].head != NONE) as u64;
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
    f(s0.u, n0.u, 0);
    f(s0.u, n0.u, n1.u);
    f(s0.suf, n0.u, 0);
    f(s0.u, n0.suf, 0);
    f(n0.suf, 0, 0);
    f(s0.suf, 0, 0);
    f(n1.suf, n0.u, 0);
    f(s0.u, n0.u, d);
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
    /// Beam width used by [`Parser::parse`] (1 = greedy).
    pub beam: usize,
}

/// A beam item: a configuration, its score and its place in the history.
#[derive(Clone)]
struct Item<S> {
    st: State,
    score: S,
    /// Index into the history arena of the last transition (u32::MAX: none).
    hist: u32,
    /// No transition so far lost a gold arc (training only).
    correct: bool,
}

/// Transition histories shared by beam items: (parent, transition).
type Arena = Vec<(u32, u8)>;

fn history(arena: &Arena, mut h: u32) -> Vec<usize> {
    let mut seq = Vec::new();
    while h != u32::MAX {
        let (parent, t) = arena[h as usize];
        seq.push(t as usize);
        h = parent;
    }
    seq.reverse();
    seq
}

/// Keeps the `k` best candidates (score, item, transition), best first.
fn top_k<S: PartialOrd + Copy>(cands: &mut Vec<(S, usize, usize)>, k: usize) {
    let by = |a: &(S, usize, usize), b: &(S, usize, usize)| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    };
    if cands.len() > k {
        cands.select_nth_unstable_by(k - 1, by);
        cands.truncate(k);
    }
    cands.sort_unstable_by(by);
}

/// Marks a finished item's carried-over candidate.
const KEEP: usize = usize::MAX;

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
        if self.beam > 1 {
            let st = self.beam_search(&a, self.beam);
            return self.finish(&st, tags);
        }
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

    fn beam_search(&self, a: &[Atoms], width: usize) -> State {
        let mut items = vec![Item {
            st: State::new(a.len() - 1),
            score: 0i64,
            hist: u32::MAX,
            correct: true,
        }];
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0i32; self.model.nclasses];
        let mut cands: Vec<(i64, usize, usize)> = Vec::new();
        while !items.iter().all(|it| it.st.done()) {
            cands.clear();
            for (k, it) in items.iter().enumerate() {
                if it.st.done() {
                    cands.push((it.score, k, KEEP));
                    continue;
                }
                features(&it.st, a, &mut feats);
                self.model.score(&feats, &mut scores);
                for (t, &sc) in scores.iter().enumerate() {
                    if it.st.legal(t) {
                        cands.push((it.score + sc as i64, k, t));
                    }
                }
            }
            top_k(&mut cands, width);
            items = cands
                .iter()
                .map(|&(score, k, t)| {
                    let mut it = items[k].clone();
                    if t != KEEP {
                        it.st.apply(t);
                    }
                    it.score = score;
                    it
                })
                .collect();
        }
        items.swap_remove(0).st
    }

    /// Turns the final configuration into a single-rooted tree: words left
    /// without a head attach to the root word.
    fn finish(&self, st: &State, tags: &[&str]) -> Parse {
        let n = st.n;
        let mut heads = vec![0usize; n];
        let mut labels = vec![String::new(); n];
        let mut root = if st.nd[0].r1 != NONE {
            Some(st.nd[0].r1 as usize)
        } else {
            None
        };
        for i in 1..=n {
            if st.nd[i].head != NONE {
                heads[i - 1] = st.nd[i].head as usize;
                labels[i - 1] = self.labels[st.nd[i].label as usize].clone();
            }
        }
        if root.is_none() {
            // Prefer the first headless verb, then any headless word.
            let headless: Vec<usize> = (1..=n).filter(|&i| st.nd[i].head == NONE).collect();
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
            if i != r && (st.nd[i].head == NONE || heads[i - 1] == 0) {
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
            beam: self.beam,
        }
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(MAGIC);
        w.strs(&self.labels);
        w.u64(self.beam as u64);
        self.model.write(&mut w);
        w.buf
    }

    pub fn from_bytes(b: &[u8]) -> Result<Parser, String> {
        let mut r = Reader::new(b);
        // Version 1 files predate the beam width field.
        let version = match r.str()?.as_str() {
            MAGIC => 2,
            "dyad-parser-1" => 1,
            _ => return Err("not a dyad parser model".into()),
        };
        let labels = r.strs()?;
        let beam = if version >= 2 {
            (r.u64()? as usize).clamp(1, 64)
        } else {
            1
        };
        let model = Model::read(&mut r)?;
        if model.nclasses != 2 + 2 * labels.len() {
            return Err("parser class count mismatch".into());
        }
        Ok(Parser {
            model,
            labels,
            beam,
        })
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

/// One sentence of global training with beam search and a max-violation
/// update (Huang et al. 2012); the gold path follows the best-scoring
/// zero-cost transition of the dynamic oracle. Returns (1, 1 if updated).
fn train_global(
    trainer: &mut Trainer,
    a: &[Atoms],
    g: &Gold,
    width: usize,
    feats: &mut Vec<u64>,
    scores: &mut [f32],
) -> (usize, usize) {
    let n = a.len() - 1;
    let mut arena: Arena = Vec::new();
    let mut items = vec![Item {
        st: State::new(n),
        score: 0f32,
        hist: u32::MAX,
        correct: true,
    }];
    let mut gold = State::new(n);
    let mut gold_seq: Vec<usize> = Vec::new();
    let mut gold_score = 0f32;
    let mut cands: Vec<(f32, usize, usize)> = Vec::new();
    // (violation, predicted history, gold prefix length)
    let mut worst: Option<(f32, u32, usize)> = None;
    loop {
        let beam_done = items.iter().all(|it| it.st.done());
        if !gold.done() {
            features(&gold, a, feats);
            trainer.score(feats, scores);
            let mut min_cost = u32::MAX;
            let mut best = usize::MAX;
            for t in 0..scores.len() {
                if !gold.legal(t) {
                    continue;
                }
                let c = g.cost(&gold, t);
                if c < min_cost || (c == min_cost && scores[t] > scores[best]) {
                    min_cost = c;
                    best = t;
                }
            }
            gold_score += scores[best];
            gold.apply(best);
            gold_seq.push(best);
        }
        if beam_done {
            break;
        }
        cands.clear();
        for (k, it) in items.iter().enumerate() {
            if it.st.done() {
                cands.push((it.score, k, KEEP));
                continue;
            }
            features(&it.st, a, feats);
            trainer.score(feats, scores);
            for (t, &sc) in scores.iter().enumerate() {
                if it.st.legal(t) {
                    cands.push((it.score + sc, k, t));
                }
            }
        }
        top_k(&mut cands, width);
        let mut next = Vec::with_capacity(cands.len());
        for &(score, k, t) in &cands {
            let mut it = items[k].clone();
            if t != KEEP {
                it.correct = it.correct && g.cost(&it.st, t) == 0;
                arena.push((it.hist, t as u8));
                it.hist = (arena.len() - 1) as u32;
                it.st.apply(t);
            }
            it.score = score;
            next.push(it);
        }
        items = next;
        let best = &items[0];
        if !best.correct {
            let v = best.score - gold_score;
            if worst.is_none_or(|w| v > w.0) {
                worst = Some((v, best.hist, gold_seq.len()));
            }
        }
        if !items.iter().any(|it| it.correct) {
            break; // the gold path fell off the beam
        }
    }
    let Some((_, hist, glen)) = worst else {
        trainer.tick();
        return (1, 0);
    };
    let pred_seq = history(&arena, hist);
    let mut st = State::new(n);
    for &t in &gold_seq[..glen.min(gold_seq.len())] {
        features(&st, a, feats);
        trainer.add(feats, t, 1.0);
        st.apply(t);
    }
    let mut st = State::new(n);
    for &t in &pred_seq {
        features(&st, a, feats);
        trainer.add(feats, t, -1.0);
        st.apply(t);
    }
    trainer.tick();
    (1, 1)
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
    /// Beam width; above 1, training is global (max-violation updates).
    pub beam: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            seed: 11,
            explore: 0.9,
            min_weight: 2,
            beam: 1,
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
            if opts.beam > 1 {
                let (st, er) = train_global(&mut trainer, a, g, opts.beam, &mut feats, &mut scores);
                steps += st;
                errs += er;
                continue;
            }
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
            beam: opts.beam,
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
