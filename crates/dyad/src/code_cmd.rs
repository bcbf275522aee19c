//! `dyad code`: the whole pipeline, from files to event records.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dyad_code::Coder;
use dyad_doc::Document;
use dyad_nlp::Nlp;
use rayon::prelude::*;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// One JSON object per event (docs/output.md).
    Jsonl,
    /// GDELT 2.0 event-table rows (61 tab-separated columns).
    Tsv,
}

#[derive(Args)]
pub struct CodeArgs {
    /// Files or folders to read (`-` for stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Read dictionaries from this folder instead of the built-in ones.
    #[arg(long)]
    pub dict: Option<PathBuf>,
}

/// Loads the coder from `--dict` or the embedded dictionaries.
pub fn load_coder(dict: Option<&PathBuf>) -> anyhow::Result<Coder> {
    let d = match dict {
        Some(dir) => dyad_code::Dictionaries::from_dir(dir),
        None => dyad_code::Dictionaries::embedded(),
    };
    match d {
        Ok(d) => Ok(Coder::new(d)),
        Err(errs) => {
            for e in &errs {
                eprintln!("dictionary error: {e}");
            }
            anyhow::bail!("{} dictionary error(s)", errs.len())
        }
    }
}

/// Runs NLP and coding on one document. Non-English documents are kept but
/// not coded: dyad's models and dictionaries are English.
pub fn process(nlp: &Nlp, coder: &Coder, doc: &mut Document) {
    if doc.language.as_deref().is_some_and(|l| l != "en") {
        return;
    }
    nlp.annotate(doc);
    coder.code(doc);
}

const BATCH: usize = 256;

pub fn run(args: CodeArgs) -> anyhow::Result<bool> {
    let nlp = Nlp::new();
    let coder = load_coder(args.dict.as_ref())?;
    let opts = dyad_ingest::Options {
        default_date: args.date,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut ok = true;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Document>, out: &mut BufWriter<_>| -> anyhow::Result<()> {
        batch.par_iter_mut().for_each(|d| process(&nlp, &coder, d));
        for d in batch.drain(..) {
            if d.language.as_deref().is_some_and(|l| l != "en") {
                eprintln!(
                    "{}: language {:?}: not coded (dyad codes English)",
                    d.id,
                    d.language.as_deref().unwrap()
                );
            }
            match args.format {
                Format::Jsonl => dyad_export::write_jsonl(out, &d),
                Format::Tsv => dyad_export::write_gdelt_tsv(out, &d, 1),
            }
            .context("writing output")?;
        }
        Ok(())
    };
    for path in &args.paths {
        for item in dyad_ingest::read(path, &opts) {
            match item {
                Ok(doc) => {
                    batch.push(doc);
                    if batch.len() == BATCH {
                        flush(&mut batch, &mut out)?;
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ok = false;
                }
            }
        }
    }
    flush(&mut batch, &mut out)?;
    out.flush()?;
    Ok(ok)
}
