//! Line cleaning: what a reader found becomes a [`Document`] whose text is the
//! article body only, every removed line kept in `dropped` with its reason.

use chrono::NaiveDate;
use dyad_doc::{Document, DroppedLine};

use crate::{Options, dateline, lang, rules};

/// A document as a reader found it, before cleaning.
#[derive(Clone, Debug, Default)]
pub struct Raw {
    pub id: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub pub_date: Option<NaiveDate>,
    /// Title from metadata; when None and `title_in_body`, the first line
    /// that reads like a headline becomes the title.
    pub title: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    /// Language the page declares (`<html lang>`); a hint only.
    pub language: Option<String>,
    /// The body: one block of text per line, a blank line between paragraphs.
    pub body: String,
    /// Whether the body may begin with the headline (plain text does).
    pub title_in_body: bool,
    /// Whether the body was laid out from markup, which already left out
    /// menus and the labels around the article: the line rules that guess
    /// those from plain text are not run again.
    pub from_markup: bool,
}

#[derive(Debug)]
struct Line {
    text: String,
    para: usize,
    state: State,
}

#[derive(Debug, PartialEq)]
enum State {
    Keep,
    Title,
    Drop(String),
}

/// Cleans `raw` into a document: furniture, other-language lines and bare
/// source lines dropped, title and dateline taken off the body.
pub fn clean(raw: Raw, opts: &Options) -> Document {
    let mut lines = split(&raw.body);
    let mut bare_source = None;

    for l in &mut lines {
        if let Some(r) = rules::furniture_reason(&l.text) {
            l.state = State::Drop(r.to_string());
        } else if let Some(a) = rules::bare_source(&l.text) {
            bare_source.get_or_insert(a);
            l.state = State::Drop("source-line".into());
        } else if rules::is_date_line(&l.text) {
            l.state = State::Drop("date-line".into());
        } else if is_symbol_line(&l.text) {
            l.state = State::Drop("symbols".into());
        }
    }

    drop_runs(&mut lines, raw.from_markup);

    let mut title = raw.title.as_deref().map(tidy).filter(|t| !t.is_empty());
    find_title(&mut lines, &mut title, raw.title_in_body);

    if !raw.from_markup {
        trim_edges(&mut lines);
    }

    let hint = raw
        .language
        .as_deref()
        .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_lowercase())
        .filter(|l| l.len() == 2 && l.chars().all(|c| c.is_ascii_lowercase()));
    let mut detected = Detected::new();
    let (language, reliable) = match doc_language(&lines) {
        Some((l, true, d)) => {
            detected = d;
            (Some(l.to_string()), true)
        }
        // A language the identifier does not know scatters its lines over
        // several it does: trust the page's own word, drop nothing by language.
        Some((l, false, _)) => (hint.or(Some(l.to_string())), false),
        None => (hint, false),
    };
    if reliable && let Some(doc_lang) = &language {
        for (i, l) in lines.iter_mut().enumerate() {
            if l.state != State::Keep {
                continue;
            }
            let known = detected.get(&i).copied().flatten();
            if let Some(other) = lang::other_language_known(&l.text, doc_lang, known) {
                l.state = State::Drop(format!("other-language:{other}"));
            }
        }
    }

    let pub_date = raw.pub_date.or(opts.default_date);
    // The dateline opens the story; short lines before it (a byline, a
    // photo credit) are furniture.
    let mut found_dateline = None;
    let after_title = lines
        .iter()
        .position(|l| l.state == State::Title)
        .map_or(0, |i| i + 1);
    let candidates: Vec<usize> = (after_title..lines.len())
        .filter(|&i| lines[i].state == State::Keep)
        .take(3)
        .collect();
    for (k, &i) in candidates.iter().enumerate() {
        if let Some((dl, n)) = dateline::parse(&lines[i].text, pub_date) {
            let before = &candidates[..k];
            if before
                .iter()
                .all(|&j| lines[j].text.split_whitespace().count() <= 6)
            {
                for &j in before {
                    lines[j].state = State::Drop("byline".into());
                }
                lines[i].text = lines[i].text[n..].to_string();
                found_dateline = Some(dl);
            }
            break;
        }
    }

    let mut text = String::new();
    let mut dropped = Vec::new();
    let mut last_para = None;
    for l in lines {
        match l.state {
            State::Keep => {
                if let Some(p) = last_para {
                    text.push_str(if p == l.para { "\n" } else { "\n\n" });
                }
                text.push_str(&l.text);
                last_para = Some(l.para);
            }
            State::Title => {}
            State::Drop(reason) => dropped.push(DroppedLine {
                text: l.text,
                reason,
            }),
        }
    }

    let source = raw
        .source
        .or_else(|| found_dateline.as_ref().and_then(|d| d.agency.clone()))
        .or_else(|| bare_source.map(str::to_string));
    Document {
        id: raw.id,
        url: raw.url,
        source,
        pub_date,
        title,
        author: raw.author,
        site_name: raw.site_name,
        language,
        dateline: found_dateline,
        text,
        dropped,
        ..Default::default()
    }
}

