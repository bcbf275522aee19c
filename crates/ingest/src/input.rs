//! Opening inputs: files, folders' files and stdin, gzip or not; choosing a
//! reader by extension and content.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use crate::clean::{Raw, clean};
use crate::{DocIter, IngestError, Options, html, text};

/// What kind of input a stream holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
}

/// The reader for a file named `name` whose first bytes are `head`: the
/// extension when it says, else the content.
pub fn sniff(name: &str, head: &[u8]) -> Kind {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" | "htm" | "xhtml" | "shtml" => return Kind::Html,
        "txt" | "text" => return Kind::Text,
        _ => {}
    }
    let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = &start[start.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
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

/// Every document of a byte stream named `name` (a path or `-`), gzip or not.
pub fn read_stream(name: String, r: Box<dyn Read + Send>, opts: Options) -> DocIter {
    let mut br = BufReader::with_capacity(1 << 16, r);
    let gz = match br.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return Box::new(std::iter::once(Err(IngestError::new(name, e.to_string())))),
    };
    let mut br: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(br)))
    } else {
        Box::new(br)
    };
    let inner = name.strip_suffix(".gz").unwrap_or(&name).to_string();
    let head = match br.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => return Box::new(std::iter::once(Err(IngestError::new(name, e.to_string())))),
    };
    match sniff(&inner, &head) {
        Kind::Text => one(name, br, opts, text::parse),
        Kind::Html => one(name, br, opts, |id, b| html::parse(id, b, None)),
    }
}

/// A single-document file: read it whole (up to a limit), parse, clean.
fn one(
    name: String,
    mut r: Box<dyn BufRead + Send>,
    opts: Options,
    parse: fn(String, &[u8]) -> Result<Raw, String>,
) -> DocIter {
    let mut bytes = Vec::new();
    let limit = text::MAX_DOC_BYTES as u64 + 1;
    let res = match r.by_ref().take(limit).read_to_end(&mut bytes) {
        Err(e) => Err(e.to_string()),
        Ok(_) => parse(name.clone(), &bytes),
    };
    let item = res
        .map(|raw| clean(raw, &opts))
        .map_err(|m| IngestError::new(name, m));
    Box::new(std::iter::once(item))
}
