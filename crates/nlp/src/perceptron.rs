//! Multi-class averaged perceptron over hashed features, shared by the
//! tagger and the parser: a sparse trainer and a compact, quantized model
//! (open-addressing feature table, i16 weights) for fast allocation-free
//! scoring.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already well-mixed 64-bit hashes; hash them as is.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// 64-bit string hash (FNV-1a followed by a finalizer).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

#[inline]
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Combines a template id with up to three atom hashes into a feature key.
#[inline]
pub fn feat(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = mix(template.wrapping_add(0x9e37_79b9_7f4a_7c15));
    h = mix(h ^ a);
    h = mix(h ^ b.rotate_left(17));
    h = mix(h ^ c.rotate_left(41));
    h | 1 // 0 marks an empty slot in the compact table
}

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    /// Sum of update step times delta, for the averaging trick.
    acc: f32,
}

/// The trainable model: feature -> sparse row of class weights.
pub struct Trainer {
    pub nclasses: usize,
    rows: IdMap<Vec<Entry>>,
    /// Number of updates so far (the averaging clock).
    step: u64,
}

impl Trainer {
    pub fn new(nclasses: usize) -> Self {
        Trainer {
            nclasses,
            rows: IdMap::default(),
            step: 1,
        }
    }

    /// Adds current weights of `feats` into `scores` (len `nclasses`).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Perceptron update: reward `gold`, penalise `guess`.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        self.step += 1;
        if gold == guess {
            return;
        }
        let t = self.step as f32;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            for (class, d) in [(gold, 1.0f32), (guess, -1.0f32)] {
                match row.iter_mut().find(|e| e.class as usize == class) {
                    Some(e) => {
                        e.w += d;
                        e.acc += t * d;
                    }
                    None => row.push(Entry {
                        class: class as u16,
                        w: d,
                        acc: t * d,
                    }),
                }
            }
        }
    }

    /// Adds `delta` to the weight of `class` for every feature (no clock tick).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        let t = self.step as f32;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            match row.iter_mut().find(|e| e.class as usize == class) {
                Some(e) => {
                    e.w += delta;
                    e.acc += t * delta;
                }
                None => row.push(Entry {
                    class: class as u16,
                    w: delta,
                    acc: t * delta,
                }),
            }
        }
    }

    /// Advances the averaging clock without an update (correct predictions).
    pub fn tick(&mut self) {
        self.step += 1;
    }

    pub fn nfeatures(&self) -> usize {
        self.rows.len()
    }

    /// Averages and quantizes into a compact model, dropping weights whose
    /// quantized magnitude is below `min_q` (pruning rare features).
    pub fn compact(&self, min_q: i16) -> Model {
        let t = self.step as f32;
        let mut maxw = 0.0f32;
        for row in self.rows.values() {
            for e in row {
                maxw = maxw.max((e.w - e.acc / t).abs());
            }
        }
        let scale = if maxw > 0.0 { maxw / 32000.0 } else { 1.0 };
        let mut keys: Vec<u64> = self.rows.keys().copied().collect();
        keys.sort_unstable();
        let mut m = Model {
            nclasses: self.nclasses,
            scale,
            ..Default::default()
        };
        let mut kept = Vec::new();
        for k in keys {
            let start = m.classes.len();
            for e in &self.rows[&k] {
                let q = ((e.w - e.acc / t) / scale).round();
                if q.abs() >= min_q as f32 {
                    m.classes.push(e.class);
                    m.weights.push(q as i16);
                }
            }
            if m.classes.len() > start {
                kept.push((k, start as u32));
            }
        }
        m.offsets = kept.iter().map(|k| k.1).collect();
        m.offsets.push(m.classes.len() as u32);
        m.build_table(&kept.iter().map(|k| k.0).collect::<Vec<_>>());
        m
    }
}

/// The compact inference model.
#[derive(Default, Debug)]
pub struct Model {
    pub nclasses: usize,
    scale: f32,
    /// Open-addressing table of (key, row index); key 0 marks an empty slot.
    table: Vec<(u64, u32)>,
    mask: usize,
    /// Row `r` spans `offsets[r]..offsets[r+1]` of `classes`/`weights`.
    offsets: Vec<u32>,
    classes: Vec<u16>,
    weights: Vec<i16>,
}

impl Model {
    fn build_table(&mut self, keys: &[u64]) {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        self.mask = cap - 1;
        self.table = vec![(0, 0); cap];
        for (r, &k) in keys.iter().enumerate() {
            let mut i = (k as usize) & self.mask;
            while self.table[i].0 != 0 {
                i = (i + 1) & self.mask;
            }
            self.table[i] = (k, r as u32);
        }
    }

