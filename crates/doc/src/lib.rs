//! The one document model that flows through dyad.
//!
//! Ingest creates a [`Document`] with its metadata and cleaned `text`; nlp fills
//! `sentences` and `tokens`; code fills `mentions` and `events`. Every later
//! stage only adds to what earlier stages wrote, and every offset is a byte
//! offset into `Document::text`, so any stage's output can be traced back to
//! the characters it came from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into [`Document::text`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One article (or any unit of input text) and everything learned about it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier: given by the input (JSONL `id`, file path, WARC record id).
    pub id: String,
    pub url: Option<String>,
    /// Publisher or wire agency ("TASS", "Reuters").
    pub source: Option<String>,
    pub pub_date: Option<NaiveDate>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    /// ISO 639-1 code of the body's language, when detected.
    pub language: Option<String>,
    pub dateline: Option<Dateline>,
    /// The cleaned body text. All spans point into it. The title is not part of it.
    pub text: String,
    /// Lines that cleaning removed, with the reason, so nothing is lost silently.
    pub dropped: Vec<DroppedLine>,
    /// Id of the first document seen with (nearly) the same text, if this is a copy.
    pub duplicate_of: Option<String>,
    pub sentences: Vec<Sentence>,
    /// All tokens of the document, in order; sentences index into this.
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let s = &self.sentences[i];
        &self.tokens[s.tokens.0..s.tokens.1]
    }
}

/// A dateline such as `MOSCOW, October 28. /TASS/.`
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    pub place: Option<String>,
    /// Month and day as written; `year` is None when neither the dateline
    /// nor the publication date tells it.
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub year: Option<i32>,
    pub agency: Option<String>,
    /// The dateline exactly as written.
    pub raw: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedLine {
    pub text: String,
    /// Short machine-readable reason: `skip-link`, `other-language:tr`, `menu`, ...
    pub reason: String,
}

/// A sentence: its span in the text and the range of its tokens in `Document::tokens`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// `[first, last)` indices into `Document::tokens`.
    pub tokens: (usize, usize),
    /// True when the whole sentence stands inside quotation marks.
    pub quoted: bool,
}

/// A token with its annotations. `head` is the index of the governing token
/// within the same sentence (0-based), or `None` for the root.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    /// The token's form, normally the text under `span` (kept apart so that
    /// normalised forms such as straight quotes remain possible).
    pub form: String,
    pub lemma: String,
    /// Universal POS tag (`NOUN`, `VERB`, `PROPN`, ...), empty until tagged.
    pub upos: String,
    /// Penn Treebank tag (`NN`, `VBD`, ...), empty until tagged.
    pub xpos: String,
    pub head: Option<u32>,
    /// UD relation (`nsubj`, `obl:agent`, ...), empty until parsed.
    pub deprel: String,
}

/// An actor as coded: `RUSGOV`, with its parts spelled out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Actor {
    /// Full CAMEO actor code, e.g. `RUSGOV`, `IGOUNO`, `AZE`.
    pub code: String,
    /// ISO 3166-1 alpha-3 country (or CAMEO region code), when there is one.
    pub country: Option<String>,
    /// CAMEO role codes after the country (`GOV`, `MIL`, ...).
    pub roles: Vec<String>,
    /// The words of the text this actor was found in.
    pub text: String,
    /// Canonical name of a known entity ("Sergey Lavrov"), when one matched.
    pub entity: Option<String>,
}

/// A place in the world.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// An actor reference found in a sentence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub sentence: usize,
    /// `[first, last)` indices into `Document::tokens`.
    pub tokens: (usize, usize),
    pub span: Span,
    /// One actor, or several for group references ("the two ministers").
    pub actors: Vec<Actor>,
    /// Which dictionary entry or resolution rule produced this mention.
    pub via: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    #[default]
    Unknown,
}

/// What triggered an event: the words and the dictionary pattern.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    pub text: String,
    pub span: Span,
    /// Pattern identifier as `file:line`, followed by the pattern text.
    pub pattern: String,
}

/// One coded event: who did what to whom, when and where, from which sentence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub sentence_index: usize,
    pub source: Actor,
    pub target: Option<Actor>,
    /// CAMEO code, 2 to 4 digits as a string (leading zeros matter).
    pub cameo: String,
    pub event_date: Option<NaiveDate>,
    pub date_precision: DatePrecision,
    /// True when the event lies more than a month before the publication date.
    pub background: bool,
    pub location: Option<Location>,
    /// Who reported the event ("Russian Foreign Ministry"), when the sentence says.
    pub attribution: Option<String>,
    pub confidence: f32,
    pub trigger: Trigger,
    /// True when source or target came from a coordinated phrase ("X and Y").
    pub compound: bool,
}
