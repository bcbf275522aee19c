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
    /// Worker threads for tagging, parsing and coding (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print documents, sentences, events and throughput to stderr.
    #[arg(long)]
    pub stats: bool,
    /// Do not look for near-duplicate articles.
    #[arg(long)]
    pub no_dedup: bool,
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
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("thread pool")?;
    }
    let start = std::time::Instant::now();
    let nlp = Nlp::new();
    let coder = load_coder(args.dict.as_ref())?;
    let opts = dyad_ingest::Options {
        default_date: args.date,
    };
    // Reading and cleaning run on their own thread, ahead of the batches that
    // the pool tags, parses and codes, so that both cores stay busy. Dedup
    // sees documents in input order, so pointers to first copies are stable.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Document, String>>(2 * BATCH);
    let paths = args.paths.clone();
    let dedup = !args.no_dedup;
    let reader = std::thread::spawn(move || {
        let mut seen = dyad_ingest::Dedup::new();
        for path in &paths {
            for item in dyad_ingest::read(path, &opts) {
                let item = item.map(|mut d| {
                    if dedup {
                        seen.check(&mut d);
                    }
                    d
                });
                if tx.send(item.map_err(|e| e.to_string())).is_err() {
                    return;
                }
            }
        }
    });
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut ok = true;
    let (mut docs, mut sentences, mut events) = (0usize, 0usize, 0usize);
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Document>, out: &mut BufWriter<_>| -> anyhow::Result<()> {
        batch.par_iter_mut().for_each(|d| process(&nlp, &coder, d));
        for d in batch.drain(..) {
            if let Some(lang) = d.language.as_deref().filter(|l| *l != "en") {
                eprintln!(
                    "{}: language {lang:?}: not coded (dyad codes English)",
                    d.id
                );
            }
            docs += 1;
            sentences += d.sentences.len();
            events += d.events.len();
            match args.format {
                Format::Jsonl => dyad_export::write_jsonl(out, &d),
                Format::Tsv => dyad_export::write_gdelt_tsv(out, &d, 1),
            }
            .context("writing output")?;
        }
        Ok(())
    };
    for item in rx {
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
    flush(&mut batch, &mut out)?;
    out.flush()?;
    reader
        .join()
        .map_err(|_| anyhow::anyhow!("the reader thread panicked"))?;
    if args.stats {
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "{docs} documents, {sentences} sentences, {events} events in {secs:.2} s: {:.0} sentences/s",
            sentences as f64 / secs
        );
    }
    Ok(ok)
}
