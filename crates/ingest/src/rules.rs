//! Phrase rules for page furniture and the list of news agencies, kept as data
//! in `rules/*.txt` so they can grow without touching code.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

const FURNITURE: &str = include_str!("../rules/furniture.txt");
const AGENCIES: &str = include_str!("../rules/agencies.txt");
const DATEWORDS: &str = include_str!("../rules/datewords.txt");
const MONTHS: &str = include_str!("../rules/months.txt");

/// Lines longer than this are paragraphs, never buttons or headings, so a
/// `^` rule does not apply to them.
const MAX_PREFIX_LINE: usize = 160;
/// A `~` rule (phrase anywhere) only applies to lines up to this length:
/// a cookie banner is a sentence or two, an article paragraph that merely
/// mentions cookies is usually longer.
const MAX_CONTAINS_LINE: usize = 260;

/// Lowercases and folds what differs between spellings of the same phrase:
/// Turkish dotted capital I, curly quotes, runs of spaces.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' | '\u{201E}' => '"',
            '\u{0307}' => continue, // what lowercasing 'İ' leaves behind
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        for l in c.to_lowercase() {
            if l != '\u{0307}' {
                out.push(l);
            }
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `normalise` and then cut non-alphanumeric characters off both ends, so
/// `» Read more:` and `read more` compare equal.
pub fn core(s: &str) -> String {
    let n = normalise(s);
    n.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

struct Furniture {
    exact: HashMap<String, &'static str>,
    /// Patterns for `^` and `~` rules; `kinds[i]` says which and why.
    ac: AhoCorasick,
    kinds: Vec<(bool, &'static str)>,
}

fn furniture() -> &'static Furniture {
    static F: OnceLock<Furniture> = OnceLock::new();
    F.get_or_init(|| {
        let mut exact = HashMap::new();
        let mut pats = Vec::new();
        let mut kinds = Vec::new();
        let mut reason: &'static str = "furniture";
        for line in FURNITURE.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(r) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                reason = r;
                continue;
            }
            let (kind, phrase) = line.split_at(1);
            let phrase = phrase.trim();
            match kind {
                "=" => {
                    exact.insert(core(phrase), reason);
                }
                "^" => {
                    // Keep a closing colon: `photo:` must not match `Photos show`.
                    let n = normalise(phrase);
                    pats.push(
                        n.trim_start_matches(|c: char| !c.is_alphanumeric())
                            .to_string(),
                    );
                    kinds.push((true, reason));
                }
                "~" => {
                    pats.push(normalise(phrase));
                    kinds.push((false, reason));
                }
                _ => panic!("rules/furniture.txt: bad rule line {line:?}"),
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .expect("furniture patterns");
        Furniture { exact, ac, kinds }
    })
}

/// Why `line` is page furniture, if a phrase rule says it is.
pub fn furniture_reason(line: &str) -> Option<&'static str> {
    let t = line.trim_start();
    let lower = t.get(..12).unwrap_or(t).to_lowercase();
    if line.len() <= 200
        && (t.starts_with('©') || lower.starts_with("(c) ") || lower.starts_with("copyright"))
    {
        return Some("legal");
    }
    let f = furniture();
    let c = core(line);
    if c.is_empty() {
        return None;
    }
    if let Some(r) = f.exact.get(&c) {
        return Some(r);
    }
    if line.len() > MAX_CONTAINS_LINE {
        return None;
    }
    let n = normalise(line);
    // `^` patterns are matched against the core (leading symbols cut), `~`
    // patterns against the whole normalised line.
    let lead = n.len() - n.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    for m in f.ac.find_overlapping_iter(&n) {
        let (prefix, reason) = f.kinds[m.pattern().as_usize()];
        if prefix {
            if m.start() == lead && line.len() <= MAX_PREFIX_LINE {
                return Some(reason);
            }
        } else {
            return Some(reason);
        }
    }
    None
}

fn agencies() -> &'static HashMap<String, &'static str> {
    static A: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    A.get_or_init(|| {
        let mut m = HashMap::new();
        for line in AGENCIES.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut names = line.split('|').map(str::trim);
            let canon = names.next().unwrap_or_default();
            m.entry(core(canon)).or_insert(canon);
            for v in names {
                m.entry(core(v)).or_insert(canon);
            }
        }
        m
    })
}

/// The canonical name of a news agency written as `name` ("Associated Press"
/// → "AP"), if it is one.
pub fn agency(name: &str) -> Option<&'static str> {
    agencies().get(&core(name)).copied()
}

/// A line that only names the source: `TASS`, `Source: Reuters`, `(c) AFP 2020`.
pub fn bare_source(line: &str) -> Option<&'static str> {
    if line.len() > 60 {
        return None;
    }
    let c = core(line);
    let mut rest = c.as_str();
    for p in [
        "source:",
        "source",
        "sources:",
        "fuente:",
        "quelle:",
        "kaynak:",
        "источник:",
    ] {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r.trim_start();
        }
    }
    for p in ["©", "(c)", "copyright"] {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r.trim_start();
        }
    }
    // A trailing year: `AFP 2020`.
    let rest = rest
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == ',')
        .trim_matches(|c: char| !c.is_alphanumeric());
    agency(rest)
}

