//! Datelines at the start of a wire story: `MOSCOW, October 28. /TASS/.`,
//! `BAKU, March 3 (Reuters) -`, `NAIROBI (AP) —`, `PARIS, 12 mai (AFP) -`.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};
use dyad_doc::Dateline;

use crate::rules;

const MONTHS: &str = include_str!("../rules/months.txt");

fn months() -> &'static HashMap<String, u32> {
    static M: OnceLock<HashMap<String, u32>> = OnceLock::new();
    M.get_or_init(|| {
        let mut m = HashMap::new();
        for line in MONTHS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('|').map(str::trim);
            let n: u32 = parts
                .next()
                .and_then(|p| p.parse().ok())
                .expect("rules/months.txt: month number");
            for name in parts {
                m.insert(rules::normalise(name), n);
            }
        }
        m
    })
}

fn month(word: &str) -> Option<u32> {
    months()
        .get(&rules::normalise(word.trim_end_matches('.')))
        .copied()
}

/// A dateline found at the start of a paragraph, and how many bytes of the
/// paragraph it takes (including the spaces after it).
pub fn parse(text: &str, pub_date: Option<NaiveDate>) -> Option<(Dateline, usize)> {
    let mut c = Cursor { s: text, i: 0 };
    let place_start = c.i;
    let caps = c.place_words();
    let mut place_end = c.i;
    let mut mixed_place = false;
    if caps == 0 {
        // `Berlin (dpa) -`: a mixed-case place only counts before a known agency.
        if c.capitalised_words(3) == 0 {
            return None;
        }
        place_end = c.i;
        mixed_place = true;
    }
    let mut place = text[place_start..place_end].trim().to_string();
    // `MOSCOW. Oct 28`: the dot after a place name belongs to punctuation.
    if place.ends_with('.') && place[..place.len() - 1].chars().all(|ch| ch != '.') {
        place.pop();
    }
    let mut dl = Dateline {
        place: Some(place),
        ..Default::default()
    };

    // Optional region and date after a comma (or the dot of `MOSCOW.`).
    let after_place = c.i;
    if !mixed_place && (c.eat(",") || text[..c.i].ends_with('.')) {
        c.spaces();
        if !c.date(&mut dl) {
            // `KYIV, Ukraine (AP)` / `SAN JOSE, Calif., May 3 (Reuters)`.
            if c.capitalised_words(3) == 0 {
                c.i = after_place;
            } else {
                let before_date = c.i;
                if c.eat(",") {
                    c.spaces();
                    if !c.date(&mut dl) {
                        c.i = before_date;
                    }
                }
            }
        }
    }

    // The agency and the dash that ends the dateline.
    let before_tail = c.i;
    c.eat(".");
    c.spaces();
    if let Some(agency) = c.delimited('/', '/') {
        dl.agency = Some(canonical_agency(agency)?);
        c.eat(".");
        c.spaces();
        c.dash();
    } else {
        c.i = before_tail;
        c.spaces();
        if let Some(agency) = c.delimited('(', ')') {
            let known = rules::agency(agency);
            if mixed_place && known.is_none() {
                return None;
            }
            dl.agency = Some(canonical_agency(agency)?);
            c.eat(".");
            c.spaces();
            if !c.dash() && !c.eat(":") && !c.before_capital() {
                return None;
            }
        } else {
            // No agency: `WASHINGTON —`, `NEW DELHI:`; or a date and a dot.
            c.i = before_tail;
            c.spaces();
            let ok = !mixed_place && (c.dash() || c.eat(":"));
            if !ok {
                c.i = before_tail;
                if !(dl.month.is_some() && c.eat(".") && c.before_capital()) {
                    return None;
                }
            }
        }
    }
    c.spaces();
    if c.i >= text.len() {
        // Nothing left: a heading, not a dateline opening a paragraph.
        return None;
    }
    dl.raw = text[..c.i].trim_end().to_string();
    if dl.year.is_none() {
        dl.year = resolve_year(dl.month, dl.day, pub_date);
    }
    Some((dl, c.i))
}

/// The year of a month and day written without one, given when the story was
/// published: a December dateline on a January story is from the year before.
pub fn resolve_year(
    month: Option<u32>,
    day: Option<u32>,
    pub_date: Option<NaiveDate>,
) -> Option<i32> {
    let (m, d, p) = (month?, day?, pub_date?);
    let y = p.year();
    // Feb 29 in a non-leap publication year: it can only be the year before.
    let Some(same) = NaiveDate::from_ymd_opt(y, m, d) else {
        return Some(y - 1);
    };
    // A few days of slack for time zones and embargoed stories.
    if same > p + Duration::days(2) {
        Some(y - 1)
    } else {
        Some(y)
    }
}

