//! Event output: one record per event, as JSON lines (`docs/output.md`) or
//! as rows of the GDELT 2.0 event table (61 tab-separated columns).

use std::io::{self, Write};

use dyad_cameo::Codebook;
use dyad_doc::{Actor, DatePrecision, Document, Event, Location, Span};
use serde::Serialize;

/// The PLOVER event type and mode of a CAMEO code.
#[derive(Debug, Serialize)]
pub struct Plover<'a> {
    pub event: Option<&'a str>,
    pub mode: Option<&'a str>,
}

/// One output record: an event with its document's metadata and the
/// codebook facts for its code. Field order is the documented order.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub event_id: String,
    pub doc_id: &'a str,
    pub url: Option<&'a str>,
    pub pub_date: Option<String>,
    pub event_date: Option<String>,
    pub date_precision: DatePrecision,
    pub background: bool,
    pub sentence_index: usize,
    pub sentence: &'a str,
    pub span: [usize; 2],
    pub source: &'a Actor,
    pub target: Option<&'a Actor>,
    pub cameo: &'a str,
    pub cameo_root: &'a str,
    pub cameo_name: &'a str,
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover: Plover<'a>,
    pub location: Option<&'a Location>,
    pub attribution: Option<&'a str>,
    pub confidence: f32,
    pub compound: bool,
    pub trigger: &'a str,
    pub trigger_span: [usize; 2],
    pub pattern: &'a str,
    pub duplicate_of: Option<&'a str>,
}

/// A stable 64-bit FNV-1a hash. Event ids must not change between runs or
/// Rust versions, which `std`'s hasher does not promise; FNV is a few lines.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Stable identifier of an event: same document and event, same id.
pub fn event_id(doc: &Document, e: &Event) -> u64 {
    let target = e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("");
    let span = format!("{}-{}", e.trigger.span.start, e.trigger.span.end);
    let si = e.sentence_index.to_string();
    // Keep ids within GDELT's signed 63-bit integer range.
    fnv1a(&[
        &doc.id,
        &si,
        &span,
        &e.cameo,
        &e.source.code,
        target,
        &e.source.text,
    ]) >> 1
}

impl<'a> Record<'a> {
    pub fn new(doc: &'a Document, e: &'a Event) -> Record<'a> {
        let book = Codebook::get();
        let info = book.lookup(&e.cameo);
        let sent = &doc.sentences[e.sentence_index];
        Record {
            event_id: format!("{:016x}", event_id(doc, e)),
            doc_id: &doc.id,
            url: doc.url.as_deref(),
            pub_date: doc.pub_date.map(|d| d.to_string()),
            event_date: e.event_date.map(|d| d.to_string()),
            date_precision: e.date_precision,
            background: e.background,
            sentence_index: e.sentence_index,
            sentence: doc.slice(sent.span),
            span: [sent.span.start, sent.span.end],
            source: &e.source,
            target: e.target.as_ref(),
            cameo: &e.cameo,
            cameo_root: &e.cameo[..2],
            cameo_name: info.map(|c| c.name).unwrap_or(""),
            quad_class: info.map(|c| c.quad_class).unwrap_or(0),
            goldstein: info.map(|c| c.goldstein).unwrap_or(0.0),
            plover: Plover {
                event: info.and_then(|c| c.plover_event),
                mode: info.and_then(|c| c.plover_mode),
            },
            location: e.location.as_ref(),
            attribution: e.attribution.as_deref(),
            confidence: e.confidence,
            compound: e.compound,
            trigger: &e.trigger.text,
            trigger_span: span_pair(e.trigger.span),
            pattern: &e.trigger.pattern,
            duplicate_of: doc.duplicate_of.as_deref(),
        }
    }
}

fn span_pair(s: Span) -> [usize; 2] {
    [s.start, s.end]
}

