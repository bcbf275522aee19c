//! WARC files (plain or per-record gzip, as Common Crawl writes them): every
//! `response` record holding an HTML page becomes a document.
//!
//! A small reader of our own rather than the `warc` crate: that crate stops
//! at the first malformed record and trusts Content-Length, while a crawl
//! file with one bad record must still give every good record around it.
//! Here a record whose block does not end where Content-Length says is
//! reported, and reading resumes at the next `WARC/1.x` header line.

use std::io::Read;

use dyad_doc::Document;

use crate::clean::clean;
use crate::stream::{Line, Stream};
use crate::{IngestError, Options, html};

/// Header block of one record, at most.
const MAX_HEADER: usize = 64 << 10;
/// Largest record block read; bigger ones (videos, archives) are skipped.
const MAX_BLOCK: u64 = html::MAX_PAGE_BYTES as u64 + (1 << 20);

pub struct Reader {
    name: String,
    stream: Stream,
    opts: Options,
    done: bool,
    /// Whether the stream stands at a record boundary; after an error
    /// that left it inside a record, reading resynchronises.
    aligned: bool,
}

/// The WARC headers dyad uses.
#[derive(Default)]
struct Headers {
    kind: String,
    length: Option<u64>,
    uri: Option<String>,
    date: Option<String>,
    id: Option<String>,
    content_type: String,
}

/// One WARC record holding a page: where it starts and its HTML.
#[derive(Debug)]
pub struct Record {
    /// Offset of the record in the (decompressed) WARC.
    pub offset: u64,
    pub id: Option<String>,
    pub uri: Option<String>,
    pub date: Option<String>,
    /// The page: the HTTP payload of a response (de-chunked, un-gzipped),
    /// or the block of an HTML resource record.
    pub html: Vec<u8>,
}

enum Step {
    Record(Box<Record>),
    Skip,
    End,
}

impl Reader {
    pub fn new(name: String, stream: Stream, opts: Options) -> Self {
        Reader {
            name,
            stream,
            opts,
            done: false,
            aligned: true,
        }
    }

    fn err(&self, offset: u64, msg: impl Into<String>) -> IngestError {
        IngestError::new(format!("{}@offset {offset}", self.name), msg)
    }

    /// After a bad record: on to the next header line. Errors on the way
    /// (a corrupt gzip member) are passed over; the stream resynchronises.
    fn resync(&mut self) {
        if self.stream.peek(5).ok() == Some(&b"WARC/"[..]) {
            return;
        }
        for _ in 0..64 {
            match self.stream.seek_line_starting(b"WARC/") {
                Ok(true) => return,
                Ok(false) => break,
                Err(_) => {
                    if self.stream.peek(5).ok() == Some(&b"WARC/"[..]) {
                        return;
                    }
                }
            }
        }
        if self.stream.peek(5).ok() != Some(&b"WARC/"[..]) {
            self.done = true;
        }
    }

    fn step(&mut self) -> Result<Step, IngestError> {
        // Blank lines between records.
        loop {
            let start = self.stream.offset();
            match self.stream.peek(2) {
                Ok([]) => return Ok(Step::End),
                Ok(b"\r\n") => {
                    let _ = self.stream.skip(2);
                }
                Ok([b'\n', ..]) => {
                    let _ = self.stream.skip(1);
                }
                Ok(_) => break,
                Err(e) => return Err(self.err(start, e.to_string())),
            }
        }
        let offset = self.stream.offset();
        self.aligned = false;
        let h = self.headers(offset)?;
        let Some(len) = h.length else {
            return Err(self.err(offset, "record without Content-Length"));
        };

        let wanted = h.kind == "response" && h.content_type.starts_with("application/http")
            || h.kind == "resource" && h.content_type.contains("html");
        let block = if wanted && len <= MAX_BLOCK {
            let b = self
                .stream
                .read_bytes(len as usize)
                .map_err(|e| self.err(offset, e.to_string()))?;
            if (b.len() as u64) < len {
                return Err(self.err(
                    offset,
                    format!("file ends inside the record ({} of {len} bytes)", b.len()),
                ));
            }
            Some(b)
        } else {
            let n = self
                .stream
                .skip(len)
                .map_err(|e| self.err(offset, e.to_string()))?;
            if n < len {
                return Err(self.err(
                    offset,
                    format!("file ends inside the record ({n} of {len} bytes)"),
                ));
            }
            None
        };

        // A record ends with CRLF CRLF; anything else means Content-Length lied.
        let end = self
            .stream
            .peek(4)
            .map(<[u8]>::to_vec)
            .map_err(|e| self.err(offset, e.to_string()))?;
        if end == b"\r\n\r\n" {
            let _ = self.stream.skip(4);
        } else if !(end.is_empty()
            || end.starts_with(b"\r\n") && self.stream.peek(6).ok() == Some(&b"\r\nWARC"[..]))
        {
            // If the length was too long the next header may be inside the
            // block: give those bytes back so that record is still read.
            if let Some(b) = &block
                && let Some(k) = find(b, b"\r\n\r\nWARC/")
            {
                self.stream.unread(&b[k + 4..]);
                self.aligned = true;
            }
            return Err(self.err(
                offset,
                format!("record does not end where its Content-Length ({len}) says"),
            ));
        } else {
            let _ = self.stream.skip(2);
        }

        self.aligned = true;
        let Some(block) = block else {
            if wanted {
                return Err(self.err(offset, format!("record of {len} bytes is too large")));
            }
            return Ok(Step::Skip);
        };
        let body = if h.kind == "response" {
            match http_body(&block).map_err(|m| self.err(offset, m))? {
                Some(b) => b,
                None => return Ok(Step::Skip),
            }
        } else {
            block
        };
        Ok(Step::Record(Box::new(Record {
            offset,
            id: h.id,
            uri: h.uri,
            date: h.date,
            html: body,
        })))
    }