fn canonical_agency(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Some(a) = rules::agency(raw) {
        return Some(a.to_string());
    }
    // An unknown agency still reads like a name: short, starting with a letter,
    // no sentence inside.
    let words = raw.split_whitespace().count();
    if raw.is_empty()
        || raw.len() > 40
        || words > 4
        || !raw.chars().next().is_some_and(char::is_alphabetic)
        || raw.contains(['.', ','])
    {
        return None;
    }
    Some(raw.to_string())
}

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.s[self.i..]
    }

    fn eat(&mut self, p: &str) -> bool {
        if self.rest().starts_with(p) {
            self.i += p.len();
            true
        } else {
            false
        }
    }

    fn spaces(&mut self) {
        let r = self.rest();
        self.i += r.len() - r.trim_start().len();
    }

    /// A word: letters with inner dots, hyphens and apostrophes (`ST.`, `D.C.`, `AL-ARISH`).
    fn word(&self) -> &str {
        let r = self.rest();
        let end = r
            .char_indices()
            .find(|&(_, ch)| !(ch.is_alphabetic() || matches!(ch, '.' | '-' | '\'' | '’')))
            .map_or(r.len(), |(k, _)| k);
        &r[..end]
    }

    /// Upper-case place words (`NEW YORK`, `ST. LOUIS`, `МОСКВА`); how many.
    fn place_words(&mut self) -> usize {
        let start = self.i;
        let mut n = 0;
        let mut letters = 0;
        loop {
            let save = self.i;
            if n > 0 && !(self.eat(" ") || self.eat("/")) {
                break;
            }
            let w = self.word();
            let is_caps = w.chars().any(char::is_alphabetic)
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                && !w.starts_with(['-', '.']);
            // A one-letter word is an initial or the article `A`: only inside a name.
            let l = w.chars().filter(|c| c.is_alphabetic()).count();
            if !is_caps || (l < 2 && !w.ends_with('.')) || month(w).is_some() && n > 0 {
                self.i = save;
                break;
            }
            letters += l;
            self.i += w.len();
            n += 1;
            if n == 5 {
                break;
            }
        }
        if letters < 2 {
            self.i = start;
            return 0;
        }
        n
    }

    /// Capitalised words (`Ukraine`, `Calif.`, `Berlin`), at most `max`; how many.
    fn capitalised_words(&mut self, max: usize) -> usize {
        let mut n = 0;
        while n < max {
            let save = self.i;
            if n > 0 && !self.eat(" ") {
                break;
            }
            let w = self.word();
            let first_upper = w.chars().next().is_some_and(char::is_uppercase);
            if !first_upper || month(w).is_some() {
                self.i = save;
                break;
            }
            self.i += w.len();
            n += 1;
        }
        n
    }

    fn number(&mut self, max_digits: usize) -> Option<u32> {
        let r = self.rest();
        let end = r
            .char_indices()
            .find(|&(_, ch)| !ch.is_ascii_digit())
            .map_or(r.len(), |(k, _)| k);
        if end == 0 || end > max_digits {
            return None;
        }
        let n = r[..end].parse().ok()?;
        self.i += end;
        Some(n)
    }

    /// `October 28`, `Oct. 28`, `28 октября`, `12 mai`, `28. Oktober`, with an
    /// optional year; fills `dl` and says whether one was there.
    fn date(&mut self, dl: &mut Dateline) -> bool {
        let start = self.i;
        let w = self.word();
        let (m, d) = if let Some(m) = month(w) {
            self.i += w.len();
            self.spaces();
            match self.number(2) {
                Some(d) => (m, d),
                None => {
                    self.i = start;
                    return false;
                }
            }
        } else if let Some(d) = self.number(2) {
            self.eat(".");
            self.spaces();
            let w = self.word();
            match month(w) {
                Some(m) => {
                    self.i += w.len();
                    (m, d)
                }
                None => {
                    self.i = start;
                    return false;
                }
            }
        } else {
            return false;
        };
        if !(1..=31).contains(&d) {
            self.i = start;
            return false;
        }
        dl.month = Some(m);
        dl.day = Some(d);
        // `, 2020` or ` 2020`.
        let save = self.i;
        self.eat(",");
        self.spaces();
        match self.number(4) {
            Some(y) if (1900..=2100).contains(&y) => dl.year = Some(y as i32),
            _ => self.i = save,
        }
        true
    }

    /// Text between `open` and `close` on the same line, at most 40 bytes.
    fn delimited(&mut self, open: char, close: char) -> Option<&str> {
        let r = self.rest();
        let inner = r.strip_prefix(open)?;
        let end = inner.find(close)?;
        if end > 40 || end == 0 {
            return None;
        }
        let s = &self.s[self.i + open.len_utf8()..self.i + open.len_utf8() + end];
        self.i += open.len_utf8() + end + close.len_utf8();
        Some(s)
    }

    /// The dash that closes a dateline: `-`, `--`, `—`, `–`, `.-`.
    fn dash(&mut self) -> bool {
        self.eat(".");
        for d in ["--", "—", "–", "-"] {
            if self.eat(d) {
                return true;
            }
        }
        false
    }

    /// Whether a capital letter (the body's first word) comes next.
    fn before_capital(&mut self) -> bool {
        let save = self.i;
        self.spaces();
        let ok = self.i > save
            && self
                .rest()
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '"' || c == '“' || c == '«');
        self.i = save;
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn check(
        text: &str,
        pub_date: Option<NaiveDate>,
        want: (&str, Option<u32>, Option<u32>, Option<i32>, Option<&str>),
        rest: &str,
    ) {
        let (dl, n) = parse(text, pub_date).unwrap_or_else(|| panic!("no dateline in {text:?}"));
        assert_eq!(dl.place.as_deref(), Some(want.0), "{text}");
        assert_eq!(
            (dl.month, dl.day, dl.year),
            (want.1, want.2, want.3),
            "{text}"
        );
        assert_eq!(dl.agency.as_deref(), want.4, "{text}");
        assert_eq!(&text[n..], rest, "{text}");
    }

    #[test]
    fn wire_styles() {
        check(
            "MOSCOW, October 28. /TASS/. Russian Foreign Minister",
            None,
            ("MOSCOW", Some(10), Some(28), None, Some("TASS")),
            "Russian Foreign Minister",
        );
        check(
            "MOSCOW, October 28. /TASS/. Lavrov said",
            d(2020, 10, 28),
            ("MOSCOW", Some(10), Some(28), Some(2020), Some("TASS")),
            "Lavrov said",
        );
        check(
            "BAKU, March 3 (Reuters) - Azerbaijan said",
            None,
            ("BAKU", Some(3), Some(3), None, Some("Reuters")),
            "Azerbaijan said",
        );
        check(
            "NAIROBI (AP) — Kenya's president",
            None,
            ("NAIROBI", None, None, None, Some("AP")),
            "Kenya's president",
        );
        check(
            "PARIS, 12 mai (AFP) - Le président",
            None,
            ("PARIS", Some(5), Some(12), None, Some("AFP")),
            "Le président",
        );
        check(
            "KYIV, Ukraine (AP) — Russian forces",
            None,
            ("KYIV", None, None, None, Some("AP")),
            "Russian forces",
        );
        check(
            "BEIJING, Oct. 28 (Xinhua) -- China said",
            None,
            ("BEIJING", Some(10), Some(28), None, Some("Xinhua")),
            "China said",
        );
        check(
            "МОСКВА, 28 октября. /ТАСС/. Министр",
            None,
            ("МОСКВА", Some(10), Some(28), None, Some("TASS")),
            "Министр",
        );
        check(
            "Berlin (dpa) - Die Regierung",
            None,
            ("Berlin", None, None, None, Some("dpa")),
            "Die Regierung",
        );
        check(
            "WASHINGTON — The Senate voted",
            None,
            ("WASHINGTON", None, None, None, None),
            "The Senate voted",
        );
        check(
            "ST. LOUIS, May 2, 2019 (Reuters) - A jury",
            d(2021, 1, 1),
            ("ST. LOUIS", Some(5), Some(2), Some(2019), Some("Reuters")),
            "A jury",
        );
        check(
            "MADRID, 3 mar (EFE).- El Gobierno",
            None,
            ("MADRID", Some(3), Some(3), None, Some("EFE")),
            "El Gobierno",
        );
        check(
            "SAN JOSE, Calif., May 3 (Reuters) - Apple",
            None,
            ("SAN JOSE", Some(5), Some(3), None, Some("Reuters")),
            "Apple",
        );
    }

    #[test]
    fn year_from_publication() {
        // A December dateline on a January story is last year's.
        check(
            "BAKU, Dec. 30 (Reuters) - Talks",
            d(2021, 1, 2),
            ("BAKU", Some(12), Some(30), Some(2020), Some("Reuters")),
            "Talks",
        );
        assert_eq!(resolve_year(Some(2), Some(29), d(2021, 3, 1)), Some(2020));
        assert_eq!(resolve_year(Some(3), Some(1), None), None);
    }

    #[test]
    fn not_datelines() {
        for t in [
            "Russian Foreign Minister Sergey Lavrov said.",
            "The UN (United Nations) said on Monday.",
            "US troops left.",
            "NATO and the EU met in Brussels.",
            "Berlin is the capital (of Germany).",
            "BREAKING NEWS",
        ] {
            assert!(parse(t, None).is_none(), "{t}");
        }
    }
}