/// Collapses whitespace, drops invisible characters.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            w.chars()
                // Zero-width joiners (U+200C, U+200D) stay: Indic and
                // Persian spelling needs them.
                .filter(|&c| !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')),
        );
    }
    out
}

fn split(body: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut para = 0;
    for raw in body.lines() {
        let t = tidy(raw);
        if t.is_empty() {
            para += 1;
            continue;
        }
        out.push(Line {
            text: t,
            para,
            state: State::Keep,
        });
    }
    out
}

/// A line without a single letter or digit: dividers, bullets, `|`.
fn is_symbol_line(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

/// Short lines before the first and after the last paragraph of prose that
/// do not end a sentence are labels around the article: categories, dates,
/// prompts, author names.
fn trim_edges(lines: &mut [Line]) {
    let prose = |l: &Line| l.state == State::Keep && l.text.len() >= 100;
    let (Some(first), Some(last)) = (lines.iter().position(prose), lines.iter().rposition(prose))
    else {
        return;
    };
    for (i, l) in lines.iter_mut().enumerate() {
        if (i < first || i > last)
            && l.state == State::Keep
            && l.text.len() < 80
            && !l.text.ends_with(['.', '!', '?', '"', '”', '»'])
        {
            l.state = State::Drop("edge-label".into());
        }
    }
}

/// Whether a line reads like a headline or a link label: short, no
/// closing full stop.
fn headline_like(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=30).contains(&words) && t.len() <= 250 && !t.ends_with(['.', ',', ';', ':', '!'])
}

/// Whether a line reads like article prose: a long sentence, or a dateline start.
fn body_like(t: &str) -> bool {
    t.split_whitespace().count() >= 12 && t.ends_with(['.', '!', '?', '"', '”', '»', ')'])
        || dateline::parse(t, None).is_some()
}

fn is_menu_item(t: &str) -> bool {
    t.split_whitespace().count() <= 3
        && t.chars().count() <= 30
        && !t.ends_with(['.', '!', '?', ':'])
}

/// Drops furniture that shows in how lines follow each other: runs of one-
/// to three-word lines (menus, share buttons), pipe-separated menus, and the
/// headlines listed under a "Related" or "Read also" heading.
fn drop_runs(lines: &mut [Line], from_markup: bool) {
    let n = lines.len();
    // Menus in markup are lists of links, already left out; a run of short
    // lines there is a list or table of the article's own.
    let mut i = if from_markup { n } else { 0 };
    while i < n {
        let mut j = i;
        while j < n && lines[j].state == State::Keep && is_menu_item(&lines[j].text) {
            j += 1;
        }
        if j - i >= 3 {
            for l in &mut lines[i..j] {
                l.state = State::Drop("menu".into());
            }
        }
        i = j.max(i + 1);
    }
    for l in lines.iter_mut().filter(|l| l.state == State::Keep) {
        let items: Vec<&str> = l.text.split(" | ").collect();
        if items.len() >= 3 && items.iter().all(|t| is_menu_item(t)) {
            l.state = State::Drop("menu".into());
        }
    }
    for i in 0..n {
        let heading = matches!(&lines[i].state, State::Drop(r) if r == "related")
            && lines[i].text.split_whitespace().count() <= 5;
        if !heading {
            continue;
        }
        for l in lines[i + 1..].iter_mut() {
            match l.state {
                State::Keep if headline_like(&l.text) && !body_like(&l.text) => {
                    l.state = State::Drop("related".into());
                }
                State::Keep => break,
                _ => {}
            }
        }
    }
}

