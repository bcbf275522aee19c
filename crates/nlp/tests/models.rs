//! Tests of the embedded models: tagging and lemma sanity, parse pins for
//! the constructions event coding relies on, and a small EWT dev check.
//!
//! Pins: each `tests/data/pins/NAME.txt` is parsed and compared with
//! `NAME.conllu`; run with `UPDATE_EXPECT=1` to rewrite the expected files
//! (then check them by eye). The structural assertions below hold whatever
//! the files say.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dyad_doc::Document;
use dyad_nlp::{Nlp, conllu, eval};

fn nlp() -> &'static Nlp {
    static NLP: OnceLock<Nlp> = OnceLock::new();
    NLP.get_or_init(Nlp::new)
}

fn annotate(text: &str) -> Document {
    let mut doc = Document::new("pin", text);
    nlp().annotate(&mut doc);
    doc
}

/// The head's form and the relation of the first token spelled `form`.
fn rel(doc: &Document, form: &str) -> (String, String) {
    for (k, _) in doc.sentences.iter().enumerate() {
        let toks = doc.sentence_tokens(k);
        if let Some(t) = toks.iter().find(|t| t.form == form) {
            let head = t
                .head
                .map_or("ROOT".to_string(), |h| toks[h as usize].form.clone());
            return (head, t.deprel.clone());
        }
    }
    panic!("no token {form:?}");
}

fn assert_rel(doc: &Document, form: &str, head: &str, deprel: &str) {
    let got = rel(doc, form);
    assert_eq!(
        (got.0.as_str(), got.1.as_str()),
        (head, deprel),
        "{form} in {:?}:\n{}",
        doc.text,
        conllu::write_document(doc)
    );
}

#[test]
fn tags_and_lemmas_are_sane() {
    let doc = annotate("Russia and Turkey agreed to hold talks on Syria's future.");
    let got: Vec<(&str, &str, &str)> = doc
        .tokens
        .iter()
        .map(|t| (t.form.as_str(), t.upos.as_str(), t.lemma.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Russia", "PROPN", "Russia"),
            ("and", "CCONJ", "and"),
            ("Turkey", "PROPN", "Turkey"),
            ("agreed", "VERB", "agree"),
            ("to", "PART", "to"),
            ("hold", "VERB", "hold"),
            ("talks", "NOUN", "talk"),
            ("on", "ADP", "on"),
            ("Syria", "PROPN", "Syria"),
            ("'s", "PART", "'s"),
            ("future", "NOUN", "future"),
            (".", "PUNCT", "."),
        ]
    );
    let doc = annotate("The rebels were attacking villages and had seized two towns.");
    let lemmas: Vec<&str> = doc.tokens.iter().map(|t| t.lemma.as_str()).collect();
    assert_eq!(
        lemmas,
        [
            "the", "rebel", "be", "attack", "village", "and", "have", "seize", "two", "town", "."
        ]
    );
    let xpos: Vec<&str> = doc.tokens.iter().map(|t| t.xpos.as_str()).collect();
    assert_eq!(
        xpos,
        [
            "DT", "NNS", "VBD", "VBG", "NNS", "CC", "VBD", "VBN", "CD", "NNS", "."
        ]
    );
}

#[test]
fn trees_are_well_formed() {
    let doc = annotate(
        "“We will respond,” the minister said. Fighting continued overnight in Tartar, Terter and Barda!\n\nNo.",
    );
    for k in 0..doc.sentences.len() {
        let toks = doc.sentence_tokens(k);
        let roots = toks.iter().filter(|t| t.head.is_none()).count();
        assert_eq!(roots, 1, "sentence {k} must have one root");
        for (i, t) in toks.iter().enumerate() {
            assert!(!t.deprel.is_empty() && !t.upos.is_empty() && !t.xpos.is_empty());
            // Following heads from any word reaches the root without a cycle.
            let (mut j, mut steps) = (i, 0);
            while let Some(h) = toks[j].head {
                j = h as usize;
                steps += 1;
                assert!(steps <= toks.len(), "cycle in sentence {k}");
            }
            assert_eq!(toks[j].deprel, "root");
        }
    }
}

#[test]
fn event_constructions_parse_right() {
    let d = annotate("The village was shelled by Azerbaijani forces.");
    assert_rel(&d, "village", "shelled", "nsubj:pass");
    assert_rel(&d, "forces", "shelled", "obl:agent");
    assert_rel(&d, "shelled", "ROOT", "root");

    let d = annotate("The ministers called on the opposing sides to achieve a ceasefire.");
    assert_rel(&d, "ministers", "called", "nsubj");
    assert_rel(&d, "sides", "called", "obl");
    assert_rel(&d, "achieve", "called", "xcomp");

    let d = annotate("Russia and Turkey agreed to hold talks.");
    assert_rel(&d, "Russia", "agreed", "nsubj");
    assert_rel(&d, "Turkey", "Russia", "conj");
    assert_rel(&d, "hold", "agreed", "xcomp");
    assert_rel(&d, "talks", "hold", "obj");

    let d = annotate("The soldiers who attacked the convoy were arrested.");
    assert_rel(&d, "soldiers", "arrested", "nsubj:pass");
    assert_rel(&d, "attacked", "soldiers", "acl:relcl");
    assert_rel(&d, "convoy", "attacked", "obj");

    let d = annotate("The ministry said Armenian troops had attacked Azerbaijani positions.");
    assert_rel(&d, "said", "ROOT", "root");
    assert_rel(&d, "attacked", "said", "ccomp");
    assert_rel(&d, "troops", "attacked", "nsubj");
    assert_rel(&d, "positions", "attacked", "obj");
}

#[test]
fn parse_pins_match_expected_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pins");
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v == "1");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 5);
    let mut mismatches = Vec::new();
    for input in inputs {
        let text = std::fs::read_to_string(&input).unwrap();
        let mut doc = Document::new(
            input.file_stem().unwrap().to_string_lossy(),
            text.trim_end(),
        );
        nlp().annotate(&mut doc);
        let got = conllu::write_document(&doc);
        let expected_path = input.with_extension("conllu");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "missing {}: run with UPDATE_EXPECT=1",
                expected_path.display()
            )
        });
        if got != expected {
            mismatches.push(format!("{}:\n{got}", expected_path.display()));
        }
    }
    assert!(
        mismatches.is_empty(),
        "parse pins changed (UPDATE_EXPECT=1 to accept):\n{}",
        mismatches.join("\n")
    );
}

/// A slice of EWT dev, when the shared data is present (always under CI).
#[test]
fn ewt_dev_sample_scores() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud/en_ewt/en_ewt-ud-dev.conllu");
    if !path.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing under CI",
            path.display()
        );
        eprintln!("skipping: {} not found", path.display());
        return;
    }
    let mut sents = conllu::read_file(&path).unwrap();
    sents.truncate(400);
    let g = eval::gold_tokens(nlp(), &sents);
    assert!(g.upos > 0.93, "UPOS {}", g.upos);
    assert!(g.lemma > 0.94, "lemma {}", g.lemma);
    assert!(g.uas > 0.80 && g.las > 0.76, "UAS {} LAS {}", g.uas, g.las);
    let r = eval::raw_text(nlp(), &sents);
    assert!(r.tokens.f1 > 0.97, "token F1 {}", r.tokens.f1);
    assert!(r.sentences.f1 > 0.70, "sentence F1 {}", r.sentences.f1);
}
