//! The scraped TASS story dyad was conceived from, cleaned exactly.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dyad_ingest::{Options, read};

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} missing under CI",
        p.display()
    );
    eprintln!("skipping: {} not found", p.display());
    None
}

#[test]
fn tass_seed_cleaned_exactly() {
    let Some(path) = shared("seed/tass-nagorno-karabakh.txt") else {
        return;
    };
    let docs: Vec<_> = read(&path, &Options::default()).collect();
    assert_eq!(docs.len(), 1);
    let d = docs.into_iter().next().unwrap().expect("seed reads");

    assert_eq!(
        d.title.as_deref(),
        Some("Russia, France highlight importance of will in Nagorno-Karabakh ceasefire")
    );
    assert_eq!(d.id, path.display().to_string());
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.source.as_deref(), Some("TASS"));

    let dl = d.dateline.as_ref().expect("dateline");
    assert_eq!(dl.raw, "MOSCOW, October 28. /TASS/.");
    assert_eq!(dl.place.as_deref(), Some("MOSCOW"));
    assert_eq!((dl.month, dl.day, dl.year), (Some(10), Some(28), None));
    assert_eq!(dl.agency.as_deref(), Some("TASS"));

    // The body is exactly the article's paragraphs as the file has them:
    // the file's paragraphs after the skip link and the headline, up to the
    // bare source line, with the dateline cut off the first.
    let file = std::fs::read_to_string(&path).unwrap();
    let paras: Vec<&str> = file
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let tass = paras.iter().position(|p| *p == "TASS").unwrap();
    let mut want = paras[2..tass].join("\n\n");
    want = want
        .strip_prefix("MOSCOW, October 28. /TASS/. ")
        .unwrap()
        .to_string();
    assert_eq!(d.text, want);
    assert_eq!(d.text.split("\n\n").count(), 7);
    assert!(d.text.starts_with("Russian Foreign Minister Sergey Lavrov"));
    assert!(d.text.ends_with("Russia, France and the United States."));

    let dropped: Vec<(&str, &str)> = d
        .dropped
        .iter()
        .map(|l| (l.text.as_str(), l.reason.as_str()))
        .collect();
    assert_eq!(
        dropped,
        [
            ("İçeriğe geçmek için \"Enter\"a basın", "skip-link"),
            ("TASS", "source-line"),
            ("Yorumlar kapatıldı.", "comments"),
        ]
    );
}

#[test]
fn seed_year_from_publication_date() {
    let Some(path) = shared("seed/tass-nagorno-karabakh.txt") else {
        return;
    };
    let opts = Options {
        default_date: NaiveDate::from_ymd_opt(2020, 10, 28),
    };
    let d = read(&path, &opts).next().unwrap().unwrap();
    assert_eq!(d.pub_date, opts.default_date);
    assert_eq!(d.dateline.unwrap().year, Some(2020));
}
