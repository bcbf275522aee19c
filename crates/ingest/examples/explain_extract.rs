//! Why extraction kept or lost something on a page: the page's elements down
//! to a depth with their visible text (removed ones marked), the container
//! the markup names, the scored region, and the text each of them gives.
//!
//! `cargo run --release -p dyad-ingest --example explain_extract -- PAGE.html... [--depth N] [--text]`

fn main() {
    let (mut depth, mut show_text, mut files) = (0usize, false, Vec::new());
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--depth" => depth = args.next().and_then(|n| n.parse().ok()).expect("--depth N"),
            "--text" => show_text = true,
            _ => files.push(a),
        }
    }
    assert!(
        !files.is_empty(),
        "usage: explain_extract PAGE.html... [--depth N] [--text]"
    );
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_else(|e| panic!("{f}: {e}"));
        let html = match dyad_ingest::html::decode(&bytes) {
            Ok(h) => dyad_ingest::html::prestrip(&h),
            Err(e) => {
                println!("== {f}: {e}");
                continue;
            }
        };
        let doc = dom_query::Document::from(html.as_str());
        println!("== {f}\n{}", dyad_ingest::extract::explain(&doc, depth));
        if show_text {
            let (container, scored) = dyad_ingest::extract::candidates(&doc);
            println!(
                "--- container\n{}--- scored\n{}--- chosen\n{}",
                container.unwrap_or_default(),
                scored.unwrap_or_default(),
                dyad_ingest::extract::main_text(&doc).unwrap_or_default()
            );
        }
    }
}