/// Marks the title line. A known title is removed where the body repeats it
/// near its start; otherwise the first kept line that reads like a headline
/// and is followed by prose becomes the title, and what comes before it in
/// the text is page chrome.
fn find_title(lines: &mut [Line], title: &mut Option<String>, title_in_body: bool) {
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].state == State::Keep)
        .collect();
    if let Some(t) = title {
        let want = rules::core(t);
        for &i in kept.iter().take(4) {
            if rules::core(&lines[i].text) == want {
                lines[i].state = State::Title;
                return;
            }
        }
        return;
    }
    if !title_in_body || kept.len() < 2 {
        return;
    }
    for w in kept.windows(2).take(8) {
        let (i, next) = (w[0], w[1]);
        let t = &lines[i].text;
        let own_para = lines[next].para != lines[i].para;
        let headline = headline_like(t)
            && t.split_whitespace().count() >= 2
            && dateline::parse(t, None).is_none()
            && (own_para || body_like(&lines[next].text))
            && body_like(&lines[next].text);
        if headline {
            *title = Some(t.clone());
            lines[i].state = State::Title;
            for l in &mut lines[..i] {
                if l.state == State::Keep {
                    l.state = State::Drop("before-title".into());
                }
            }
            return;
        }
        if body_like(t) {
            return;
        }
    }
}

/// The body's language, and whether it is reliable: the language of the
/// kept text as a whole, reliable when most of the text of its longer lines,
/// taken one by one, is identified as that language too.
fn doc_language(lines: &[Line]) -> Option<(&'static str, bool, Detected)> {
    let mut kept: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].state == State::Keep)
        .collect();
    kept.sort_by_key(|&i| std::cmp::Reverse(lines[i].text.len()));
    let mut sample = String::new();
    let (mut agree, mut total) = (0usize, 0usize);
    let mut whole = Vec::new();
    let mut detected = Detected::new();
    for (k, &i) in kept.iter().enumerate() {
        let t = lines[i].text.as_str();
        if sample.len() < 4000 {
            sample.push_str(t);
            sample.push('\n');
        }
        if k >= 40 {
            break;
        }
        let n = t.chars().filter(|c| c.is_alphabetic()).count();
        if n >= 40 {
            total += n;
            // Compared after the whole is known, below.
            let l = lang::detect(t);
            detected.insert(i, l);
            whole.push((l, n));
        }
    }
    let doc = lang::detect(&sample)?;
    for (l, n) in whole {
        if l == Some(doc) {
            agree += n;
        }
    }
    let reliable = if total == 0 {
        sample.chars().filter(|c| c.is_alphabetic()).count() >= 100
    } else {
        agree * 10 >= total * 7
    };
    Some((doc, reliable, detected))
}

/// Languages already identified for lines (by index), so that no line is
/// run through the identifier twice.
type Detected = std::collections::HashMap<usize, Option<&'static str>>;

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &str) -> Raw {
        Raw {
            id: "t".into(),
            body: body.into(),
            title_in_body: true,
            ..Default::default()
        }
    }

    #[test]
    fn furniture_and_title() {
        let d = clean(
            raw(
                "Skip to content\n\nTalks resume in Geneva\n\nGENEVA (Reuters) - Delegations met on Monday.\n\nShare this article\n\nReuters",
            ),
            &Options::default(),
        );
        assert_eq!(d.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(d.text, "Delegations met on Monday.");
        assert_eq!(d.source.as_deref(), Some("Reuters"));
        let reasons: Vec<&str> = d.dropped.iter().map(|l| l.reason.as_str()).collect();
        assert_eq!(reasons, ["skip-link", "share", "source-line"]);
    }

    #[test]
    fn known_title_removed_from_body() {
        let mut r = raw("Talks resume\n\nDelegations met on Monday in the Swiss city.");
        r.title = Some("Talks resume".into());
        r.title_in_body = false;
        let d = clean(r, &Options::default());
        assert_eq!(d.text, "Delegations met on Monday in the Swiss city.");
        assert!(d.dropped.is_empty());
    }

    #[test]
    fn default_date_and_year() {
        let opts = Options {
            default_date: NaiveDate::from_ymd_opt(2021, 1, 3),
        };
        let d = clean(raw("BAKU, Dec. 30 (Reuters) - Talks went on."), &opts);
        assert_eq!(d.pub_date, opts.default_date);
        assert_eq!(d.dateline.unwrap().year, Some(2020));
        assert_eq!(d.text, "Talks went on.");
    }
}
