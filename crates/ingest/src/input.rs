//! Opening inputs: files, folders' files and stdin, gzip or not; choosing a
//! reader by extension and content.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use crate::stream::{Members, Stream};
use std::path::Path;

use crate::clean::{Raw, clean};
use crate::{DocIter, IngestError, Options, html, jsonl, text, warc};

/// What kind of input a stream holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Jsonl,
    Warc,
}

/// The reader for a file named `name` whose first bytes are `head`: the
/// extension when it says, else the content.
pub fn sniff(name: &str, head: &[u8]) -> Kind {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" | "htm" | "xhtml" | "shtml" => return Kind::Html,
        "txt" | "text" => return Kind::Text,
        "jsonl" | "ndjson" => return Kind::Jsonl,
        "warc" | "arc" => return Kind::Warc,
        _ => {}
    }
    let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = &start[start.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    if start.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    if start.starts_with(b"{") {
        return Kind::Jsonl;
    }
    let probe = start[..start.len().min(1024)].to_ascii_lowercase();
    if probe.starts_with(b"<!doctype html")
        || probe.starts_with(b"<html")
        || probe.starts_with(b"<?xml") && contains(&probe, b"<html")
        || probe.starts_with(b"<!--") && contains(&probe, b"<html")
        || probe.starts_with(b"<head")
        || probe.starts_with(b"<body")
    {
        return Kind::Html;
    }
    Kind::Text
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Every document of one file.
pub fn read_file(path: &Path, opts: Options) -> DocIter {
    let name = path.display().to_string();
    match File::open(path) {
        Ok(f) => read_stream(name, Box::new(f), opts),
        Err(e) => Box::new(std::iter::once(Err(IngestError::new(name, e.to_string())))),
    }
}

/// Every document on standard input.
pub fn read_stdin(opts: Options) -> DocIter {
    read_stream("-".into(), Box::new(std::io::stdin()), opts)
}

/// A byte stream, decompressed when it is gzip (recognised by its magic bytes).
pub fn open_stream(r: Box<dyn Read + Send>) -> std::io::Result<Stream> {
    let mut raw = BufReader::with_capacity(1 << 16, r);
    let gz = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let inner: Box<dyn Read + Send> = if gz {
        Box::new(Members::new(raw))
    } else {
        Box::new(raw)
    };
    Ok(Stream::new(inner))
}

/// A WARC file's reader, for record-level access ([`warc::Reader::next_record`]).
pub fn open_warc(path: &Path, opts: Options) -> Result<warc::Reader, IngestError> {
    let name = path.display().to_string();
    let f = File::open(path).map_err(|e| IngestError::new(&name, e.to_string()))?;
    let s = open_stream(Box::new(f)).map_err(|e| IngestError::new(&name, e.to_string()))?;
    Ok(warc::Reader::new(name, s, opts))
}

/// Every document of a byte stream named `name` (a path or `-`), gzip or not.
pub fn read_stream(name: String, r: Box<dyn Read + Send>, opts: Options) -> DocIter {
    let mut stream = match open_stream(r) {
        Ok(s) => s,
        Err(e) => return Box::new(std::iter::once(Err(IngestError::new(name, e.to_string())))),
    };
    let head = match stream.peek(4096) {
        Ok(h) => h.to_vec(),
        Err(e) => return Box::new(std::iter::once(Err(IngestError::new(name, e.to_string())))),
    };
    let plain_name = name.strip_suffix(".gz").unwrap_or(&name).to_string();
    match sniff(&plain_name, &head) {
        Kind::Text => one(name, stream, opts, text::parse),
        Kind::Html => one(name, stream, opts, |id, b| html::parse(id, b, None)),
        Kind::Jsonl => Box::new(jsonl::Reader::new(name, stream, opts)),
        Kind::Warc => Box::new(warc::Reader::new(name, stream, opts)),
    }
}

/// A single-document file: read it whole (up to a limit), parse, clean.
fn one(
    name: String,
    mut s: Stream,
    opts: Options,
    parse: fn(String, &[u8]) -> Result<Raw, String>,
) -> DocIter {
    let res = match s.read_bytes(text::MAX_DOC_BYTES + 1) {
        Err(e) => Err(e.to_string()),
        Ok(bytes) => parse(name.clone(), &bytes),
    };
    let item = res
        .map(|raw| clean(raw, &opts))
        .map_err(|m| IngestError::new(name, m));
    Box::new(std::iter::once(item))
}