/// Writes every event of `doc` as one JSON object per line.
pub fn write_jsonl(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    for e in &doc.events {
        serde_json::to_writer(&mut *out, &Record::new(doc, e))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// GDELT field text: tabs and newlines would break the row.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn actor_columns(a: Option<&Actor>) -> [String; 10] {
    let Some(a) = a else {
        return Default::default();
    };
    let name = a
        .entity
        .clone()
        .unwrap_or_else(|| a.text.clone())
        .to_uppercase();
    // What is left of the code after country and roles is the known group ("UNO" of "IGOUNO").
    let mut rest = a.code.as_str();
    if let Some(c) = &a.country {
        rest = rest.strip_prefix(c.as_str()).unwrap_or(rest);
    }
    for r in &a.roles {
        rest = rest.strip_prefix(r.as_str()).unwrap_or(rest);
    }
    let known_group = rest.to_string();
    let role = |i: usize| a.roles.get(i).cloned().unwrap_or_default();
    [
        a.code.clone(),
        clean(&name),
        a.country.clone().unwrap_or_default(),
        known_group,
        String::new(),
        String::new(),
        String::new(),
        role(0),
        role(1),
        role(2),
    ]
}

/// Writes every event of `doc` as a GDELT 2.0 event-table row (61 columns,
/// in the codebook's order, empty where dyad does not know the value).
pub fn write_gdelt_tsv(out: &mut impl Write, doc: &Document, num_sources: usize) -> io::Result<()> {
    let book = Codebook::get();
    for e in &doc.events {
        let info = book.lookup(&e.cameo);
        let date = e.event_date.or(doc.pub_date);
        let mut row: Vec<String> = Vec::with_capacity(61);
        row.push(event_id(doc, e).to_string());
        match date {
            Some(d) => {
                use chrono::Datelike;
                row.push(d.format("%Y%m%d").to_string());
                row.push(d.format("%Y%m").to_string());
                row.push(d.year().to_string());
                let frac = f64::from(d.year()) + f64::from(d.month() * 30 + d.day()) / 365.0;
                row.push(format!("{frac:.4}"));
            }
            None => row.extend(std::iter::repeat_n(String::new(), 4)),
        }
        row.extend(actor_columns(Some(&e.source)));
        row.extend(actor_columns(e.target.as_ref()));
        row.push(u8::from(e.sentence_index == 0).to_string()); // IsRootEvent: lead sentence
        row.push(e.cameo.clone());
        row.push(e.cameo[..e.cameo.len().min(3)].to_string());
        row.push(e.cameo[..2].to_string());
        row.push(info.map(|c| c.quad_class.to_string()).unwrap_or_default());
        row.push(
            info.map(|c| format!("{:.1}", c.goldstein))
                .unwrap_or_default(),
        );
        row.push("1".into()); // NumMentions
        row.push(num_sources.to_string()); // NumSources
        row.push("1".into()); // NumArticles
        row.push(String::new()); // AvgTone: dyad does not score tone
        // Actor1Geo, Actor2Geo: 8 columns each; ActionGeo from the event location.
        row.extend(std::iter::repeat_n(String::new(), 16));
        match &e.location {
            Some(l) => {
                row.push("4".into());
                row.push(clean(&l.name));
                row.push(l.country.clone().unwrap_or_default());
                row.push(String::new());
                row.push(String::new());
                row.push(l.lat.map(|x| format!("{x:.4}")).unwrap_or_default());
                row.push(l.lon.map(|x| format!("{x:.4}")).unwrap_or_default());
                row.push(String::new());
            }
            None => row.extend(std::iter::repeat_n(String::new(), 8)),
        }
        row.push(
            doc.pub_date
                .map(|d| d.format("%Y%m%d000000").to_string())
                .unwrap_or_default(),
        );
        row.push(clean(doc.url.as_deref().unwrap_or(&doc.id)));
        debug_assert_eq!(row.len(), 61);
        out.write_all(row.join("\t").as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
