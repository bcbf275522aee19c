//! Bad files are reported by name and do not stop the other files.

use std::process::Command;

const ARTICLE: &str = "Talks in Geneva\n\nGENEVA, May 4 (Meridian) - Russia and France held talks on Monday.\n\nThe two sides agreed to meet again.\n";

#[test]
fn empty_binary_and_invalid_utf8_files_are_reported_and_others_coded() {
    let dir = std::env::temp_dir().join(format!("dyad-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a-good.txt"), ARTICLE).unwrap();
    std::fs::write(dir.join("b-empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("c-binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0, 0, 7],
    )
    .unwrap();
    std::fs::write(
        dir.join("d-latin1.txt"),
        b"Caf\xe9 talks: Russia and France held talks.\n",
    )
    .unwrap();
    std::fs::write(dir.join("e-good.txt"), ARTICLE.replace("Russia", "Germany")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success(),
        "exit status must say something failed"
    );
    for bad in ["b-empty.txt", "c-binary.txt", "d-latin1.txt"] {
        assert!(
            stderr.lines().any(|l| l.contains(bad)),
            "no message naming {bad}: {stderr}"
        );
    }
    assert!(
        stdout.contains("a-good.txt"),
        "first good file not coded: {stdout}"
    );
    assert!(
        stdout.contains("e-good.txt"),
        "file after the bad ones not coded: {stdout}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
