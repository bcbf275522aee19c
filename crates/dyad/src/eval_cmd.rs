//! `dyad eval --gold FILE`: codes a gold set's texts and scores the events.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use dyad_doc::Document;
use dyad_eval::{Format, Predicted};
use rayon::prelude::*;

use crate::code_cmd::{load_coder, process};

#[derive(Args)]
pub struct EvalArgs {
    /// Gold file: dyad JSONL, PLOVER GSR JSON, or PETRARCH validation XML.
    #[arg(long)]
    pub gold: PathBuf,
    /// How many misses and spurious events to list.
    #[arg(long, default_value_t = 20)]
    pub show: usize,
    /// Exit with status 1 when level-1 F1 is below this.
    #[arg(long)]
    pub min_f1: Option<f64>,
    /// Read dictionaries from this folder instead of the built-in ones.
    #[arg(long)]
    pub dict: Option<PathBuf>,
}

fn to_document(g: &dyad_eval::GoldDoc) -> Document {
    if g.article {
        let raw = dyad_ingest::Raw {
            id: g.id.clone(),
            pub_date: g.pub_date,
            body: g.text.clone(),
            title_in_body: true,
            ..Default::default()
        };
        dyad_ingest::clean(
            raw,
            &dyad_ingest::Options {
                default_date: g.pub_date,
            },
        )
    } else {
        let mut d = Document::new(g.id.clone(), g.text.clone());
        d.pub_date = g.pub_date;
        d
    }
}

pub fn run(args: EvalArgs) -> anyhow::Result<bool> {
    let (format, docs) = dyad_eval::load(&args.gold).map_err(anyhow::Error::msg)?;
    let nlp = dyad_nlp::Nlp::new();
    let coder = load_coder(args.dict.as_ref())?;
    let start = Instant::now();
    let preds: Vec<Vec<Predicted>> = docs
        .par_iter()
        .map(|g| {
            let mut d = to_document(g);
            // Gold sentences are English by construction; a short sentence
            // can fool language identification.
            if !g.article {
                d.language = None;
            }
            process(&nlp, &coder, &mut d);
            d.events
                .iter()
                .map(|e| Predicted {
                    sentence: d.slice(d.sentences[e.sentence_index].span).to_string(),
                    source: e.source.code.clone(),
                    target: e.target.as_ref().map(|t| t.code.clone()),
                    cameo: e.cameo.clone(),
                })
                .collect()
        })
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let report = dyad_eval::score(format, &docs, &preds);
    let class_name = if format == Format::PloverGsr {
        "PLOVER type"
    } else {
        "CAMEO root"
    };
    println!(
        "gold {} ({:?}): {} documents, {} gold events, {} predicted, {:.1} documents/s",
        args.gold.display(),
        format,
        docs.len(),
        docs.iter().map(|d| d.events.len()).sum::<usize>(),
        preds.iter().map(Vec::len).sum::<usize>(),
        docs.len() as f64 / secs
    );
    print!("{}", report.render(class_name, args.show));
    if let Some(min) = args.min_f1 {
        let f1 = report.level1.f1();
        if f1 < min {
            println!("FAIL: level-1 F1 {f1:.3} is below the required {min:.3}");
            return Ok(false);
        }
        println!("ok: level-1 F1 {f1:.3} >= {min:.3}");
    }
    Ok(true)
}
