//! `dyad explain` shows why an event was, or was not, produced.

use std::process::Command;

fn explain(text: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["explain", text, "--date", "2024-05-02"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn shows_tree_actors_events_and_drops() {
    let s = explain(
        "Russian troops shelled Ukrainian villages on Tuesday. Kenya did not attack Somalia.",
    );
    // Tokens with tags and relations.
    assert!(
        s.contains("shelled") && s.contains("VERB") && s.contains("nsubj"),
        "{s}"
    );
    // The actor with the dictionary entries that made it.
    assert!(
        s.contains("\"Russian troops\" -> RUSMIL") && s.contains("agent MIL"),
        "{s}"
    );
    // The event with its date, and the pattern that produced it as file:line.
    let line = s
        .lines()
        .find(|l| l.contains("RUSMIL 194 UKR"))
        .unwrap_or_else(|| panic!("no event line: {s}"));
    assert!(
        line.contains("2024-04-30") && line.contains("verbs.txt:"),
        "{line}"
    );
    // The negated attack is listed as dropped, with the reason.
    assert!(
        s.lines()
            .any(|l| l.contains("\"attack\"") && l.contains("negated")),
        "{s}"
    );
}