    #[inline]
    fn row(&self, k: u64) -> Option<usize> {
        let mut i = (k as usize) & self.mask;
        loop {
            let (t, r) = self.table[i];
            if t == k {
                return Some(r as usize);
            }
            if t == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Integer scores of all classes for `feats` into `scores`.
    ///
    /// Lookups are issued in two passes with prefetching so that the cache
    /// misses of the many independent features overlap.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        let mut rows = [0u32; 128];
        let mut nrows = 0;
        for chunk in feats.chunks(128) {
            for &f in chunk {
                prefetch(self.table.as_ptr().wrapping_add((f as usize) & self.mask));
            }
            for &f in chunk {
                if let Some(r) = self.row(f) {
                    prefetch(self.classes.as_ptr().wrapping_add(self.offsets[r] as usize));
                    prefetch(self.weights.as_ptr().wrapping_add(self.offsets[r] as usize));
                    rows[nrows] = r as u32;
                    nrows += 1;
                }
            }
            for &r in &rows[..nrows] {
                let r = r as usize;
                let (a, b) = (self.offsets[r] as usize, self.offsets[r + 1] as usize);
                for (c, w) in self.classes[a..b].iter().zip(&self.weights[a..b]) {
                    scores[*c as usize] += *w as i32;
                }
            }
            nrows = 0;
        }
    }

    /// A copy keeping only weights of magnitude >= `min_q` (quantized units).
    pub fn pruned(&self, min_q: i16) -> Model {
        let mut m = Model {
            nclasses: self.nclasses,
            scale: self.scale,
            ..Default::default()
        };
        let mut keys = Vec::new();
        let mut offsets = Vec::new();
        for &(k, r) in self.table.iter().filter(|e| e.0 != 0) {
            let r = r as usize;
            let start = m.classes.len();
            for i in self.offsets[r] as usize..self.offsets[r + 1] as usize {
                if self.weights[i].unsigned_abs() >= min_q.unsigned_abs() {
                    m.classes.push(self.classes[i]);
                    m.weights.push(self.weights[i]);
                }
            }
            if m.classes.len() > start {
                keys.push(k);
                offsets.push(start as u32);
            }
        }
        offsets.push(m.classes.len() as u32);
        m.offsets = offsets;
        m.build_table(&keys);
        m
    }

    pub fn nfeatures(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn nweights(&self) -> usize {
        self.weights.len()
    }

    pub fn write(&self, w: &mut Writer) {
        w.u64(self.nclasses as u64);
        w.f32(self.scale);
        let keys: Vec<u64> = {
            // Keys in row order, so the table can be rebuilt on load.
            let mut ks = vec![0u64; self.nfeatures()];
            for &(k, r) in &self.table {
                if k != 0 {
                    ks[r as usize] = k;
                }
            }
            ks
        };
        w.u64s(&keys);
        w.u32s(&self.offsets);
        w.u16s(&self.classes);
        w.u16s(&self.weights.iter().map(|&x| x as u16).collect::<Vec<_>>());
    }

    pub fn read(r: &mut Reader) -> Result<Model, String> {
        let nclasses = r.u64()? as usize;
        let scale = r.f32()?;
        let keys = r.u64s()?;
        let offsets = r.u32s()?;
        let classes = r.u16s()?;
        let weights: Vec<i16> = r.u16s()?.into_iter().map(|x| x as i16).collect();
        if offsets.len() != keys.len() + 1 || classes.len() != weights.len() {
            return Err("inconsistent perceptron model".into());
        }
        if classes.iter().any(|&c| c as usize >= nclasses) {
            return Err("class out of range in model".into());
        }
        let mut m = Model {
            nclasses,
            scale,
            offsets,
            classes,
            weights,
            ..Default::default()
        };
        m.build_table(&keys);
        Ok(m)
    }
}

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults, even on a bad address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Little-endian binary writer for model files.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u64(&mut self, x: u64) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    pub fn f32(&mut self, x: f32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    pub fn u64s(&mut self, xs: &[u64]) {
        self.u64(xs.len() as u64);
        for x in xs {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub fn u32s(&mut self, xs: &[u32]) {
        self.u64(xs.len() as u64);
        for x in xs {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub fn u16s(&mut self, xs: &[u16]) {
        self.u64(xs.len() as u64);
        for x in xs {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub fn strs(&mut self, xs: &[String]) {
        self.u64(xs.len() as u64);
        for x in xs {
            self.str(x);
        }
    }
}

/// Reader matching [`Writer`].
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.pos + n > self.buf.len() {
            return Err("truncated model file".into());
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    pub fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn len(&mut self, width: usize) -> Result<usize, String> {
        let n = self.u64()? as usize;
        if n.saturating_mul(width) > self.buf.len() - self.pos {
            return Err("truncated model file".into());
        }
        Ok(n)
    }
    pub fn u64s(&mut self) -> Result<Vec<u64>, String> {
        let n = self.len(8)?;
        let b = self.take(n * 8)?;
        Ok(b.chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
            .collect())
    }
    pub fn u32s(&mut self) -> Result<Vec<u32>, String> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect())
    }
    pub fn u16s(&mut self) -> Result<Vec<u16>, String> {
        let n = self.len(2)?;
        let b = self.take(n * 2)?;
        Ok(b.chunks_exact(2)
            .map(|c| u16::from_le_bytes(c.try_into().unwrap()))
            .collect())
    }
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        self.take(n)
    }
    pub fn str(&mut self) -> Result<String, String> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "bad utf-8 in model".to_string())
    }
    pub fn strs(&mut self) -> Result<Vec<String>, String> {
        let n = self.len(8)?;
        (0..n).map(|_| self.str()).collect()
    }
}

/// Small deterministic PRNG (xorshift64*) for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(mix(seed) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            xs.swap(i, self.below(i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_problem_and_roundtrips() {
        let mut t = Trainer::new(3);
        let data: Vec<(Vec<u64>, usize)> = (0..30)
            .map(|i| (vec![feat(1, (i % 3) as u64, 0, 0), feat(0, 0, 0, 0)], i % 3))
            .collect();
        let mut scores = vec![0.0; 3];
        for _ in 0..5 {
            for (f, g) in &data {
                t.score(f, &mut scores);
                let guess = (0..3)
                    .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
                    .unwrap();
                t.update(f, *g, guess);
            }
        }
        let m = t.compact(1);
        let mut w = Writer::default();
        m.write(&mut w);
        let m2 = Model::read(&mut Reader::new(&w.buf)).unwrap();
        let mut s = vec![0i32; 3];
        for (f, g) in &data {
            m2.score(f, &mut s);
            let best = (0..3).max_by_key(|&c| s[c]).unwrap();
            assert_eq!(best, *g);
        }
        assert!(Model::read(&mut Reader::new(&w.buf[..w.buf.len() - 3])).is_err());
    }
}
