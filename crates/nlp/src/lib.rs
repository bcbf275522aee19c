//! Natural-language processing for dyad: tokenization, sentence splitting,
//! tagging, lemmatization and dependency parsing of English news text.
//!
//! The entry point is [`Nlp::annotate`], which fills `Document::sentences`
//! and `Document::tokens` from `Document::text`.

pub mod split;
pub mod tokenize;

use dyad_doc::{Document, Sentence, Span, Token};

pub use split::split;
pub use tokenize::{Tok, tokenize};

/// The loaded NLP models. Cheap to share across threads.
#[derive(Debug, Default)]
pub struct Nlp {}

impl Nlp {
    /// Loads the models committed with dyad (embedded in the binary).
    pub fn new() -> Self {
        Nlp {}
    }

    /// Splits `doc.text` into sentences and tokens and annotates them.
    pub fn annotate(&self, doc: &mut Document) {
        let toks = tokenize(&doc.text);
        let ranges = split(&doc.text, &toks);
        let quoted = quoted_sentences(&doc.text, &toks, &ranges);
        doc.tokens.clear();
        doc.sentences.clear();
        for (&(a, b), q) in ranges.iter().zip(quoted) {
            let first = doc.tokens.len();
            for t in &toks[a..b] {
                let form = &doc.text[t.start..t.end];
                doc.tokens.push(Token {
                    span: Span::new(t.start, t.end),
                    form: form.to_string(),
                    lemma: form.to_lowercase(),
                    ..Default::default()
                });
            }
            doc.sentences.push(Sentence {
                span: Span::new(toks[a].start, toks[b - 1].end),
                tokens: (first, doc.tokens.len()),
                quoted: q,
            });
        }
    }
}

fn is_quote(s: &str) -> Option<QuoteKind> {
    match s {
        "“" | "``" | "«" => Some(QuoteKind::Open),
        "”" | "''" | "»" => Some(QuoteKind::Close),
        "\"" => Some(QuoteKind::Toggle),
        _ => None,
    }
}

enum QuoteKind {
    Open,
    Close,
    Toggle,
}

/// For each sentence, whether all its words stand inside quotation marks.
/// Quote state runs across sentences ("“We will fight. We will win,” he
/// said.") and resets at paragraph breaks, where news style reopens quotes.
fn quoted_sentences(text: &str, toks: &[Tok], ranges: &[(usize, usize)]) -> Vec<bool> {
    let mut inside = false;
    let mut out = Vec::with_capacity(ranges.len());
    for &(a, b) in ranges {
        if a > 0 && text[toks[a - 1].end..toks[a].start].matches('\n').count() >= 2 {
            inside = false;
        }
        let mut all_inside = true;
        let mut words = 0;
        for t in &toks[a..b] {
            let s = &text[t.start..t.end];
            match is_quote(s) {
                Some(QuoteKind::Open) => inside = true,
                Some(QuoteKind::Close) => inside = false,
                Some(QuoteKind::Toggle) => inside = !inside,
                None => {
                    if s.chars().any(|c| c.is_alphanumeric()) {
                        words += 1;
                        all_inside &= inside;
                    }
                }
            }
        }
        out.push(words > 0 && all_inside);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotate_fills_spans_and_quotes() {
        let text = "“We will fight. We will win,” he said. “Never.”\n\nRussia's forces left.";
        let mut doc = Document::new("t", text);
        Nlp::new().annotate(&mut doc);
        let sents: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(
            sents,
            [
                "“We will fight.",
                "We will win,” he said.",
                "“Never.”",
                "Russia's forces left."
            ]
        );
        let quoted: Vec<bool> = doc.sentences.iter().map(|s| s.quoted).collect();
        assert_eq!(quoted, [true, false, true, false]);
        for t in &doc.tokens {
            assert_eq!(doc.slice(t.span), t.form);
        }
        let last = doc.sentence_tokens(3);
        assert_eq!(last[1].form, "'s");
    }
}
