//! Actor and event coding: from tokenized sentences to CAMEO events.
//!
//! [`Coder::code`] reads `Document::sentences` and `tokens` and fills
//! `Document::mentions` and `Document::events`. All knowledge comes from the
//! dictionaries in `data/dict/` ([`dict`]); this crate holds only the
//! matching logic.

pub mod actors;
pub mod dates;
pub mod dict;
pub mod events;
mod inflect;
pub mod places;
pub mod syntax;

use dyad_doc::{Document, Mention};

pub use dict::{DictError, Dictionaries};
pub use events::Dropped;

/// Protest with no one named as its target is aimed at the government where
/// it happens (CAMEO's convention for domestic dissent): the country of the
/// event's place, else of the protesters.
fn protest_targets(events: &mut [dyad_doc::Event]) {
    for e in events
        .iter_mut()
        .filter(|e| e.cameo.starts_with("14") && e.target.is_none())
    {
        let country = e
            .location
            .as_ref()
            .and_then(|l| l.country.clone())
            .or_else(|| e.source.country.clone());
        if let Some(c) = country {
            e.target = Some(dyad_doc::Actor {
                code: format!("{c}GOV"),
                country: Some(c),
                roles: vec!["GOV".into()],
                text: String::new(),
                entity: None,
            });
        }
    }
}

/// Actors named by role alone ("police", "the army", "officials") belong to
/// the story's country, as a reader takes them.
fn localize(phrases: &mut [actors::Phrase], home: &str) {
    for p in phrases.iter_mut() {
        let mut changed = false;
        for a in p.actors.iter_mut() {
            let bare = a.country.is_none() && a.entity.is_none() && !a.roles.is_empty();
            if bare && !a.roles.iter().any(|r| matches!(r.as_str(), "IGO" | "NGO")) {
                a.country = Some(home.to_string());
                a.code = format!("{home}{}", a.roles.concat());
                changed = true;
            }
        }
        if changed {
            p.via.push_str(&format!(" + the story's country {home}"));
        }
    }
}

/// The countries of a document's actors, sorted.
fn countries_of(phrases: &[actors::Phrase]) -> Vec<String> {
    let mut c: Vec<String> = phrases
        .iter()
        .flat_map(|p| p.actors.iter().filter_map(|a| a.country.clone()))
        .collect();
    c.sort();
    c.dedup();
    c
}

/// Dates each event of sentence `si` from the nearest date expression of
/// the sentence, else the publication date; marks background events.
fn date_events(doc: &Document, si: usize, events: &mut [dyad_doc::Event]) {
    let sent = &doc.sentences[si];
    let found = dates::find(
        &doc.tokens[sent.tokens.0..sent.tokens.1],
        sent.tokens.0,
        doc.pub_date,
    );
    for e in events {
        let trig = doc.tokens[sent.tokens.0..sent.tokens.1]
            .iter()
            .position(|t| t.span.start >= e.trigger.span.start)
            .map_or(sent.tokens.0, |k| k + sent.tokens.0);
        match found.iter().min_by_key(|m| m.token.abs_diff(trig)) {
            Some(m) => {
                e.event_date = Some(m.date);
                e.date_precision = m.precision;
            }
            None => {
                e.event_date = doc.pub_date;
                e.date_precision = if doc.pub_date.is_some() {
                    dyad_doc::DatePrecision::Day
                } else {
                    dyad_doc::DatePrecision::Unknown
                };
            }
        }
        e.background = match (e.event_date, doc.pub_date) {
            (Some(d), Some(p)) => (p - d).num_days() > 31,
            _ => false,
        };
    }
}

/// Dictionaries compiled for matching. Build once, share across threads.
pub struct Coder {
    pub dict: Dictionaries,
    lexicon: actors::Lexicon,
    patterns: events::Patterns,
    discards: aho_corasick::AhoCorasick,
    places: places::Places,
}

/// What the coder saw in a document, for `dyad explain`.
#[derive(Debug, Default)]
pub struct Trace {
    pub phrases: Vec<actors::Phrase>,
    pub dropped: Vec<Dropped>,
}