    /// The next HTML page record, without parsing it; bad records give an
    /// error and reading resumes after them.
    pub fn next_record(&mut self) -> Option<Result<Record, IngestError>> {
        while !self.done {
            match self.step() {
                Ok(Step::Record(r)) => return Some(Ok(*r)),
                Ok(Step::Skip) => {}
                Ok(Step::End) => self.done = true,
                Err(e) => {
                    if !self.aligned {
                        self.resync();
                        self.aligned = true;
                    }
                    return Some(Err(e));
                }
            }
        }
        None
    }

    fn document(&self, r: Record) -> Result<Document, IngestError> {
        let id =
            r.id.clone()
                .unwrap_or_else(|| format!("{}@{}", self.name, r.offset));
        let mut raw =
            html::parse(id, &r.html, r.uri.as_deref()).map_err(|m| self.err(r.offset, m))?;
        raw.url = r.uri.or(raw.url);
        if raw.pub_date.is_none() {
            raw.pub_date = r.date.as_deref().and_then(html::parse_date);
        }
        Ok(clean(raw, &self.opts))
    }

    fn headers(&mut self, offset: u64) -> Result<Headers, IngestError> {
        let mut h = Headers::default();
        let mut first = true;
        let mut size = 0;
        loop {
            let line = match self.stream.read_line(MAX_HEADER) {
                Ok(Some(Line::Bytes(l))) => l,
                Ok(Some(Line::TooLong(_))) => return Err(self.err(offset, "header line too long")),
                Ok(None) => return Err(self.err(offset, "file ends inside the record header")),
                Err(e) => return Err(self.err(offset, e.to_string())),
            };
            size += line.len();
            if size > MAX_HEADER {
                return Err(self.err(offset, "record header too long"));
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if first {
                if !line.starts_with("WARC/") {
                    return Err(self.err(
                        offset,
                        format!("expected a WARC/1.x header, found {:?}", clip(line)),
                    ));
                }
                first = false;
                continue;
            }
            if line.is_empty() {
                return Ok(h);
            }
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let v = v.trim();
            match k.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.kind = v.to_ascii_lowercase(),
                "content-length" => {
                    h.length = Some(
                        v.parse()
                            .map_err(|_| self.err(offset, format!("bad Content-Length {v:?}")))?,
                    )
                }
                "warc-target-uri" => h.uri = Some(v.trim_matches(['<', '>']).to_string()),
                "warc-date" => h.date = Some(v.to_string()),
                "warc-record-id" => h.id = Some(v.trim_matches(['<', '>']).to_string()),
                "content-type" => h.content_type = v.to_ascii_lowercase(),
                _ => {}
            }
        }
    }
}

fn clip(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The HTML body of an HTTP response, or None when it is not a successful
/// HTML response (redirects, images, robots.txt are not articles).
fn http_body(block: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let Some(k) = find(block, b"\r\n\r\n")
        .map(|k| (k, 4))
        .or_else(|| find(block, b"\n\n").map(|k| (k, 2)))
    else {
        return Err("HTTP response without a header end".into());
    };
    let (head, body) = (&block[..k.0], &block[k.0 + k.1..]);
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {:?}", clip(status)))?;
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let (mut html, mut chunked, mut gzip) = (true, false, false);
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => html = v.contains("html"),
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => gzip = v.contains("gzip"),
            _ => {}
        }
    }
    if !html {
        return Ok(None);
    }
    let mut body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    if gzip {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&body[..])
            .take(MAX_BLOCK)
            .read_to_end(&mut out)
            .map_err(|e| format!("gzip content encoding: {e}"))?;
        body = out;
    }
    Ok(Some(body))
}

fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let nl = find(b, b"\r\n").ok_or("bad chunked encoding")?;
        let size = std::str::from_utf8(&b[..nl])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .ok_or("bad chunk size")?;
        b = &b[nl + 2..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = b.get(..size).ok_or("chunk beyond the end of the record")?;
        out.extend_from_slice(chunk);
        b = b.get(size + 2..).unwrap_or_default();
    }
}

impl Iterator for Reader {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(self.next_record()?.and_then(|r| self.document(r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert!(dechunk(b"zz\r\n").is_err());
    }

    #[test]
    fn http() {
        let r = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>";
        assert_eq!(http_body(r).unwrap().unwrap(), b"<p>x</p>");
        let r = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert!(http_body(r).unwrap().is_none());
        let r = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(http_body(r).unwrap().is_none());
    }
}
