//! Sentence splitting over tokens, tuned for news: titles, initials, dotted
//! acronyms, quotes after the final period, datelines, lists and headings.

use crate::tokenize::{MONTHS, TITLES, Tok};

/// Capitalised words that usually start a sentence, so that a dotted
/// acronym ("U.S.", "Inc.") before them ends the sentence.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Or",
    "So",
    "In",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Meanwhile",
    "However",
    "Also",
    "Some",
    "Many",
    "Most",
    "According",
    "Earlier",
    "Later",
    "Last",
    "Yet",
    "Still",
    "Now",
    "Then",
    "Since",
    "Although",
    "Though",
    "Both",
    "All",
    "No",
    "Nor",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Such",
    "One",
    "Two",
    "Three",
    "Several",
    "Other",
    "Others",
    "For",
    "From",
    "By",
    "With",
    "Without",
    "Under",
    "During",
    "Despite",
    "Instead",
    "Officials",
    "Police",
    "Witnesses",
    "Analysts",
    "Residents",
];

fn is_upper_start(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_terminal(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "''" | ")" | "]" | "}" | "»")
}

fn is_opening(s: &str) -> bool {
    matches!(s, "\"" | "“" | "‘" | "'" | "``" | "(" | "[" | "«")
}

fn is_bullet(s: &str) -> bool {
    matches!(s, "-" | "*" | "•" | "–" | "—" | "·" | "▪")
}

/// An abbreviation token whose period never ends a sentence (titles,
/// initials, months) unless a paragraph break follows.
fn is_sticky_abbrev(s: &str) -> bool {
    let Some(body) = s.strip_suffix('.') else {
        return false;
    };
    let lower = body.to_lowercase();
    if TITLES.contains(&lower.as_str())
        && !matches!(
            lower.as_str(),
            "inc"
                | "corp"
                | "co"
                | "ltd"
                | "jr"
                | "sr"
                | "etc"
                | "bros"
                | "plc"
                | "llc"
                | "al"
                | "est"
                | "min"
                | "max"
                | "pct"
                | "mln"
                | "bln"
        )
    {
        return true;
    }
    if MONTHS.contains(&lower.as_str()) {
        return true;
    }
    // A single initial.
    let mut cs = body.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

fn is_abbrev_token(s: &str) -> bool {
    s.len() > 1 && s.ends_with('.') && s[..s.len() - 1].chars().any(|c| c.is_alphabetic())
}

fn gap_newlines(text: &str, a: &Tok, b: &Tok) -> usize {
    text[a.end..b.start].bytes().filter(|&c| c == b'\n').count()
}

fn is_list_marker(s: &str) -> bool {
    let Some(body) = s.strip_suffix(['.', ')']) else {
        return false;
    };
    (!body.is_empty() && body.len() <= 2 && body.chars().all(|c| c.is_ascii_digit()))
        || (body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase()))
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from",
    "that", "which", "who", "as", "but", "is", "are", "was", "were", "be", "has", "have", "had",
    "its", "their", "his", "her", "said", "says", "told", "than", "into", "over", "about",
];

