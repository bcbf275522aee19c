//! Sentence splitting on hand-written news cases (tests/data/split_news.txt):
//! every case must split exactly into its lines.

use dyad_nlp::{split, tokenize};

fn cases() -> Vec<Vec<String>> {
    let data = include_str!("data/split_news.txt");
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in data.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.push(line.to_string());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn news_cases_split_exactly() {
    let cases = cases();
    let mut sentences = 0;
    let mut failures = Vec::new();
    for case in &cases {
        let mut text = String::new();
        let mut expected = Vec::new();
        let mut sep = "";
        for line in case {
            match line.as_str() {
                "<p>" => sep = "\n\n",
                "<br>" => sep = "\n",
                _ => {
                    if !text.is_empty() {
                        text.push_str(if sep.is_empty() { " " } else { sep });
                    }
                    text.push_str(line);
                    expected.push(line.clone());
                    sep = "";
                }
            }
        }
        sentences += expected.len();
        let toks = tokenize(&text);
        let got: Vec<String> = split(&text, &toks)
            .into_iter()
            .map(|(a, b)| text[toks[a].start..toks[b - 1].end].to_string())
            .collect();
        if got != expected {
            failures.push(format!("expected {expected:#?}\n     got {got:#?}"));
        }
    }
    assert!(
        sentences >= 200,
        "only {sentences} sentences in the test set"
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