impl Coder {
    /// A discard phrase in sentence `si` (at word boundaries), as a reason.
    fn discard(&self, doc: &Document, si: usize) -> Option<String> {
        let span = doc.sentences[si].span;
        let text = doc.slice(span);
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        self.discards.find_overlapping_iter(text).find_map(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            (!word(before) && !word(after)).then(|| {
                let (cat, phrase) = &self.dict.discards[m.pattern().as_usize()];
                format!("discard ({cat}): {phrase:?}")
            })
        })
    }

    /// Places each event of sentence `si` at the place the sentence names
    /// nearest its trigger, if any.
    fn locate_events(
        &self,
        doc: &Document,
        si: usize,
        phrases: &[actors::Phrase],
        events: &mut [dyad_doc::Event],
    ) {
        if events.is_empty() {
            return;
        }
        let context = countries_of(phrases);
        let found = self.places.find(doc, si, &context);
        for e in events {
            let trig = doc
                .tokens
                .partition_point(|t| t.span.start < e.trigger.span.start);
            e.location = found
                .iter()
                .min_by_key(|m| m.token.abs_diff(trig))
                .map(|m| m.location.clone());
        }
    }

    /// The country a story is about: its dateline's, else the one its actors
    /// name most often (the first named among equals).
    fn home_country(&self, doc: &Document, phrases: &[actors::Phrase]) -> Option<String> {
        if let Some(place) = doc.dateline.as_ref().and_then(|d| d.place.as_deref()) {
            // Datelines are often in capitals: "MOSCOW" -> "Moscow".
            let title: String = place
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| {
                            f.to_uppercase()
                                .chain(c.flat_map(|x| x.to_lowercase()))
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect::<Vec<String>>()
                .join(" ");
            let capital = self.dict.countries.iter().find(|c| {
                c.capitals
                    .iter()
                    .chain(std::iter::once(&c.name))
                    .any(|n| n == &title || n == place)
            });
            if let Some(c) = capital {
                return Some(c.code.clone());
            }
            if let Some(c) = self.places.country_of(&title, &countries_of(phrases)) {
                return Some(c);
            }
        }
        let mut counts: Vec<(String, usize)> = Vec::new();
        for a in phrases
            .iter()
            .filter(|p| !p.modifier)
            .flat_map(|p| &p.actors)
        {
            let Some(c) = a
                .country
                .as_ref()
                .filter(|c| self.dict.countries.iter().any(|x| &x.code == *c))
            else {
                continue;
            };
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c.clone(), 1)),
            }
        }
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(c, _)| c)
    }

    pub fn new(dict: Dictionaries) -> Coder {
        let lexicon = actors::Lexicon::build(&dict);
        let patterns = events::Patterns::build(&dict);
        let discards = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(dict.discards.iter().map(|(_, p)| p.as_str()))
            .expect("discard automaton builds");
        let places = places::Places::build(&dict);
        Coder {
            dict,
            lexicon,
            patterns,
            discards,
            places,
        }
    }

    /// A coder with the dictionaries compiled into dyad.
    pub fn embedded() -> Result<Coder, Vec<DictError>> {
        Ok(Coder::new(Dictionaries::embedded()?))
    }

    /// Codes a tokenized document: fills `mentions` and `events`.
    pub fn code(&self, doc: &mut Document) {
        self.code_traced(doc);
    }

    /// As [`Coder::code`], also returning what was matched and dropped.
    pub fn code_traced(&self, doc: &mut Document) -> Trace {
        let mut phrases = actors::find_phrases(&self.lexicon, &self.dict, doc);
        if let Some(home) = self.home_country(doc, &phrases) {
            localize(&mut phrases, &home);
        }
        let mut dropped = Vec::new();
        let mut events = Vec::new();
        let context = countries_of(&phrases);
        for si in 0..doc.sentences.len() {
            if let Some(reason) = self.discard(doc, si) {
                let pattern = String::new();
                dropped.push(Dropped {
                    sentence: si,
                    trigger: String::new(),
                    pattern,
                    reason,
                });
                continue;
            }
            let first = events.len();
            events.extend(events::code_sentence(
                doc,
                si,
                &phrases,
                &self.patterns,
                (&self.places, &context),
                &mut dropped,
            ));
            date_events(doc, si, &mut events[first..]);
            self.locate_events(doc, si, &phrases, &mut events[first..]);
            protest_targets(&mut events[first..]);
        }
        doc.mentions = phrases
            .iter()
            .map(|p| Mention {
                sentence: p.sentence,
                tokens: p.tokens,
                span: p.span,
                actors: p.actors.clone(),
                via: p.via.clone(),
            })
            .collect();
        doc.events = events;
        Trace { phrases, dropped }
    }
}
