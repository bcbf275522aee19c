//! Event dates from the words of a sentence ("on September 27", "last
//! Tuesday", "in April 2016", "this past July"), resolved against the
//! publication date.
//!
//! Written here rather than taken from a crate: date crates parse whole date
//! strings, while news phrasing needs relative forms found inside a sentence
//! and resolved backwards from the publication date ("in July" written in
//! October means the July before).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dyad_doc::{DatePrecision, Token};

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Document token index where the expression starts.
    pub token: usize,
    pub date: NaiveDate,
    pub precision: DatePrecision,
}

fn month(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == w).map(|(_, n)| *n)
}

fn number(w: &str, max: u32) -> Option<u32> {
    let w = w.trim_end_matches(|c: char| c.is_alphabetic()); // 27th, 1st
    w.parse().ok().filter(|n| (1..=max).contains(n))
}

fn year(w: &str) -> Option<i32> {
    (w.len() == 4)
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// The latest date with this month (and day) not after `pub_date`.
fn back_to(pub_date: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(pub_date.year(), m, d)?;
    if this <= pub_date {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(pub_date.year() - 1, m, d)
    }
}

/// A day's date: with its year when written (then `true`: the year was
/// used), else the latest such day up to the publication date.
fn day_date(
    y: Option<i32>,
    m: u32,
    d: u32,
    pub_date: Option<NaiveDate>,
) -> (Option<NaiveDate>, bool) {
    match y {
        Some(y) => (NaiveDate::from_ymd_opt(y, m, d), true),
        None => (pub_date.and_then(|p| back_to(p, m, d)), false),
    }
}

/// Every date expression in `tokens` (one sentence; `base` is the index of
/// its first token in the document).
pub fn find(tokens: &[Token], base: usize, pub_date: Option<NaiveDate>) -> Vec<DateMention> {
    let w: Vec<String> = tokens.iter().map(|t| t.form.to_lowercase()).collect();
    let get = |i: usize| w.get(i).map(String::as_str).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let mut push = |start: usize, date: Option<NaiveDate>, precision: DatePrecision| {
            if let Some(date) = date {
                out.push(DateMention {
                    token: base + start,
                    date,
                    precision,
                });
            }
        };
        if let Some(m) = month(get(i)).filter(|_| tokens[i].form.starts_with(char::is_uppercase)) {
            // "September 27(, 2020)", "September 2020", "September".
            if let Some(d) = number(get(i + 1), 31) {
                let skip = usize::from(get(i + 2) == ",");
                let (date, used) = day_date(year(get(i + 2 + skip)), m, d, pub_date);
                push(i, date, DatePrecision::Day);
                i += if used { 3 + skip } else { 2 };
                continue;
            }
            if let Some(y) = year(get(i + 1)) {
                push(i, NaiveDate::from_ymd_opt(y, m, 1), DatePrecision::Month);
                i += 2;
                continue;
            }
            // A bare month needs a cue that it is a date ("in July", "this past July", "last July").
            let cue = i > 0
                && matches!(
                    get(i - 1),
                    "in" | "past" | "last" | "since" | "early" | "late" | "mid"
                );
            if cue {
                push(
                    i,
                    pub_date.and_then(|p| back_to(p, m, 1)),
                    DatePrecision::Month,
                );
            }
            i += 1;
            continue;
        }
        if let (Some(d), Some(m)) = (number(get(i), 31), month(get(i + 1))) {
            // "27 September (2020)".
            let (date, used) = day_date(year(get(i + 2)), m, d, pub_date);
            push(i, date, DatePrecision::Day);
            i += if used { 3 } else { 2 };
            continue;
        }
        if let Some((_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == get(i)) {
            // "on Tuesday", "last Tuesday": the latest such day up to the publication date.
            if let Some(p) = pub_date {
                let back = (7 + p.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                let back = if back == 0 && get(i.wrapping_sub(1)) == "last" {
                    7
                } else {
                    back
                };
                push(
                    i,
                    Some(p - Duration::days(i64::from(back))),
                    DatePrecision::Day,
                );
            }
            i += 1;
            continue;
        }
        match get(i) {
            "yesterday" => push(
                i,
                pub_date.map(|p| p - Duration::days(1)),
                DatePrecision::Day,
            ),
            "today" | "overnight" | "tonight" => push(i, pub_date, DatePrecision::Day),
            "last" | "this" if get(i + 1) == "year" => {
                let off = if get(i) == "last" { 1 } else { 0 };
                push(
                    i,
                    pub_date.and_then(|p| NaiveDate::from_ymd_opt(p.year() - off, 1, 1)),
                    DatePrecision::Year,
                );
            }
            "last" if get(i + 1) == "month" => {
                let prev = pub_date
                    .and_then(|p| p.with_day(1))
                    .map(|p| p - Duration::days(1));
                push(i, prev.and_then(|p| p.with_day(1)), DatePrecision::Month);
            }
            "in" | "since" | "of" => {
                if let Some(y) = year(get(i + 1)) {
                    push(i + 1, NaiveDate::from_ymd_opt(y, 1, 1), DatePrecision::Year);
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Token> {
        s.split_whitespace()
            .map(|w| Token {
                form: w.to_string(),
                ..Default::default()
            })
            .collect()
    }

    fn one(s: &str, pubd: &str) -> (NaiveDate, DatePrecision) {
        let p = NaiveDate::parse_from_str(pubd, "%Y-%m-%d").ok();
        let f = find(&toks(s), 0, p);
        assert!(!f.is_empty(), "no date in {s:?}");
        (f[0].date, f[0].precision)
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn news_dates() {
        assert_eq!(
            one("clashes erupted on September 27 , with", "2020-10-28"),
            (d("2020-09-27"), DatePrecision::Day)
        );
        assert_eq!(one("in December talks", "2021-01-10").0, d("2020-12-01"));
        assert_eq!(
            one("flare-ups in April 2016 and", "2020-10-28"),
            (d("2016-04-01"), DatePrecision::Month)
        );
        assert_eq!(
            one("and this past July .", "2020-10-28"),
            (d("2020-07-01"), DatePrecision::Month)
        );
        assert_eq!(
            one("met on Tuesday", "2020-10-28"),
            (d("2020-10-27"), DatePrecision::Day)
        ); // a Wednesday
        assert_eq!(one("met last Wednesday", "2020-10-28").0, d("2020-10-21"));
        assert_eq!(
            one("broke out in 1988", "2020-10-28"),
            (d("1988-01-01"), DatePrecision::Year)
        );
        assert_eq!(
            one("on 12 May 2024 troops", "2025-01-01").0,
            d("2024-05-12")
        );
        assert_eq!(one("signed yesterday", "2020-03-01").0, d("2020-02-29"));
    }

    #[test]
    fn may_as_a_verb_is_no_date() {
        assert!(find(&toks("Russia may attack"), 0, Some(d("2020-10-28"))).is_empty());
        assert!(find(&toks("in May"), 0, None).is_empty()); // no year known
    }
}
