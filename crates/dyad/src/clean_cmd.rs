//! `dyad clean`: shows what ingest keeps and what it drops, and why;
//! `dyad eval-clean`: scores cleaning on a labelled corpus.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use dyad_doc::Document;

#[derive(Args)]
pub struct CleanArgs {
    /// Files or folders to read (`-` for stdin): text, HTML, JSONL, WARC, gzip or not.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print only the kept text: title, then body.
    #[arg(long, conflicts_with = "json")]
    pub text: bool,
    /// Print one JSON object per document.
    #[arg(long)]
    pub json: bool,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Do not mark syndicated copies (`duplicate_of`).
    #[arg(long)]
    pub no_dedup: bool,
}

#[derive(Args)]
pub struct EvalCleanArgs {
    /// Folder of pages (`NAME.html`, `NAME.txt`) each with its labelled `NAME.body`.
    pub dir: PathBuf,
    /// List the lines wrongly kept and wrongly dropped, per page.
    #[arg(long)]
    pub verbose: bool,
}

/// Prints every document; false when any input had an error.
pub fn run(args: CleanArgs) -> anyhow::Result<bool> {
    let opts = dyad_ingest::Options {
        default_date: args.date,
    };
    let mut dedup = dyad_ingest::Dedup::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut ok = true;
    for path in &args.files {
        for item in dyad_ingest::read(path, &opts) {
            let mut doc = match item {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("{e}");
                    ok = false;
                    continue;
                }
            };
            if !args.no_dedup {
                dedup.check(&mut doc);
            }
            if args.json {
                serde_json::to_writer(&mut out, &json(&doc))?;
                writeln!(out)?;
            } else if args.text {
                if let Some(t) = &doc.title {
                    writeln!(out, "{t}\n")?;
                }
                writeln!(out, "{}\n", doc.text)?;
            } else {
                human(&mut out, &doc)?;
            }
        }
    }
    out.flush()?;
    Ok(ok)
}

fn json(d: &Document) -> serde_json::Value {
    serde_json::json!({
        "id": d.id,
        "url": d.url,
        "source": d.source,
        "pub_date": d.pub_date,
        "title": d.title,
        "author": d.author,
        "site_name": d.site_name,
        "language": d.language,
        "dateline": d.dateline,
        "duplicate_of": d.duplicate_of,
        "text": d.text,
        "dropped": d.dropped,
    })
}

fn human(out: &mut impl Write, d: &Document) -> std::io::Result<()> {
    writeln!(out, "=== {}", d.id)?;
    let meta = [
        ("url", d.url.clone()),
        ("title", d.title.clone()),
        ("source", d.source.clone()),
        ("date", d.pub_date.map(|x| x.to_string())),
        ("author", d.author.clone()),
        ("site", d.site_name.clone()),
        ("language", d.language.clone()),
        ("dateline", d.dateline.as_ref().map(|x| x.raw.clone())),
        ("duplicate of", d.duplicate_of.clone()),
    ];
    for (k, v) in meta {
        if let Some(v) = v {
            writeln!(out, "{k}: {v}")?;
        }
    }
    writeln!(out, "--- kept")?;
    writeln!(out, "{}", d.text)?;
    if !d.dropped.is_empty() {
        writeln!(out, "--- dropped")?;
        for l in &d.dropped {
            writeln!(out, "[{}] {}", l.reason, l.text)?;
        }
    }
    writeln!(out)
}

/// Prints body-line precision and recall; false when a page could not be read.
pub fn eval(args: EvalCleanArgs) -> anyhow::Result<bool> {
    let r = dyad_ingest::evaluate::evaluate(&args.dir, &dyad_ingest::Options::default());
    if r.documents == 0 {
        anyhow::bail!(
            "no labelled pages (NAME.html or NAME.txt with NAME.body) in {}",
            args.dir.display()
        );
    }
    if args.verbose {
        for (page, extra, missed) in &r.misses {
            println!("{page}");
            for l in extra {
                println!("  + {l}");
            }
            for l in missed {
                println!("  - {l}");
            }
        }
    }
    for e in &r.errors {
        eprintln!("{e}");
    }
    println!(
        "pages {} errors {} body lines: precision {:.3} recall {:.3} (tp {} fp {} fn {}) titles {}/{}",
        r.documents,
        r.errors.len(),
        r.precision(),
        r.recall(),
        r.true_pos,
        r.false_pos,
        r.false_neg,
        r.titles_right,
        r.titles
    );
    Ok(r.errors.is_empty())
}
