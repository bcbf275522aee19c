//! The seed article: the events the foundation promises, no event from the
//! page furniture, and byte-identical output on every run.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn seed() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/tass-nagorno-karabakh.txt");
    if p.is_file() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/seed is missing in CI"
    );
    eprintln!("skipping: ../shared not present");
    None
}

fn code(args: &[&str]) -> (Vec<u8>, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .args(args)
        .output()
        .unwrap();
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

fn events(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn has(evs: &[Value], root: &str, src: &str, tgt: Option<&str>) -> bool {
    evs.iter().any(|e| {
        e["cameo"].as_str().unwrap().starts_with(root)
            && e["source"]["code"] == src
            && (tgt.is_none() || e["target"]["code"].as_str() == tgt)
    })
}

#[test]
fn seed_article_events() {
    let Some(p) = seed() else { return };
    let (stdout, stderr, ok) = code(&[p.to_str().unwrap(), "--date", "2020-10-28"]);
    assert!(ok, "dyad code failed: {stderr}");
    let evs = events(&stdout);
    // The phone call, both directions.
    assert!(
        has(&evs, "04", "RUSGOV", Some("FRAGOV")),
        "no RUSGOV->FRAGOV 04x"
    );
    assert!(
        has(&evs, "04", "FRAGOV", Some("RUSGOV")),
        "no FRAGOV->RUSGOV 04x"
    );
    assert!(evs.iter().any(|e| e["cameo"] == "041"), "no 041 phone call");
    // The joint appeal for a ceasefire, from each minister's government.
    assert!(has(&evs, "02", "RUSGOV", None), "no 02x appeal from RUSGOV");
    assert!(has(&evs, "02", "FRAGOV", None), "no 02x appeal from FRAGOV");
    // ... addressed to the parties of the conflict, named further down the article.
    for (src, tgt) in [
        ("RUSGOV", "AZE"),
        ("RUSGOV", "ARM"),
        ("FRAGOV", "AZE"),
        ("FRAGOV", "ARM"),
    ] {
        assert!(
            has(&evs, "025", src, Some(tgt)),
            "no 025x appeal {src} -> {tgt}"
        );
    }
    // The fighting, martial law and mobilization.
    assert!(
        has(&evs, "19", "AZE", Some("ARM")) && has(&evs, "19", "ARM", Some("AZE")),
        "no 19x clashes"
    );
    for c in ["AZE", "ARM"] {
        assert!(
            evs.iter()
                .any(|e| e["cameo"] == "1724" && e["source"]["code"] == c),
            "no 1724 by {c}"
        );
        assert!(
            evs.iter()
                .any(|e| e["cameo"] == "154" && e["source"]["code"] == c),
            "no 154 by {c}"
        );
    }
    // The clashes are dated from their sentence; the ceasefire agreements are between the two capitals.
    let clashes: Vec<&Value> = evs.iter().filter(|e| e["trigger"] == "clashes").collect();
    assert!(
        !clashes.is_empty()
            && clashes
                .iter()
                .all(|e| e["event_date"] == "2020-09-27" && e["date_precision"] == "day")
    );
    assert!(
        has(&evs, "0871", "AZEGOV", Some("ARMGOV")) && has(&evs, "0871", "ARMGOV", Some("AZEGOV")),
        "no 0871"
    );
    // Nothing from the Turkish skip-link or comment line, nor the bare source line.
    for e in &evs {
        let s = e["sentence"].as_str().unwrap();
        assert!(
            !s.contains("İçeriğe") && !s.contains("Yorumlar") && s != "TASS",
            "event from page furniture: {s}"
        );
        // Every event names its sentence, trigger and pattern.
        assert!(
            !e["trigger"].as_str().unwrap().is_empty()
                && e["pattern"].as_str().unwrap().contains("verbs.txt:")
        );
        assert_eq!(e["pub_date"], "2020-10-28");
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    let Some(p) = seed() else { return };
    let a = code(&[p.to_str().unwrap()]);
    let b = code(&[p.to_str().unwrap()]);
    assert!(!a.0.is_empty());
    assert_eq!(a.0, b.0);
    let tsv_a = code(&[p.to_str().unwrap(), "--format", "tsv"]);
    let tsv_b = code(&[p.to_str().unwrap(), "--format", "tsv"]);
    assert_eq!(tsv_a.0, tsv_b.0);
    for row in String::from_utf8(tsv_a.0).unwrap().lines() {
        assert_eq!(row.split('\t').count(), 61, "GDELT rows have 61 columns");
    }
}
