//! Rule-based tokenizer following the UD English-EWT conventions: clitics
//! (`n't`, `'s`, `'ll`, ...) and most hyphens split off, punctuation split,
//! while URLs, e-mail addresses, numbers, dates, phone numbers and
//! abbreviations with periods stay whole.

/// A token as a half-open byte range into the tokenized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
}

/// Abbreviations that keep their period (lower-cased, without the period).
/// Titles and months are also used by the sentence splitter.
pub(crate) const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "gen", "gens", "lt", "col", "sen", "sens", "rep", "reps",
    "gov", "govs", "amb", "adm", "capt", "maj", "sgt", "cpl", "pvt", "cmdr", "cdr", "brig", "prof",
    "rev", "hon", "st", "mt", "ft", "pres", "supt", "insp", "det", "atty", "gov't", "sr", "fr",
    "msgr", "lieut", "comdr", "gen'l", "rt", "hr", "vs", "v", "cf", "no", "nos", "approx", "ca",
    "dept", "assn", "fig", "figs", "op", "pp", "vol", "vols", "ch", "sec", "ave", "blvd", "rd",
    "e.g", "i.e", "etc", "al", "jr", "inc", "corp", "co", "ltd", "bros", "plc", "llc", "est",
    "min", "max", "govt", "mln", "bln", "pct", "univ", "attn", "tel",
];

pub(crate) const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Prefixes that EWT keeps attached with their hyphen ("co-workers", "e-mail").
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "co", "pre", "post", "non", "semi", "re", "pro", "multi", "mid", "ex", "anti", "sub",
    "neo", "cross", "counter", "vice", "un", "psycho", "bi", "tri", "inter", "intra", "micro",
    "mini", "mega", "de", "x", "t", "u", "a", "o",
];

