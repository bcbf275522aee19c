//! JSON Lines: one article per line, `{"text": ...}` or `{"html": ...}` with
//! optional `id`, `url`, `date`, `title`, `source`.

use dyad_doc::Document;
use serde::Deserialize;

use crate::clean::{Raw, clean};
use crate::stream::{Line, Stream};
use crate::{IngestError, Options, html};

/// Longest line accepted; longer ones are skipped (and reported) unread.
pub const MAX_LINE: usize = html::MAX_PAGE_BYTES + (1 << 20);

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    date: Option<String>,
    title: Option<String>,
    source: Option<String>,
}

/// Streams documents from JSONL, one line at a time.
pub struct Reader {
    name: String,
    stream: Stream,
    line: u64,
    opts: Options,
    done: bool,
}

impl Reader {
    pub fn new(name: String, stream: Stream, opts: Options) -> Self {
        Reader {
            name,
            stream,
            line: 0,
            opts,
            done: false,
        }
    }

    fn err(&self, msg: impl Into<String>) -> IngestError {
        IngestError::new(format!("{}:line {}", self.name, self.line), msg)
    }

    fn record(&self, bytes: &[u8]) -> Result<Document, IngestError> {
        let s = std::str::from_utf8(bytes).map_err(|e| {
            self.err(format!(
                "invalid UTF-8 at byte {} of the line",
                e.valid_up_to()
            ))
        })?;
        let rec: Record =
            serde_json::from_str(s).map_err(|e| self.err(format!("not a JSON object: {e}")))?;
        let id = match rec.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("{}#{}", self.name, self.line),
        };
        let mut raw = match (rec.html, rec.text) {
            (Some(h), _) if !h.trim().is_empty() => {
                html::parse(id, h.as_bytes(), rec.url.as_deref()).map_err(|m| self.err(m))?
            }
            (_, Some(t)) if !t.trim().is_empty() => Raw {
                id,
                body: t,
                title_in_body: rec.title.is_none(),
                ..Default::default()
            },
            _ => return Err(self.err("no `text` or `html` field with content")),
        };
        raw.url = rec.url.or(raw.url);
        raw.title = rec.title.or(raw.title);
        raw.source = rec.source.or(raw.source);
        if let Some(d) = rec.date.as_deref() {
            raw.pub_date = Some(
                html::parse_date(d)
                    .ok_or_else(|| self.err(format!("`date` {d:?} is not a date")))?,
            );
        }
        Ok(clean(raw, &self.opts))
    }
}

impl Iterator for Reader {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            match self.stream.read_line(MAX_LINE) {
                Ok(None) => self.done = true,
                Ok(Some(Line::TooLong(n))) => {
                    return Some(Err(self.err(format!(
                        "line of {n} bytes is over the {} MB limit",
                        MAX_LINE >> 20
                    ))));
                }
                Ok(Some(Line::Bytes(b))) => {
                    let t = b.trim_ascii();
                    if t.is_empty() {
                        continue;
                    }
                    return Some(self.record(t));
                }
                Err(e) => return Some(Err(self.err(e.to_string()))),
            }
        }
        None
    }
}
