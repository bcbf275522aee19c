//! The labelled cleaning corpus (tests/corpus/ingest): body-line precision and
//! recall must stay at or above 0.95 on HTML and on scraped text.

use std::path::Path;

use dyad_ingest::{Options, evaluate};

fn check(sub: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus/ingest")
        .join(sub);
    let r = evaluate::evaluate(&dir, &Options::default());
    assert!(
        r.documents >= 30,
        "{sub}: only {} labelled pages",
        r.documents
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(
        r.precision() >= 0.95 && r.recall() >= 0.95,
        "{sub}: precision {:.3} recall {:.3}; misses: {:#?}",
        r.precision(),
        r.recall(),
        r.misses
    );
    assert!(
        r.titles_right * 10 >= r.titles * 9,
        "{sub}: titles {}/{}",
        r.titles_right,
        r.titles
    );
}

#[test]
fn html_pages() {
    check("html");
}

#[test]
fn text_pages() {
    check("text");
}