const CLITICS: &[&str] = &["s", "m", "d", "ll", "re", "ve"];

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '“' | '‘' | '«' | '`' | '\'' | '„' | '¿' | '¡' | '<'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '”'
            | '’'
            | '\''
            | '»'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '>'
            | '%'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`')
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 4);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut line_start = true;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap();
        if c.is_whitespace() {
            if c == '\n' {
                line_start = true;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < text.len() {
            let c = text[i..].chars().next().unwrap();
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        // First character of the next chunk, for "No. 5" style decisions.
        let mut j = i;
        while j < bytes.len() && (bytes[j] as char).is_ascii_whitespace() {
            j += 1;
        }
        let next = text[j..].chars().next();
        tokenize_chunk(text, start, i, next, line_start, &mut out);
        line_start = false;
    }
    out
}

fn push(out: &mut Vec<Tok>, start: usize, end: usize) {
    if start < end {
        out.push(Tok { start, end });
    }
}

fn tokenize_chunk(
    text: &str,
    cs: usize,
    ce: usize,
    next: Option<char>,
    line_start: bool,
    out: &mut Vec<Tok>,
) {
    let chunk = &text[cs..ce];
    // List markers at the start of a line ("1.", "a)", "iv.") stay whole.
    if line_start && is_list_marker(chunk) {
        push(out, cs, ce);
        return;
    }
    // Leading opening punctuation.
    let mut s = cs;
    let mut leading = Vec::new();
    while s < ce {
        let rest = &text[s..ce];
        let c = rest.chars().next().unwrap();
        if rest.starts_with("``") || rest.starts_with("''") {
            leading.push((s, s + 2));
            s += 2;
            continue;
        }
        // Currency signs before amounts: "$5" -> "$" "5", as EWT does.
        if matches!(c, '$' | '£' | '€' | '¥' | '#')
            && rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        {
            leading.push((s, s + c.len_utf8()));
            s += c.len_utf8();
            continue;
        }
        if is_open_punct(c) {
            // A bare clitic ("'s" after a space) or a decade ("'90s") is a word.
            if is_apostrophe(c) && apostrophe_word(&rest[c.len_utf8()..]) {
                break;
            }
            leading.push((s, s + c.len_utf8()));
            s += c.len_utf8();
            continue;
        }
        break;
    }
    // Trailing closing punctuation, collected right to left.
    let mut e = ce;
    let mut trailing: Vec<(usize, usize)> = Vec::new();
    while e > s {
        let rest = &text[s..e];
        let c = rest.chars().next_back().unwrap();
        if c == '.' || c == '…' {
            // Runs of periods / ellipses form one token.
            let body = rest.trim_end_matches(['.', '…']);
            let run = rest.len() - body.len();
            if run > 1 || c == '…' {
                trailing.push((e - run, e));
                e -= run;
                continue;
            }
            if is_abbreviation(body, next) || body.is_empty() {
                break;
            }
            trailing.push((e - 1, e));
            e -= 1;
            continue;
        }
        if rest.ends_with("''") && rest.len() > 2 {
            trailing.push((e - 2, e));
            e -= 2;
            continue;
        }
        if is_close_punct(c) && (c == '>' || !is_url_or_email(rest)) {
            if matches!(c, '!' | '?') {
                let body = rest.trim_end_matches(['!', '?']);
                let run = rest.len() - body.len();
                trailing.push((e - run, e));
                e -= run;
                continue;
            }
            trailing.push((e - c.len_utf8(), e));
            e -= c.len_utf8();
            continue;
        }
        break;
    }
    for (a, b) in leading {
        push(out, a, b);
    }
    if s < e {
        split_core(text, s, e, out);
    }
    for &(a, b) in trailing.iter().rev() {
        push(out, a, b);
    }
}

fn apostrophe_word(rest: &str) -> bool {
    let lower = rest.to_lowercase();
    let core = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    CLITICS.contains(&core)
        || core == "t"
        || (core.len() == 3
            && core.starts_with(|c: char| c.is_ascii_digit())
            && core.ends_with('s'))
        || (core.len() == 2 && core.chars().all(|c| c.is_ascii_digit()))
}

fn is_list_marker(chunk: &str) -> bool {
    let Some(body) = chunk.strip_suffix(['.', ')']) else {
        return false;
    };
    (!body.is_empty() && body.len() <= 2 && body.chars().all(|c| c.is_ascii_digit()))
        || (body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase()))
}

/// Whether `body` followed by a period is an abbreviation that keeps it.
pub(crate) fn is_abbreviation(body: &str, next: Option<char>) -> bool {
    if body.is_empty() {
        return false;
    }
    let lower = body.to_lowercase();
    if lower == "no" || lower == "nos" {
        return next.is_some_and(|c| c.is_ascii_digit() || c == '#');
    }
    if TITLES.contains(&lower.as_str()) || MONTHS.contains(&lower.as_str()) {
        return true;
    }
    // Initials and dotted acronyms: "J", "U.S", "a.m", "D.C".
    let mut letters = 0;
    let mut prev_dot = true;
    for c in body.chars() {
        if c == '.' {
            if prev_dot {
                return false;
            }
            prev_dot = true;
        } else if c.is_alphabetic() {
            if !prev_dot {
                return false;
            }
            letters += 1;
            prev_dot = false;
        } else {
            return false;
        }
    }
    letters >= 1 && (letters > 1 || body.chars().all(|c| c.is_uppercase()))
}

pub(crate) fn is_url_or_email(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.starts_with("ftp://")
        || lower.contains("://")
    {
        return true;
    }
    if let Some(at) = s.find('@') {
        let (user, domain) = (&s[..at], &s[at + 1..]);
        return !user.is_empty()
            && domain.contains('.')
            && !domain.ends_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    }
    // Bare domains such as "reuters.com".
    let dom = lower.trim_end_matches('/');
    for tld in [
        ".com", ".org", ".net", ".gov", ".edu", ".int", ".ru", ".uk", ".az", ".am",
    ] {
        if dom.ends_with(tld)
            && dom.len() > tld.len()
            && !dom[..dom.len() - tld.len()].contains('.')
        {
            return dom[..dom.len() - tld.len()]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        }
    }
    false
}

/// Splits a chunk stripped of outer punctuation: clitics, hyphens, slashes
/// and inner punctuation.
fn split_core(text: &str, s: usize, e: usize, out: &mut Vec<Tok>) {
    let core = &text[s..e];
    if is_url_or_email(core) {
        push(out, s, e);
        return;
    }
    // Split at inner separators first, then handle each piece.
    let mut piece_start = s;
    let mut idx = s;
    while idx < e {
        let c = text[idx..].chars().next().unwrap();
        let cl = c.len_utf8();
        let prev = text[s..idx].chars().next_back();
        let nextc = text[idx + cl..e].chars().next();
        let split_here = match c {
            ',' | ';' => {
                !(prev.is_some_and(|p| p.is_ascii_digit())
                    && nextc.is_some_and(|n| n.is_ascii_digit()))
            }
            '(' | ')' | '[' | ']' | '"' | '“' | '”' | '!' | '?' => {
                // "friend(s)" stays whole in neither EWT nor news; split.
                true
            }
            '…' | '—' => true,
            _ => false,
        };
        if split_here && idx + cl <= e {
            if piece_start < idx {
                split_word(text, piece_start, idx, out);
            }
            push(out, idx, idx + cl);
            piece_start = idx + cl;
        } else if text[idx..e].starts_with("--") || text[idx..e].starts_with("...") {
            let run_char = text.as_bytes()[idx];
            let mut k = idx;
            while k < e && text.as_bytes()[k] == run_char {
                k += 1;
            }
            if piece_start < idx {
                split_word(text, piece_start, idx, out);
            }
            push(out, idx, k);
            piece_start = k;
            idx = k;
            continue;
        }
        idx += cl;
    }
    if piece_start < e {
        split_word(text, piece_start, e, out);
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Handles hyphens, slashes, and clitics inside one word-like piece.
fn split_word(text: &str, s: usize, e: usize, out: &mut Vec<Tok>) {
    let w = &text[s..e];
    // Hyphens (and en dashes between numbers).
    if w.len() > 1
        && (w.contains('-') || w.contains('–'))
        && !w.starts_with('-')
        && !w.ends_with('-')
    {
        let parts: Vec<&str> = w.split(['-', '–']).collect();
        let keep = if parts.iter().all(|p| all_digits(p)) {
            // Phone numbers stay whole, ranges ("1969-1970") split.
            let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
            matches!(lens.as_slice(), [3, 4] | [3, 3, 4] | [1, 3, 3, 4])
        } else {
            parts.iter().any(|p| p.is_empty())
                || HYPHEN_PREFIXES.contains(&parts[0].to_lowercase().as_str())
                || (parts.len() > 2 && parts.iter().any(|p| p.chars().any(|c| c.is_ascii_digit())))
                || parts
                    .iter()
                    .all(|p| p.chars().all(|c| c.is_ascii_uppercase()) && p.len() <= 1)
        };
        if !keep {
            let mut a = s;
            for (k, ch) in w.char_indices() {
                if ch == '-' || ch == '–' {
                    split_word(text, a, s + k, out);
                    push(out, s + k, s + k + ch.len_utf8());
                    a = s + k + ch.len_utf8();
                }
            }
            split_word(text, a, e, out);
            return;
        }
    }
    // Slashes: dates and short forms ("9/11", "w/o") stay whole.
    if w.contains('/') && w.len() > 1 {
        let parts: Vec<&str> = w.split('/').collect();
        let keep = parts.iter().all(|p| all_digits(p))
            || parts.iter().all(|p| p.len() <= 2)
            || parts.iter().any(|p| p.is_empty());
        if !keep {
            let mut a = s;
            for (k, ch) in w.char_indices() {
                if ch == '/' {
                    split_word(text, a, s + k, out);
                    push(out, s + k, s + k + 1);
                    a = s + k + 1;
                }
            }
            split_word(text, a, e, out);
            return;
        }
    }
    split_clitics(text, s, e, out);
}

fn split_clitics(text: &str, s: usize, e: usize, out: &mut Vec<Tok>) {
    let w = &text[s..e];
    let lower = w.to_lowercase();
    if lower.len() == w.len() {
        // n't (also with a curly apostrophe).
        for nt in ["n't", "n’t"] {
            if lower.ends_with(nt) && lower.len() > nt.len() {
                let cut = e - nt.len();
                push(out, s, cut);
                push(out, cut, e);
                return;
            }
        }
        for (whole, cut) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
            if lower == whole {
                push(out, s, s + cut);
                push(out, s + cut, e);
                return;
            }
        }
        // 's 'm 'd 'll 're 've after a word.
        for (k, ch) in w.char_indices().rev() {
            if is_apostrophe(ch) && k > 0 {
                let tail = &lower[k + ch.len_utf8()..];
                if CLITICS.contains(&tail) {
                    split_apostrophes(text, s, s + k, out);
                    push(out, s + k, e);
                    return;
                }
                break;
            }
        }
    }
    split_apostrophes(text, s, e, out);
}

/// A trailing apostrophe after a plural ("countries'") splits off.
fn split_apostrophes(text: &str, s: usize, e: usize, out: &mut Vec<Tok>) {
    let w = &text[s..e];
    if let Some(c) = w.chars().next_back()
        && is_apostrophe(c)
        && w.len() > c.len_utf8()
    {
        push(out, s, e - c.len_utf8());
        push(out, e - c.len_utf8(), e);
        return;
    }
    push(out, s, e);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn clitics_split_like_ewt() {
        assert_eq!(toks("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(
            toks("We can't, won't."),
            ["We", "ca", "n't", ",", "wo", "n't", "."]
        );
        assert_eq!(toks("Russia's army"), ["Russia", "'s", "army"]);
        assert_eq!(toks("they’re here"), ["they", "’re", "here"]);
        assert_eq!(
            toks("I'm, you'll, we've, he'd"),
            [
                "I", "'m", ",", "you", "'ll", ",", "we", "'ve", ",", "he", "'d"
            ]
        );
        assert_eq!(
            toks("the countries' leaders"),
            ["the", "countries", "'", "leaders"]
        );
        assert_eq!(toks("I cannot go"), ["I", "can", "not", "go"]);
    }

    #[test]
    fn punctuation_and_quotes() {
        assert_eq!(
            toks("“We will win,” he said."),
            ["“", "We", "will", "win", ",", "”", "he", "said", "."]
        );
        assert_eq!(
            toks("\"Yes!\" (maybe)"),
            ["\"", "Yes", "!", "\"", "(", "maybe", ")"]
        );
        assert_eq!(toks("Wait... what?!"), ["Wait", "...", "what", "?!"]);
        assert_eq!(
            toks("He left—quickly."),
            ["He", "left", "—", "quickly", "."]
        );
        assert_eq!(toks("end--start"), ["end", "--", "start"]);
    }

    #[test]
    fn numbers_and_hyphens() {
        assert_eq!(toks("1,000.5 troops"), ["1,000.5", "troops"]);
        assert_eq!(toks("in 1992-1994"), ["in", "1992", "-", "1994"]);
        assert_eq!(toks("call 713-853-3989"), ["call", "713-853-3989"]);
        assert_eq!(
            toks("a well-known co-worker"),
            ["a", "well", "-", "known", "co-worker"]
        );
        assert_eq!(toks("Al-Qaeda e-mail"), ["Al", "-", "Qaeda", "e-mail"]);
        assert_eq!(
            toks("on 9/11 and/or 11/28/2000"),
            ["on", "9/11", "and", "/", "or", "11/28/2000"]
        );
        assert_eq!(toks("at 5:30 p.m."), ["at", "5:30", "p.m."]);
    }

    #[test]
    fn abbreviations_urls_emails() {
        assert_eq!(
            toks("Gen. Smith of the U.S. Army."),
            ["Gen.", "Smith", "of", "the", "U.S.", "Army", "."]
        );
        assert_eq!(
            toks("Mr. J. R. Smith Jr. left."),
            ["Mr.", "J.", "R.", "Smith", "Jr.", "left", "."]
        );
        assert_eq!(toks("No. 5 and no."), ["No.", "5", "and", "no", "."]);
        assert_eq!(
            toks("See https://example.com/a?b=1."),
            ["See", "https://example.com/a?b=1", "."]
        );
        assert_eq!(
            toks("(mail info@un.org)"),
            ["(", "mail", "info@un.org", ")"]
        );
        assert_eq!(toks("Jan. 5, 2020"), ["Jan.", "5", ",", "2020"]);
        assert_eq!(
            toks("$5 billion, 5% more"),
            ["$", "5", "billion", ",", "5", "%", "more"]
        );
        assert_eq!(toks("<info@un.org>"), ["<", "info@un.org", ">"]);
    }

    #[test]
    fn datelines_and_lists() {
        assert_eq!(
            toks("MOSCOW, October 28. /TASS/."),
            ["MOSCOW", ",", "October", "28", ".", "/TASS/", "."]
        );
        assert_eq!(toks("BAKU (Reuters) -"), ["BAKU", "(", "Reuters", ")", "-"]);
        assert_eq!(toks("1. First\n2. Second"), ["1.", "First", "2.", "Second"]);
    }
}
