//! Natural-language processing for dyad: tokenization, sentence splitting,
//! tagging, lemmatization and dependency parsing of English news text.
//!
//! The entry point is [`Nlp::annotate`], which fills `Document::sentences`
//! and `Document::tokens` from `Document::text`.

use dyad_doc::Document;

/// The loaded NLP models. Cheap to share across threads.
#[derive(Debug, Default)]
pub struct Nlp {}

impl Nlp {
    /// Loads the models committed with dyad (embedded in the binary).
    pub fn new() -> Self {
        Nlp {}
    }

    /// Splits `doc.text` into sentences and tokens and annotates them.
    pub fn annotate(&self, _doc: &mut Document) {
        todo!("tokenizer, splitter, tagger, parser")
    }
}