/// Splits tokens into sentences; returns `[first, last)` token index ranges.
pub fn split(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let tx = |i: usize| &text[toks[i].start..toks[i].end];
    let n = toks.len();
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut i = 0;
    while i < n {
        if i > start {
            let nl = gap_newlines(text, &toks[i - 1], &toks[i]);
            if nl >= 2 || (nl == 1 && newline_breaks(text, toks, line_start, i)) {
                out.push((start, i));
                start = i;
            }
        }
        if i > 0 && gap_newlines(text, &toks[i - 1], &toks[i]) > 0 {
            line_start = i;
        }
        let t = tx(i);
        let terminal = is_terminal(t);
        let abbrev = !terminal && is_abbrev_token(t) && !(i == line_start && is_list_marker(t));
        if terminal || abbrev {
            // Closing quotes and brackets right after the period belong here.
            let mut j = i + 1;
            while j < n && is_closing(tx(j)) && gap_newlines(text, &toks[j - 1], &toks[j]) == 0 {
                // A straight quote after a space opens the next quotation.
                if matches!(tx(j), "\"" | "'") && toks[j].start > toks[j - 1].end {
                    break;
                }
                j += 1;
            }
            if j >= n {
                i = j;
                continue;
            }
            if gap_newlines(text, &toks[j - 1], &toks[j]) >= 2 {
                i = j;
                continue; // the paragraph rule above breaks here
            }
            let next = tx(j);
            let next2 = if j + 1 < n { tx(j + 1) } else { "" };
            let starts = is_upper_start(next)
                || next.starts_with(|c: char| c.is_ascii_digit()) && terminal
                || (is_opening(next) && (is_upper_start(next2) || is_opening(next2)))
                || (j == line_start_of(text, toks, j) && (is_list_marker(next) || is_bullet(next)));
            let brk = if terminal {
                // "..." inside a sentence is followed by a lower-case word.
                starts && !(t == "." && i > start && is_list_marker_prefix(text, toks, start, i))
            } else if is_sticky_abbrev(t) {
                false
            } else {
                STARTERS.contains(&next)
                    || (is_opening(next) && is_upper_start(next2))
                    || gap_newlines(text, &toks[j - 1], &toks[j]) > 0 && starts
            };
            if brk {
                out.push((start, j));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < n {
        out.push((start, n));
    }
    out
}

/// Index of the first token on the line of token `j`.
fn line_start_of(text: &str, toks: &[Tok], j: usize) -> usize {
    let mut k = j;
    while k > 0 && gap_newlines(text, &toks[k - 1], &toks[k]) == 0 {
        k -= 1;
    }
    k
}

/// True for "5 ." where "5" alone starts the sentence as a bare list number.
fn is_list_marker_prefix(text: &str, toks: &[Tok], start: usize, i: usize) -> bool {
    i == start + 1 && {
        let t = &text[toks[start].start..toks[start].end];
        t.len() <= 2
            && t.chars().all(|c| c.is_ascii_digit())
            && line_start_of(text, toks, start) == start
    }
}

/// Whether a single line break before token `i` ends the sentence: list
/// items and headings do, hard-wrapped running text does not.
fn newline_breaks(text: &str, toks: &[Tok], line_start: usize, i: usize) -> bool {
    let tx = |k: usize| &text[toks[k].start..toks[k].end];
    let next = tx(i);
    if is_list_marker(next) || is_bullet(next) {
        return true;
    }
    let prev = tx(i - 1);
    if prev == ":" && (is_upper_start(next) || is_opening(next)) {
        return true;
    }
    let line_len = i - line_start;
    let prev_lower = FUNCTION_WORDS.contains(&prev.to_lowercase().as_str());
    line_len <= 12
        && !matches!(prev, "," | ";" | "-" | "(" | "“" | "\"")
        && !prev_lower
        && !is_terminal(prev)
        && (is_upper_start(next) || is_opening(next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sents(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        split(s, &toks)
            .into_iter()
            .map(|(a, b)| s[toks[a].start..toks[b - 1].end].to_string())
            .collect()
    }

    #[test]
    fn basic_and_quotes() {
        assert_eq!(
            sents("He came. She left! Why?"),
            ["He came.", "She left!", "Why?"]
        );
        assert_eq!(
            sents("“We will win,” he said. “No.”"),
            ["“We will win,” he said.", "“No.”"]
        );
        assert_eq!(
            sents("He said: \"Go.\" Then he left."),
            ["He said: \"Go.\"", "Then he left."]
        );
    }

    #[test]
    fn titles_and_initials() {
        assert_eq!(
            sents(
                "Lt. Col. Ivan Petrov met Mr. J. R. Smith Jr. in the U.S. capital. The talks ended."
            ),
            [
                "Lt. Col. Ivan Petrov met Mr. J. R. Smith Jr. in the U.S. capital.",
                "The talks ended."
            ]
        );
        assert_eq!(
            sents("He moved to the U.S. The move was sudden."),
            ["He moved to the U.S.", "The move was sudden."]
        );
    }

    #[test]
    fn paragraphs_and_headings() {
        assert_eq!(
            sents("Headline here\nBody starts now. Ends"),
            ["Headline here", "Body starts now.", "Ends"]
        );
        assert_eq!(sents("no period\n\nNext para"), ["no period", "Next para"]);
        assert_eq!(
            sents("a wrapped line that goes on and on and on and on and on and on\nwith more."),
            ["a wrapped line that goes on and on and on and on and on and on\nwith more."]
        );
    }
}