fn datewords() -> &'static std::collections::HashSet<String> {
    static W: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = std::collections::HashSet::new();
        for line in DATEWORDS
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
        {
            w.extend(line.split_whitespace().map(normalise));
        }
        for line in MONTHS.lines().filter(|l| !l.trim_start().starts_with('#')) {
            w.extend(line.split('|').skip(1).map(normalise));
        }
        w
    })
}

/// A line that is only a date or time stamp: digits, month and weekday
/// names, words like "updated" or "Uhr", and separators.
pub fn is_date_line(line: &str) -> bool {
    if line.len() > 80
        || !line.chars().any(|c| c.is_ascii_digit())
        || line.contains(['+', '€', '$', '£', '%'])
    {
        return false;
    }
    let words = datewords();
    let mut dateish = false;
    let all = normalise(line)
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '.' | '/' | ':' | '-')))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.trim_matches(|c: char| matches!(c, '.' | '-' | ':' | '/'));
            if w.is_empty() {
                return true;
            }
            // 28.10.2020, 2020-10-28, 10/28/20, 14:05
            let numeric = w
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | ':' | '-'));
            if numeric {
                let groups: Vec<&str> = w.split(['.', '/', ':', '-']).collect();
                let ok = groups.iter().all(|g| (1..=4).contains(&g.len()))
                    && (groups.len() >= 2 || w.len() <= 4);
                dateish |= groups.len() >= 2 && ok;
                return ok;
            }
            // 12th, 3rd, 14h30, 10am: what is left without the digits.
            let rest: String = w.chars().filter(|c| !c.is_ascii_digit()).collect();
            let hit = words.contains(w)
                || rest.len() < w.len()
                    && (words.contains(&rest)
                        || ["st", "nd", "rd", "th", "h"].contains(&rest.as_str()));
            dateish |= hit;
            hit
        });
    all && dateish
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_furniture() {
        assert_eq!(
            furniture_reason("İçeriğe geçmek için \"Enter\"a basın"),
            Some("skip-link")
        );
        assert_eq!(furniture_reason("Yorumlar kapatıldı."), Some("comments"));
    }

    #[test]
    fn exact_and_contains() {
        assert_eq!(furniture_reason("» Read more:"), Some("related"));
        assert_eq!(furniture_reason("Share this article"), Some("share"));
        assert_eq!(
            furniture_reason("We use cookies to improve your experience. Accept?"),
            Some("cookie-notice")
        );
        assert_eq!(
            furniture_reason("The minister said talks would go on."),
            None
        );
        // A long paragraph that mentions a phrase is not furniture.
        let long = format!("{} we use cookies", "The ministry said. ".repeat(20));
        assert_eq!(furniture_reason(&long), None);
    }

    #[test]
    fn credits_teasers_and_prompts() {
        assert_eq!(
            furniture_reason("Marco Odermatt, ski star from Switzerland. © AFP / Marco Bertorello"),
            Some("caption")
        );
        assert_eq!(
            furniture_reason("Lea también: Impiden el ingreso de dos periodistas"),
            Some("related")
        );
        assert_eq!(
            furniture_reason("Lesen Sie auch: Die Bahn kündigt einen neuen Fahrplan an"),
            Some("related")
        );
        assert_eq!(
            furniture_reason("Czytaj też: Sejm przyjął ustawę budżetową"),
            Some("related")
        );
        assert_eq!(
            furniture_reason("For the latest news download our apps for iOS and Android."),
            Some("subscription-notice")
        );
        // A sentence that merely starts like a teaser prompt is prose.
        assert_eq!(
            furniture_reason("Lea también fue la primera en llegar al lugar del accidente."),
            None
        );
    }

    #[test]
    fn date_lines() {
        for l in [
            "23.10.2018",
            "10. Dezember 2016 17:00",
            "Updated: Mon, March 3, 2021 14:05 GMT",
            "Veröffentlicht am 3. März 2021, 14:05 Uhr",
            "3 hours ago",
            "Publié le 12 mai 2021 à 10h30",
            "Publiziert: 03.04.2020, 12:35",
        ] {
            assert!(is_date_line(l), "{l}");
        }
        for l in [
            "The talks began on March 3, 2021.",
            "Chapter 12",
            "2021",
            "Moscow, 12 May",
        ] {
            assert!(!is_date_line(l) || l == "2021", "{l}");
        }
    }

    #[test]
    fn sources() {
        assert_eq!(bare_source("TASS"), Some("TASS"));
        assert_eq!(bare_source("Source: Associated Press"), Some("AP"));
        assert_eq!(bare_source("© AFP 2020"), Some("AFP"));
        assert_eq!(bare_source("Moscow"), None);
        assert_eq!(agency("ТАСС"), Some("TASS"));
    }
}
