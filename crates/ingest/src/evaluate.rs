//! Scoring cleaning against hand-labelled pages: for every `NAME.html` or
//! `NAME.txt` in a folder, `NAME.body` holds the body as it should come out
//! (optionally a first line `title: ...`), one paragraph per line.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::{Options, read};

/// Counts over a labelled corpus; lines are compared whitespace-normalised.
#[derive(Debug, Default)]
pub struct Report {
    pub documents: usize,
    pub errors: Vec<String>,
    /// Kept lines that are body lines.
    pub true_pos: usize,
    /// Kept lines that are not.
    pub false_pos: usize,
    /// Body lines not kept.
    pub false_neg: usize,
    pub titles: usize,
    pub titles_right: usize,
    /// Per document: (file, wrongly kept lines, missed lines).
    pub misses: Vec<(String, Vec<String>, Vec<String>)>,
}

impl Report {
    pub fn precision(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_pos).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_neg).max(1) as f64
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every labelled page under `dir` (recursively), in sorted order.
pub fn labelled(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("html" | "htm" | "txt")
            ) {
                let gold = p.with_extension("body");
                if gold.exists() {
                    out.push((p, gold));
                }
            }
        }
    }
    out.sort();
    out
}

/// Reads and cleans every labelled page under `dir` and scores its body lines.
pub fn evaluate(dir: &Path, opts: &Options) -> Report {
    let mut r = Report::default();
    for (page, gold) in labelled(dir) {
        r.documents += 1;
        let gold_text = std::fs::read_to_string(&gold).unwrap_or_default();
        let mut lines = gold_text.lines().peekable();
        let title = lines
            .peek()
            .and_then(|l| l.strip_prefix("title:"))
            .map(norm);
        if title.is_some() {
            lines.next();
        }
        let want: Vec<String> = lines.map(norm).filter(|l| !l.is_empty()).collect();
        let doc = match read(&page, opts).next() {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                r.errors.push(e.to_string());
                r.false_neg += want.len();
                continue;
            }
            None => continue,
        };
        if let Some(t) = title {
            r.titles += 1;
            if doc.title.as_deref().map(norm).as_deref() == Some(t.as_str()) {
                r.titles_right += 1;
            }
        }
        let got: Vec<String> = doc
            .text
            .lines()
            .map(norm)
            .filter(|l| !l.is_empty())
            .collect();
        let want_set: HashSet<&str> = want.iter().map(String::as_str).collect();
        let got_set: HashSet<&str> = got.iter().map(String::as_str).collect();
        let extra: Vec<String> = got
            .iter()
            .filter(|l| !want_set.contains(l.as_str()))
            .cloned()
            .collect();
        let missed: Vec<String> = want
            .iter()
            .filter(|l| !got_set.contains(l.as_str()))
            .cloned()
            .collect();
        r.true_pos += got.len() - extra.len();
        r.false_pos += extra.len();
        r.false_neg += missed.len();
        if !extra.is_empty() || !missed.is_empty() {
            r.misses.push((page.display().to_string(), extra, missed));
        }
    }
    r
}
