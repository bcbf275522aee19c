//! The CAMEO event codebook: every code with its name, Goldstein value,
//! GDELT QuadClass and the PLOVER event type, mode and context it maps to.
//!
//! The facts live in `data/cameo/codebook.tsv` and are compiled into the
//! binary, so no file is needed at run time.

use std::collections::HashMap;
use std::sync::OnceLock;

const CODEBOOK_TSV: &str = include_str!("../../../data/cameo/codebook.tsv");

/// One CAMEO event code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// 2 to 4 digits; leading zeros matter.
    pub code: &'static str,
    pub name: &'static str,
    pub goldstein: f32,
    /// GDELT QuadClass: 1 verbal cooperation, 2 material cooperation,
    /// 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    pub plover_event: Option<&'static str>,
    pub plover_mode: Option<&'static str>,
    pub plover_context: Option<&'static str>,
}

impl CameoCode {
    /// The two-digit root ("19" for "193").
    pub fn root(&self) -> &'static str {
        &self.code[..2]
    }
    /// The three-digit base code ("193" for "1931"; the root for a root).
    pub fn base(&self) -> &'static str {
        &self.code[..self.code.len().min(3)]
    }
}

/// The whole codebook, in file order.
#[derive(Debug)]
pub struct Codebook {
    codes: Vec<CameoCode>,
    index: HashMap<&'static str, usize>,
}

impl Codebook {
    /// The codebook compiled into dyad. Parsed once, on first use.
    pub fn get() -> &'static Codebook {
        static BOOK: OnceLock<Codebook> = OnceLock::new();
        BOOK.get_or_init(|| {
            Codebook::parse(CODEBOOK_TSV).expect("data/cameo/codebook.tsv is valid")
        })
    }

    /// Parses the codebook format (see the header of `data/cameo/codebook.tsv`).
    pub fn parse(text: &'static str) -> Result<Codebook, String> {
        let mut codes = Vec::new();
        let mut index = HashMap::new();
        let mut header_seen = false;
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                continue;
            }
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() != 7 {
                return Err(format!(
                    "line {line_no}: expected 7 columns, found {}",
                    f.len()
                ));
            }
            let code = f[0];
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("line {line_no}: bad code {code:?}"));
            }
            let quad_class: u8 = f[1]
                .parse()
                .map_err(|_| format!("line {line_no}: bad quad {:?}", f[1]))?;
            if !(1..=4).contains(&quad_class) {
                return Err(format!(
                    "line {line_no}: quad class {quad_class} out of 1..=4"
                ));
            }
            let goldstein: f32 = f[2]
                .parse()
                .map_err(|_| format!("line {line_no}: bad goldstein {:?}", f[2]))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(format!(
                    "line {line_no}: goldstein {goldstein} out of -10..=10"
                ));
            }
            let opt = |s: &'static str| (s != "-").then_some(s);
            if index.insert(code, codes.len()).is_some() {
                return Err(format!("line {line_no}: duplicate code {code}"));
            }
            codes.push(CameoCode {
                code,
                name: f[6],
                goldstein,
                quad_class,
                plover_event: opt(f[3]),
                plover_mode: opt(f[4]),
                plover_context: opt(f[5]),
            });
        }
        Ok(Codebook { codes, index })
    }

    pub fn lookup(&self, code: &str) -> Option<&CameoCode> {
        self.index.get(code).map(|&i| &self.codes[i])
    }

    pub fn codes(&self) -> &[CameoCode] {
        &self.codes
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// Name of a GDELT QuadClass.
pub fn quad_class_name(q: u8) -> &'static str {
    match q {
        1 => "Verbal Cooperation",
        2 => "Material Cooperation",
        3 => "Verbal Conflict",
        4 => "Material Conflict",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_all_codes_with_roots() {
        let book = Codebook::get();
        assert_eq!(book.len(), 311);
        for root in 1..=20 {
            let r = format!("{root:02}");
            assert!(book.lookup(&r).is_some(), "root {r} missing");
        }
        let c = book.lookup("041").unwrap();
        assert_eq!(c.plover_event, Some("CONSULT"));
        assert_eq!(c.plover_mode, Some("phone"));
        assert_eq!(c.quad_class, 1);
        let c = book.lookup("1724").unwrap();
        assert_eq!(c.root(), "17");
        assert_eq!(c.base(), "172");
        assert_eq!(c.quad_class, 4);
    }

    #[test]
    fn rejects_malformed_lines() {
        let bad = "code\tquad\tgoldstein\tplover\tmode\tcontext\tname\n041\t9\t1.0\t-\t-\t-\tx\n";
        assert!(Codebook::parse(bad).unwrap_err().contains("quad class"));
        let dup = "h\n041\t1\t1.0\t-\t-\t-\tx\n041\t1\t1.0\t-\t-\t-\tx\n";
        assert!(Codebook::parse(dup).unwrap_err().contains("duplicate"));
    }
}
