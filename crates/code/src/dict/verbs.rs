//! The verb and noun pattern format (`data/dict/verbs.txt`).
//!
//! One pattern per line: `CODE TRIGGER ELEMENT... [; FLAG...] [# comment]`.
//! - `TRIGGER` is a lemma, words joined by `_` (`phone_call`), or alternatives
//!   (`normalize|normalise`); `n:` marks a noun trigger (`n:clash`),
//!   otherwise the trigger is a verb.
//! - Elements follow the trigger in order, within its clause: a lemma or
//!   alternatives (`ceasefire|truce`, words joined by `_`), `+` the target
//!   actor, `$` the source actor, `!word` a word whose presence vetoes the
//!   pattern.
//! - Flags: `recip`: a coordinated actor with no other party ("X and Y held
//!   talks", "clashes between X and Y") gives events in both directions.

use super::DictError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// Any of these word sequences (each a list of lemmas).
    Words(Vec<Vec<String>>),
    Target,
    Source,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbPattern {
    pub code: String,
    /// Trigger lemmas (one or more words).
    pub trigger: Vec<String>,
    pub noun: bool,
    pub elements: Vec<Element>,
    pub vetoes: Vec<Vec<String>>,
    pub recip: bool,
    /// `file:line` of the pattern.
    pub origin: String,
    /// The pattern as written.
    pub text: String,
}

fn words(s: &str) -> Vec<String> {
    s.split('_').map(|w| w.to_lowercase()).collect()
}

pub fn parse_verbs(name: &str, text: &str) -> Result<Vec<VerbPattern>, DictError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let err = |m: String| DictError {
            file: name.to_string(),
            line: Some(i + 1),
            message: m,
        };
        let line = raw.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let (body, flags) = match line.split_once(';') {
            Some((b, f)) => (b, f),
            None => (line, ""),
        };
        let mut fields = body.split_whitespace();
        let code = fields.next().unwrap().to_string();
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(format!("bad CAMEO code {code:?}")));
        }
        let trig = fields.next().ok_or_else(|| err("missing trigger".into()))?;
        let (noun, trig) = match trig.strip_prefix("n:") {
            Some(t) => (true, t),
            None => (false, trig),
        };
        if trig
            .split('|')
            .any(|t| t.is_empty() || !t.chars().all(|c| c.is_alphabetic() || c == '_' || c == '-'))
        {
            return Err(err(format!("bad trigger {trig:?}")));
        }
        let mut elements = Vec::new();
        let mut vetoes = Vec::new();
        for f in fields {
            match f {
                "+" => elements.push(Element::Target),
                "$" => elements.push(Element::Source),
                _ if f.starts_with('!') => vetoes.push(words(&f[1..])),
                _ => {
                    if f.split('|').any(|a| {
                        a.is_empty()
                            || !a.chars().all(|c| c.is_alphabetic() || c == '_' || c == '-')
                    }) {
                        return Err(err(format!("bad element {f:?}")));
                    }
                    elements.push(Element::Words(f.split('|').map(words).collect()));
                }
            }
        }
        if elements.iter().filter(|e| **e == Element::Target).count() > 1
            || elements.iter().filter(|e| **e == Element::Source).count() > 1
        {
            return Err(err("at most one `+` and one `$`".into()));
        }
        let mut recip = false;
        for flag in flags.split_whitespace() {
            match flag {
                "recip" => recip = true,
                _ => return Err(err(format!("unknown flag {flag:?}"))),
            }
        }
        // Alternative triggers ("normalize|normalise") make one pattern each.
        for t in trig.split('|') {
            out.push(VerbPattern {
                code: code.clone(),
                trigger: words(t),
                noun,
                elements: elements.clone(),
                vetoes: vetoes.clone(),
                recip,
                origin: format!("{name}:{}", i + 1),
                text: line.to_string(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_patterns_and_flags() {
        let p = parse_verbs(
            "v.txt",
            "0256 call on + ceasefire|truce|cease_fire  # appeal\n190 n:clash between + ; recip\n",
        )
        .unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].trigger, vec!["call"]);
        assert_eq!(p[0].elements[1], Element::Target);
        assert_eq!(
            p[0].elements[2],
            Element::Words(vec![
                vec!["ceasefire".into()],
                vec!["truce".into()],
                vec!["cease".into(), "fire".into()]
            ])
        );
        assert!(p[1].noun && p[1].recip);
        assert_eq!(p[1].origin, "v.txt:2");
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(
            parse_verbs("v", "19x attack +")
                .unwrap_err()
                .message
                .contains("CAMEO code")
        );
        assert!(
            parse_verbs("v", "190 attack + +")
                .unwrap_err()
                .message
                .contains("at most one")
        );
        assert!(
            parse_verbs("v", "190 attack ; both")
                .unwrap_err()
                .message
                .contains("unknown flag")
        );
        let e = parse_verbs("v", "\n\n190").unwrap_err();
        assert_eq!(e.line, Some(3));
    }
}
