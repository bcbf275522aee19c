//! Ingest: turns files on disk (or stdin) into cleaned [`Document`]s.

use std::path::Path;

use chrono::NaiveDate;
use dyad_doc::Document;

/// A problem with one input document or record. The message names the file
/// and, where there is one, the record (line number or WARC offset).
#[derive(Debug, thiserror::Error)]
#[error("{location}: {message}")]
pub struct IngestError {
    /// `path`, `path:line N` or `path@offset N`.
    pub location: String,
    pub message: String,
}

/// How to read.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Publication date to assume when the input carries none (`dyad code --date`).
    pub default_date: Option<NaiveDate>,
}

/// Every document in `path` (a file, a folder, or `-` for stdin), cleaned.
/// A bad record yields an `Err` and reading goes on with the next one.
pub fn read(
    _path: &Path,
    _opts: &Options,
) -> Box<dyn Iterator<Item = Result<Document, IngestError>> + Send> {
    todo!("readers")
}
