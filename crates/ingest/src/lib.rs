//! Ingest: turns files on disk (or stdin) into cleaned [`Document`]s.
//!
//! Readers ([`text`], [`html`], [`jsonl`], [`warc`]) turn bytes into [`Raw`]
//! documents; [`clean`] removes page furniture line by line, finds the title,
//! the dateline and the language; [`dedup`] flags syndicated copies.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dyad_doc::Document;

pub mod clean;
pub mod dateline;
pub mod dedup;
pub mod evaluate;
pub mod extract;
pub mod html;
pub mod input;
pub mod jsonl;
pub mod lang;
pub mod rules;
pub mod stream;
pub mod text;
pub mod warc;

pub use clean::{Raw, clean};
pub use dedup::Dedup;

/// A problem with one input document or record. The message names the file
/// and, where there is one, the record (line number or WARC offset).
#[derive(Debug, thiserror::Error)]
#[error("{location}: {message}")]
pub struct IngestError {
    /// `path`, `path:line N` or `path@offset N`.
    pub location: String,
    pub message: String,
}

impl IngestError {
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        IngestError {
            location: location.into(),
            message: message.into(),
        }
    }
}

/// How to read.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Publication date to assume when the input carries none (`dyad code --date`).
    pub default_date: Option<NaiveDate>,
}

/// What one reader yields.
pub type DocIter = Box<dyn Iterator<Item = Result<Document, IngestError>> + Send>;

/// Every document in `path` (a file, a folder, or `-` for stdin), cleaned.
/// A bad record yields an `Err` and reading goes on with the next one.
pub fn read(path: &Path, opts: &Options) -> DocIter {
    if path.as_os_str() == "-" {
        return input::read_stdin(opts.clone());
    }
    if path.is_dir() {
        let opts = opts.clone();
        return match walk(path) {
            Ok(files) => Box::new(
                files
                    .into_iter()
                    .flat_map(move |f| input::read_file(&f, opts.clone())),
            ),
            Err(e) => Box::new(std::iter::once(Err(e))),
        };
    }
    input::read_file(path, opts.clone())
}

/// Every file under `dir`, recursively, in sorted order so runs are repeatable.
/// Hidden files and folders (`.git`, editor droppings) are skipped.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, IngestError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d)
            .map_err(|e| IngestError::new(d.display().to_string(), e.to_string()))?;
        let mut names: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                !p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            })
            .collect();
        names.sort();
        for p in names {
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}
