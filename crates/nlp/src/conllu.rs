//! Reading and writing CoNLL-U (basic trees only; enhanced and empty nodes
//! are skipped, multiword tokens are kept for reconstructing raw text).

use std::fmt::Write as _;

/// One syntactic word of a CoNLL-U sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 1-based head, 0 for the root.
    pub head: usize,
    pub deprel: String,
    pub misc: String,
}

impl Word {
    /// Whether the MISC column says `SpaceAfter=No`.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multiword token: words `first..=last` (1-based) written as `form`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiWord {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub sent_id: Option<String>,
    pub text: Option<String>,
    pub newdoc: bool,
    pub newpar: bool,
    pub words: Vec<Word>,
    pub multiwords: Vec<MultiWord>,
}

/// Parses CoNLL-U text. Malformed lines are an error with their line number.
pub fn parse(input: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (ln, line) in input.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("sent_id =") {
                cur.sent_id = Some(v.trim().to_string());
            } else if let Some(v) = c.strip_prefix("text =") {
                cur.text = Some(v.trim().to_string());
            } else if c.starts_with("newdoc") {
                cur.newdoc = true;
            } else if c.starts_with("newpar") {
                cur.newpar = true;
            }
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 {
            return Err(format!("line {}: expected 10 columns", ln + 1));
        }
        if f[0].contains('.') {
            continue; // empty node of the enhanced graph
        }
        if let Some((a, b)) = f[0].split_once('-') {
            let parse = |s: &str| {
                s.parse::<usize>()
                    .map_err(|_| format!("line {}: bad id", ln + 1))
            };
            cur.multiwords.push(MultiWord {
                first: parse(a)?,
                last: parse(b)?,
                form: f[1].to_string(),
                misc: f[9].to_string(),
            });
            continue;
        }
        let head = if f[6] == "_" {
            0
        } else {
            f[6].parse()
                .map_err(|_| format!("line {}: bad head", ln + 1))?
        };
        cur.words.push(Word {
            form: f[1].to_string(),
            lemma: f[2].to_string(),
            upos: f[3].to_string(),
            xpos: f[4].to_string(),
            feats: f[5].to_string(),
            head,
            deprel: f[7].to_string(),
            misc: f[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads and parses a CoNLL-U file.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Sentence>, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&s).map_err(|e| format!("{}: {e}", path.display()))
}

impl Sentence {
    /// The surface text rebuilt from tokens and `SpaceAfter=No`.
    pub fn surface(&self) -> String {
        let mut s = String::new();
        let mut i = 0;
        while i < self.words.len() {
            if let Some(m) = self.multiwords.iter().find(|m| m.first == i + 1) {
                s.push_str(&m.form);
                if !m.misc.split('|').any(|x| x == "SpaceAfter=No") {
                    s.push(' ');
                }
                i = m.last;
                continue;
            }
            s.push_str(&self.words[i].form);
            if !self.words[i].no_space_after() {
                s.push(' ');
            }
            i += 1;
        }
        s.trim_end().to_string()
    }

    /// Writes the sentence as CoNLL-U (with a trailing blank line).
    pub fn write(&self, out: &mut String) {
        if let Some(id) = &self.sent_id {
            let _ = writeln!(out, "# sent_id = {id}");
        }
        if let Some(t) = &self.text {
            let _ = writeln!(out, "# text = {t}");
        }
        for (i, w) in self.words.iter().enumerate() {
            let dash = |s: &str| {
                if s.is_empty() {
                    "_".to_string()
                } else {
                    s.to_string()
                }
            };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
                i + 1,
                w.form,
                dash(&w.lemma),
                dash(&w.upos),
                dash(&w.xpos),
                dash(&w.feats),
                w.head,
                dash(&w.deprel),
                dash(&w.misc)
            );
        }
        out.push('\n');
    }
}

/// Writes an annotated document as CoNLL-U, one block per sentence, with
/// `# sent_id` (`ID-N`, or `N` when the document has no id) and `# text`.
pub fn write_document(doc: &dyad_doc::Document) -> String {
    let mut out = String::new();
    for (k, s) in doc.sentences.iter().enumerate() {
        let text: String = doc
            .slice(s.span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let id = if doc.id.is_empty() {
            format!("{}", k + 1)
        } else {
            format!("{}-{}", doc.id, k + 1)
        };
        let toks = doc.sentence_tokens(k);
        let words: Vec<Word> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let next = toks.get(i + 1).map_or(s.span.end, |n| n.span.start);
                Word {
                    form: t.form.clone(),
                    lemma: t.lemma.clone(),
                    upos: t.upos.clone(),
                    xpos: t.xpos.clone(),
                    feats: String::new(),
                    head: t.head.map_or(0, |h| h as usize + 1),
                    deprel: t.deprel.clone(),
                    misc: if next == t.span.end && i + 1 < toks.len() {
                        "SpaceAfter=No".into()
                    } else {
                        String::new()
                    },
                }
            })
            .collect();
        Sentence {
            sent_id: Some(id),
            text: Some(text),
            words,
            ..Default::default()
        }
        .write(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = I don't.\n\
        1-2\tI'm\t_\t_\t_\t_\t_\t_\t_\t_\n\
        1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
        2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\tSpaceAfter=No\n\
        3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n\
        3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\
        4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn parses_and_rebuilds_text() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s[0].newdoc);
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].words[2].head, 0);
        assert_eq!(s[0].multiwords[0].last, 2);
        assert_eq!(s[0].sent_id.as_deref(), Some("s1"));
        let mut out = String::new();
        s[0].write(&mut out);
        assert!(out.contains("3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No"));
        assert!(parse("1\tbad\n").is_err());
    }
}
