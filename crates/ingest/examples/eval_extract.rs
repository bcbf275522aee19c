//! Scores dyad's HTML body extraction on trafilatura's benchmark the way its
//! evaluate script does: a 'with' snippet in the output is a true positive,
//! missing a false negative; a 'without' snippet in it a false positive,
//! absent a true negative.
//!
//! `cargo run --release -p dyad-ingest --example eval_extract -- DIR [--dump OUT]`
//! where DIR holds `evaldata.json` and `pages/`.

use std::path::PathBuf;
use std::time::Instant;

use dyad_ingest::{Options, read};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: eval_extract DIR [--dump OUT]"));
    let (mut dump, mut dump_dropped) = (None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dump" => dump = Some(PathBuf::from(args.next().expect("--dump OUT"))),
            // Lines cleaning removed, with reasons: for finding what it drops wrongly.
            "--dump-dropped" => {
                dump_dropped = Some(PathBuf::from(args.next().expect("--dump-dropped OUT")))
            }
            _ => panic!("unknown argument {a}"),
        }
    }
    let mut dropped = serde_json::Map::new();
    let eval: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("evaldata.json")).expect("evaldata.json"))
            .expect("evaldata.json is JSON");
    let items = eval.as_object().expect("an object of pages");
    let (mut tp, mut fn_, mut fp, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let mut errors = 0;
    let mut bytes = 0usize;
    let mut outputs = serde_json::Map::new();
    let t0 = Instant::now();
    for (_url, item) in items {
        let file = item["file"].as_str().unwrap();
        let path = dir.join("pages").join(file);
        bytes += std::fs::metadata(&path).map_or(0, |m| m.len() as usize);
        let text = match read(&path, &Options::default()).next() {
            Some(Ok(d)) => {
                if dump_dropped.is_some() {
                    let lines: Vec<String> = d
                        .dropped
                        .iter()
                        .map(|l| format!("[{}] {}", l.reason, l.text))
                        .collect();
                    dropped.insert(file.to_string(), lines.into());
                }
                // The dateline is part of the body as extracted; dyad moves
                // it into its own field, so put it back for scoring.
                match &d.dateline {
                    Some(dl) => format!("{} {}", dl.raw, d.text),
                    None => d.text,
                }
            }
            Some(Err(e)) => {
                eprintln!("{e}");
                errors += 1;
                String::new()
            }
            None => String::new(),
        };
        let out = &text;
        for s in item["with"].as_array().unwrap() {
            if out.contains(s.as_str().unwrap()) {
                tp += 1;
            } else {
                fn_ += 1;
            }
        }
        for s in item["without"].as_array().unwrap() {
            if out.contains(s.as_str().unwrap()) {
                fp += 1;
            } else {
                tn += 1;
            }
        }
        if dump.is_some() {
            outputs.insert(file.to_string(), serde_json::Value::String(text));
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    let f1 = 2.0 * p * r / (p + r);
    println!(
        "dyad: pages {} errors {errors} tp {tp} fn {fn_} fp {fp} tn {tn} precision {p:.3} recall {r:.3} f1 {f1:.3} pages/s {:.1} MB/s {:.1}",
        items.len(),
        items.len() as f64 / secs,
        bytes as f64 / secs / 1e6
    );
    if let Some(out) = dump_dropped {
        std::fs::write(out, serde_json::to_vec(&dropped).unwrap()).unwrap();
    }
    if let Some(out) = dump {
        std::fs::write(out, serde_json::to_vec(&outputs).unwrap()).unwrap();
    }
}
