//! Gold sets in three formats, read into one model.
//!
//! - dyad JSONL (`eval/dyad-gold/README.md`): one article per line with its events;
//! - the PLOVER GSR JSON (a list of records, one sentence and event each);
//! - PETRARCH validation XML (`<Sentence>`, `<EventCoding>`, `<Text>`; the
//!   file is not well-formed XML, so it is read record by record, and its
//!   parses are ignored: dyad parses the text itself).

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Dyad,
    PloverGsr,
    Petrarch,
}

/// One gold event. `code` is a CAMEO code (dyad, PETRARCH) or absent
/// (PLOVER GSR, which gives `plover`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldEvent {
    /// The sentence the event is in, for multi-sentence documents.
    pub sentence: Option<String>,
    pub source: String,
    pub target: Option<String>,
    pub code: Option<String>,
    pub plover: Option<String>,
    pub alt_codes: Vec<String>,
    /// Counted when found, not missed when absent.
    pub optional: bool,
}

#[derive(Clone, Debug, Default)]
pub struct GoldDoc {
    pub id: String,
    pub pub_date: Option<NaiveDate>,
    pub text: String,
    /// A whole page (title, dateline, furniture) that needs ingest cleaning,
    /// rather than a single sentence.
    pub article: bool,
    pub events: Vec<GoldEvent>,
}

#[derive(Deserialize)]
struct DyadLine {
    id: String,
    #[serde(default)]
    pub_date: Option<NaiveDate>,
    content: String,
    #[serde(default)]
    events: Vec<DyadEvent>,
}

#[derive(Deserialize)]
struct DyadEvent {
    sentence: String,
    source: String,
    target: Option<String>,
    code: String,
    #[serde(default)]
    alt_codes: Vec<String>,
    #[serde(default)]
    optional: bool,
}

/// Reads a gold file, choosing the format by extension and content.
pub fn load(path: &Path) -> Result<(Format, Vec<GoldDoc>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.display().to_string();
    if text.trim_start().starts_with('<') {
        return Ok((Format::Petrarch, read_petrarch(&text)));
    }
    if text.trim_start().starts_with('[') {
        return read_plover(&text)
            .map(|d| (Format::PloverGsr, d))
            .map_err(|e| format!("{name}: {e}"));
    }
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: DyadLine =
            serde_json::from_str(line).map_err(|e| format!("{name}:{}: {e}", i + 1))?;
        docs.push(GoldDoc {
            id: l.id,
            pub_date: l.pub_date,
            text: l.content,
            article: true,
            events: l
                .events
                .into_iter()
                .map(|e| GoldEvent {
                    sentence: Some(e.sentence),
                    source: e.source,
                    target: e.target.filter(|t| !t.is_empty()),
                    code: Some(e.code),
                    plover: None,
                    alt_codes: e.alt_codes,
                    optional: e.optional,
                })
                .collect(),
        });
    }
    Ok((Format::Dyad, docs))
}

#[derive(Deserialize)]
struct PloverActor {
    #[serde(default)]
    code: String,
    #[serde(default)]
    sector: Option<String>,
}

#[derive(Deserialize)]
struct PloverRecord {
    id: String,
    event: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default, deserialize_with = "actors")]
    source: Vec<PloverActor>,
    #[serde(default, deserialize_with = "actors")]
    target: Vec<PloverActor>,
}

/// Actor lists; a few records write an empty string for "none".
fn actors<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<PloverActor>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum ListOrText {
        List(Vec<PloverActor>),
        #[allow(dead_code)] // only its presence matters
        Text(String),
    }
    Ok(match ListOrText::deserialize(d)? {
        ListOrText::List(v) => v,
        ListOrText::Text(_) => Vec::new(),
    })
}

fn plover_actor(a: &PloverActor) -> String {
    format!("{}{}", a.code, a.sector.as_deref().unwrap_or(""))
}

