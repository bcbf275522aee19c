//! The dictionaries shipped with dyad parse and pass every check.

use dyad_code::Dictionaries;

#[test]
fn embedded_dictionaries_pass_check() {
    let d = Dictionaries::embedded().unwrap_or_else(|e| panic!("syntax errors: {e:?}"));
    let problems = dyad_code::dict::check(&d);
    assert!(
        problems.is_empty(),
        "{} problems, first: {}",
        problems.len(),
        problems[0]
    );
    // Every ISO 3166-1 country is there, and patterns reach all 20 CAMEO roots.
    assert!(d.countries.len() >= 249, "{} countries", d.countries.len());
    for root in 1..=20 {
        let r = format!("{root:02}");
        assert!(
            d.verbs.iter().any(|v| v.code.starts_with(&r)),
            "no pattern for root {r}"
        );
    }
}

#[test]
fn checker_reports_overlapping_terms_and_unknown_codes() {
    let files = vec![
        ("countries.toml".to_string(), "[[country]]\ncode = \"RUS\"\niso2 = \"RU\"\nname = \"Russia\"\n".to_string()),
        ("agents.toml".to_string(), "[GOV]\nnouns = [\"minister\"]\n".to_string()),
        ("verbs.txt".to_string(), "099 frobnicate +\n".to_string()),
        (
            "people/x.toml".to_string(),
            "[[person]]\nname = \"A B\"\noffices = [{ code = \"RUSGOV\", title = \"president\", from = \"2000-01-01\", to = \"2008-05-07\" }]\n\
             [[person]]\nname = \"C D\"\noffices = [{ code = \"RUSGOV\", title = \"president\", from = \"2008-01-01\", to = \"\" }]\n\
             [[person]]\nname = \"E F\"\noffices = [{ code = \"XXXGOV\", title = \"king\", from = \"2001-01-01\", to = \"\" }]\n"
                .to_string(),
        ),
    ];
    let d = Dictionaries::from_files(files.into_iter()).unwrap();
    let problems: Vec<String> = dyad_code::dict::check(&d)
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("unknown CAMEO code 099")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("overlaps")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("unknown office code XXXGOV")),
        "{problems:?}"
    );
}

#[test]
fn syntax_errors_name_file_and_line() {
    let files = vec![(
        "countries.toml".to_string(),
        "[[country]]\ncode = \"RUS\"\nname = 5\n".to_string(),
    )];
    let errs = Dictionaries::from_files(files.into_iter()).unwrap_err();
    assert_eq!(errs[0].file, "countries.toml");
    assert!(errs[0].line.is_some());
}
