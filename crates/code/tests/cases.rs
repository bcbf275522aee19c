//! Data-driven coding tests: each file in `tests/cases/` holds sentences
//! (`> ` lines, optionally `@ YYYY-MM-DD` for the publication date) followed
//! by the events expected from them, one `SOURCE CODE TARGET` line each
//! (`-` for no target). Run with `UPDATE_EXPECT=1` to rewrite the expected
//! lines from what dyad codes now, then review the diff.

use std::fmt::Write as _;
use std::path::PathBuf;

use dyad_code::Coder;
use dyad_doc::Document;
use dyad_nlp::Nlp;

struct Case {
    text: String,
    date: Option<String>,
    expected: Vec<String>,
}

fn parse(text: &str) -> (Vec<String>, Vec<Case>) {
    let mut header = Vec::new();
    let mut cases: Vec<Case> = Vec::new();
    let mut date = None;
    for line in text.lines() {
        if let Some(s) = line.strip_prefix("> ") {
            cases.push(Case {
                text: s.to_string(),
                date: date.clone(),
                expected: Vec::new(),
            });
        } else if let Some(d) = line.strip_prefix("@ ") {
            date = Some(d.trim().to_string());
        } else if line.trim().is_empty() || line.starts_with('#') {
            if cases.is_empty() {
                header.push(line.to_string());
            }
        } else if let Some(c) = cases.last_mut() {
            c.expected.push(line.trim().to_string());
        }
    }
    (header, cases)
}

fn code(nlp: &Nlp, coder: &Coder, c: &Case) -> Vec<String> {
    let mut doc = Document::new("case", c.text.clone());
    doc.pub_date = c.date.as_deref().and_then(|d| d.parse().ok());
    nlp.annotate(&mut doc);
    coder.code(&mut doc);
    let mut out: Vec<String> = doc
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e.source.code,
                e.cameo,
                e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-")
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn coding_cases() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let nlp = Nlp::new();
    let coder = Coder::embedded().expect("dictionaries load");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut failures = String::new();
    let mut total = 0;
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "txt"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        let (header, cases) = parse(&text);
        let mut rewritten = header.join("\n");
        let mut last_date: Option<String> = None;
        for c in &cases {
            total += 1;
            let mut got = code(&nlp, &coder, c);
            let mut want = c.expected.clone();
            want.sort();
            if got != want {
                let _ = writeln!(
                    failures,
                    "{}: {:?}\n  expected {want:?}\n  got      {got:?}",
                    f.display(),
                    c.text
                );
            }
            if c.date != last_date {
                let _ = write!(rewritten, "\n@ {}", c.date.clone().unwrap_or_default());
                last_date = c.date.clone();
            }
            let _ = write!(rewritten, "\n> {}\n", c.text);
            got.sort();
            for g in got {
                let _ = writeln!(rewritten, "{g}");
            }
        }
        if update {
            std::fs::write(f, rewritten.trim_start_matches('\n')).unwrap();
        }
    }
    assert!(total > 0, "no cases found");
    if !update {
        assert!(
            failures.is_empty(),
            "coding cases differ (UPDATE_EXPECT=1 to accept):\n{failures}"
        );
    }
}
