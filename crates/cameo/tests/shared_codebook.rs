//! Checks dyad's codebook against the consolidated CAMEO codebook in
//! `../shared`. Skips only when `../shared` is absent outside CI.

use std::path::PathBuf;

use dyad_cameo::Codebook;

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared is missing in CI"
    );
    eprintln!("skipping: ../shared not present");
    None
}

#[test]
fn codebook_matches_consolidated_tsv() {
    let Some(dir) = shared() else { return };
    let text =
        std::fs::read_to_string(dir.join("data/cameo/CAMEO_codebook_consolidated.tsv")).unwrap();
    let book = Codebook::get();
    let mut seen = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let code = f[0];
        let ours = book
            .lookup(code)
            .unwrap_or_else(|| panic!("code {code} missing"));
        let norm = |s: &str| -> String {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        assert_eq!(norm(ours.name), norm(f[3]), "name of {code}");
        assert_eq!(
            ours.goldstein,
            f[4].parse::<f32>().unwrap(),
            "goldstein of {code}"
        );
        assert_eq!(
            ours.quad_class,
            f[5].parse::<u8>().unwrap(),
            "quad class of {code}"
        );
        fn opt(s: &str) -> Option<&str> {
            Some(s.trim()).filter(|s| !s.is_empty())
        }
        assert_eq!(ours.plover_event, opt(f[8]), "plover event of {code}");
        assert_eq!(ours.plover_mode, opt(f[9]), "plover mode of {code}");
        assert_eq!(ours.plover_context, opt(f[10]), "plover context of {code}");
        seen += 1;
    }
    assert_eq!(seen, book.len(), "codebook sizes differ");
}
