//! Near-duplicate detection for syndicated copies: the same wire story on many
//! sites, with different furniture (already cleaned away) and small edits.
//!
//! MinHash over word 5-gram shingles, with LSH banding so each new document is
//! compared only with the few earlier ones that share a band.

use std::collections::HashMap;

use dyad_doc::Document;

const HASHES: usize = 128;
/// 32 bands of 4 rows: pairs from about 0.4 Jaccard up become candidates;
/// the signature estimate then decides against the threshold.
const BANDS: usize = 32;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;

/// Remembers every document it has checked and points copies to the first.
pub struct Dedup {
    threshold: f64,
    /// Per document checked: its signature and the id of the first copy of it.
    docs: Vec<(Vec<u32>, String)>,
    bands: Vec<HashMap<u64, Vec<u32>>>,
}

impl Default for Dedup {
    fn default() -> Self {
        Self::new()
    }
}

fn mix(mut x: u64) -> u64 {
    // splitmix64's finaliser: cheap and well spread.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn word_hash(w: &str) -> u64 {
    // FNV-1a over the lowercased word.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in w.chars().flat_map(char::to_lowercase) {
        let mut b = [0u8; 4];
        for &x in c.encode_utf8(&mut b).as_bytes() {
            h ^= u64::from(x);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

/// The MinHash signature of a text: words compared case-blind, without
/// punctuation, so quote styles and capitalisation do not matter.
pub fn signature(text: &str) -> Vec<u32> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    let mut sig = vec![u32::MAX; HASHES];
    let mut add = |s: u64| {
        for (i, m) in sig.iter_mut().enumerate() {
            let h = (mix(s ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
            if h < *m {
                *m = h;
            }
        }
    };
    if words.len() < SHINGLE {
        add(words.iter().fold(7, |a, &w| mix(a ^ w)));
    } else {
        for win in words.windows(SHINGLE) {
            add(win.iter().fold(7, |a, &w| mix(a ^ w)));
        }
    }
    sig
}

/// Share of equal positions: an estimate of the Jaccard similarity.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

impl Dedup {
    /// A detector calling two texts copies from an estimated Jaccard
    /// similarity of their shingles of 0.5.
    pub fn new() -> Self {
        Self::with_threshold(0.5)
    }

    pub fn with_threshold(threshold: f64) -> Self {
        Dedup {
            threshold,
            docs: Vec::new(),
            bands: vec![HashMap::new(); BANDS],
        }
    }

    /// Sets `doc.duplicate_of` to the id of the first document seen with
    /// (nearly) the same text, and remembers `doc`. Empty texts are left alone.
    pub fn check(&mut self, doc: &mut Document) {
        if doc.text.trim().is_empty() {
            return;
        }
        let sig = signature(&doc.text);
        let keys: Vec<u64> = sig
            .chunks(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                rows.iter()
                    .fold(mix(b as u64 + 1), |a, &r| mix(a ^ u64::from(r)))
            })
            .collect();
        let mut best: Option<u32> = None;
        for (b, k) in keys.iter().enumerate() {
            if let Some(cands) = self.bands[b].get(k) {
                for &c in cands {
                    if best.is_some_and(|x| x <= c) {
                        continue;
                    }
                    if similarity(&sig, &self.docs[c as usize].0) >= self.threshold {
                        best = Some(c);
                    }
                }
            }
        }
        let first = match best {
            Some(c) => {
                let root = self.docs[c as usize].1.clone();
                doc.duplicate_of = Some(root.clone());
                root
            }
            None => doc.id.clone(),
        };
        let me = self.docs.len() as u32;
        for (b, k) in keys.into_iter().enumerate() {
            self.bands[b].entry(k).or_default().push(me);
        }
        self.docs.push((sig, first));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Russian Foreign Minister Sergey Lavrov and his French counterpart \
        Jean-Yves Le Drian underlined in a phone call the importance of political will \
        to achieve a ceasefire in Nagorno-Karabakh, the ministry said in a statement. \
        The ministers discussed developments in the conflict zone and expressed serious \
        concern over the continuing hostilities. They called on the sides to agree a \
        quick and full ceasefire and to reduce tensions. The sides said there was no \
        alternative to a diplomatic settlement and stressed the role of the OSCE Minsk \
        Group co-chairs, Russia, France and the United States.";

    fn doc(id: &str, text: &str) -> Document {
        Document::new(id, text)
    }

    #[test]
    fn syndicated_copies_point_to_the_first() {
        let mut d = Dedup::new();
        let mut a = doc("a", WIRE);
        // Small edits: a changed word, a dropped clause, different quotes and case.
        let edited = WIRE
            .replace("serious", "grave")
            .replace(" and to reduce tensions", "")
            .replace("Minsk", "MINSK");
        let mut b = doc("b", &edited);
        // A shortened version with its last sentence cut.
        let cut = WIRE.rsplit_once(" The sides").unwrap().0;
        let mut c = doc("c", cut);
        let mut other = doc(
            "x",
            "Kenya's president called for calm after protests spread to several towns in \
             the west of the country on Tuesday, as police fired tear gas at crowds.",
        );
        d.check(&mut a);
        d.check(&mut other);
        d.check(&mut b);
        d.check(&mut c);
        assert_eq!(a.duplicate_of, None);
        assert_eq!(other.duplicate_of, None);
        assert_eq!(b.duplicate_of.as_deref(), Some("a"));
        assert_eq!(c.duplicate_of.as_deref(), Some("a"));
    }

    #[test]
    fn different_stories_on_one_topic_are_not_copies() {
        let mut d = Dedup::new();
        let mut a = doc("a", WIRE);
        let mut b = doc(
            "b",
            "Azerbaijan and Armenia accused each other of violating the ceasefire in \
             Nagorno-Karabakh on Wednesday, hours after it took effect. The defence \
             ministry in Baku said Armenian forces shelled the town of Terter overnight, \
             while Yerevan said Azerbaijani drones struck positions in the south.",
        );
        d.check(&mut a);
        d.check(&mut b);
        assert_eq!(b.duplicate_of, None);
    }
}