fn read_plover(text: &str) -> Result<Vec<GoldDoc>, String> {
    let recs: Vec<PloverRecord> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut docs = Vec::new();
    for r in recs {
        let Some(sentence) = r.text.filter(|_| r.event != "DOCUMENT") else {
            continue;
        };
        let mut events = Vec::new();
        let targets: Vec<Option<String>> = if r.target.is_empty() {
            vec![None]
        } else {
            r.target.iter().map(|t| Some(plover_actor(t))).collect()
        };
        for s in &r.source {
            for t in &targets {
                events.push(GoldEvent {
                    source: plover_actor(s),
                    target: t.clone(),
                    plover: Some(crate::modern_plover(&r.event).to_string()),
                    ..Default::default()
                });
            }
        }
        docs.push(GoldDoc {
            id: r.id,
            pub_date: r
                .date
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            text: sentence,
            article: false,
            events,
        });
    }
    Ok(docs)
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

fn read_petrarch(text: &str) -> Vec<GoldDoc> {
    let mut docs = Vec::new();
    let mut rest = text;
    while let Some(pos) = rest.find("<Sentence ") {
        rest = &rest[pos..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        let next = rest[1..]
            .find("<Sentence ")
            .map(|p| p + 1)
            .unwrap_or(rest.len());
        let record = &rest[..next];
        rest = &rest[next..];
        if attr(tag, "evaluate").is_some_and(|v| v != "true") {
            continue;
        }
        let id = attr(tag, "id").unwrap_or_default();
        let pub_date = attr(tag, "date").and_then(|d| NaiveDate::parse_from_str(&d, "%Y%m%d").ok());
        let sentence = match (record.find("<Text>"), record.find("</Text>")) {
            (Some(a), Some(b)) if a < b => record[a + 6..b]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            _ => continue,
        };
        let mut events = Vec::new();
        let mut r = record;
        while let Some(p) = r.find("<EventCoding ") {
            let e = &r[p..r[p..].find('>').map(|x| x + p).unwrap_or(r.len())];
            if let (Some(code), Some(src)) = (attr(e, "eventcode"), attr(e, "sourcecode")) {
                events.push(GoldEvent {
                    source: src,
                    target: attr(e, "targetcode").filter(|t| !t.is_empty() && t != "---"),
                    code: Some(code),
                    ..Default::default()
                });
            }
            r = &r[p + 1..];
        }
        docs.push(GoldDoc {
            id,
            pub_date,
            text: sentence,
            article: false,
            events,
        });
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_petrarch_records() {
        let xml = "<Validation>\n<Sentence category=\"AFP\" date=\"20080804\" id=\"A_1\" evaluate=\"true\"/>\n\
            <EventCoding eventcode=\"042\" sourcecode=\"USA\" targetcode=\"CHN\" />\n<Text>\nThe US leader\nvisited China.\n</Text>\n<Parse>\n1\tThe\n</Parse>\n\
            <Sentence category=\"AFP\" date=\"20080805\" id=\"A_2\" evaluate=\"true\"/>\n<EventCoding noevents=\"True\" />\n<Text>Nothing.</Text>\n";
        let docs = read_petrarch(xml);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "The US leader visited China.");
        assert_eq!(docs[0].events[0].code.as_deref(), Some("042"));
        assert_eq!(docs[0].events[0].target.as_deref(), Some("CHN"));
        assert!(docs[1].events.is_empty());
    }

    #[test]
    fn reads_plover_records_with_modern_types() {
        let json = r#"[{"id":"D","event":"DOCUMENT"},
            {"id":"X1","event":"DEMAND","date":"2000-01-01","text":"Iraq demanded that Kuwait pay.",
             "source":[{"code":"IRQ","sector":"GOV"}],"target":[{"code":"KWT"},{"code":"SAU"}]}]"#;
        let docs = read_plover(json).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].events.len(), 2);
        assert_eq!(docs[0].events[0].plover.as_deref(), Some("REQUEST"));
        assert_eq!(docs[0].events[0].source, "IRQGOV");
    }
}
