//! Bad input gives an error naming the file and record; the rest is still read.

use dyad_ingest::{Options, read};

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-ingest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn folder_with_bad_text_files() {
    let d = tmpdir("badtext");
    std::fs::write(d.join("a_empty.txt"), "").unwrap();
    std::fs::write(
        d.join("b_binary.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    std::fs::write(
        d.join("c_latin1.txt"),
        b"Caf\xe9 talks\n\nThe talks went on.",
    )
    .unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(
        d.join("sub/d_good.txt"),
        "Talks resume\n\nGENEVA (AP) — Delegations met on Monday to resume talks.\n",
    )
    .unwrap();

    let out: Vec<_> = read(&d, &Options::default()).collect();
    assert_eq!(out.len(), 4);
    let errs: Vec<String> = out
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(errs[0].contains("a_empty.txt: empty file"), "{}", errs[0]);
    assert!(errs[1].contains("b_binary.txt: binary file"), "{}", errs[1]);
    assert!(
        errs[2].contains("c_latin1.txt: invalid UTF-8 at byte 3"),
        "{}",
        errs[2]
    );
    let good = out[3].as_ref().unwrap();
    assert!(good.id.ends_with("sub/d_good.txt"));
    assert_eq!(good.title.as_deref(), Some("Talks resume"));
    assert_eq!(good.text, "Delegations met on Monday to resume talks.");
    assert_eq!(good.source.as_deref(), Some("AP"));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn missing_file_is_an_error() {
    let out: Vec<_> = read(
        std::path::Path::new("/nonexistent/x.txt"),
        &Options::default(),
    )
    .collect();
    assert_eq!(out.len(), 1);
    assert!(
        out[0]
            .as_ref()
            .unwrap_err()
            .location
            .contains("/nonexistent/x.txt")
    );
}
