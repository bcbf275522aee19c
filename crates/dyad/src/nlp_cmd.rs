//! `dyad train`, `dyad parse`, `dyad eval-parse` and `dyad bench-parse`:
//! training, running and measuring the NLP models of dyad-nlp.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use dyad_doc::Document;
use dyad_nlp::{Lemmatizer, Nlp, Parser, Tagger, conllu, eval, parser, tagger};

#[derive(Args)]
pub struct TrainArgs {
    #[command(subcommand)]
    pub what: TrainWhat,
}

#[derive(Subcommand)]
pub enum TrainWhat {
    /// Train the part-of-speech tagger (UPOS and PTB XPOS).
    Tagger(TrainCommon),
    /// Train the lemmatizer (exceptions and suffix rules from the lemma column).
    Lemmatizer(TrainCommon),
    /// Train the dependency parser on jackknifed predicted tags.
    Parser(TrainParserArgs),
}

#[derive(Args)]
pub struct TrainCommon {
    /// Training treebank (CoNLL-U), e.g. en_ewt-ud-train.conllu.
    #[arg(long)]
    pub train: PathBuf,
    /// Development treebank (CoNLL-U) for choosing the best epoch.
    #[arg(long)]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Training epochs (default: 12 for the tagger; unused by the lemmatizer).
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Random seed (shuffling, exploration); fixed by default (tagger 7,
    /// parser 11) so that models are reproducible.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Drop quantized weights below this magnitude (smaller model); the
    /// committed tagger uses 256, the parser 384.
    #[arg(long, default_value_t = 256)]
    pub prune: i16,
}

#[derive(Args)]
pub struct TrainParserArgs {
    #[command(flatten)]
    pub common: TrainCommon,
    /// Tagger model used to tag the dev set (default: the embedded one).
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Beam width (1 = greedy with a dynamic oracle).
    #[arg(long, default_value_t = 8)]
    pub beam: usize,
    /// Folds for jackknifing the training tags.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
}

#[derive(Args)]
pub struct ParseArgs {
    /// Text to parse, or a file holding it; stdin when absent.
    pub input: Option<String>,
    /// Folder with tagger.bin, parser.bin, lemmatizer.bin (default: embedded models).
    #[arg(long)]
    pub models: Option<PathBuf>,
}

#[derive(Args)]
pub struct EvalParseArgs {
    /// Gold treebank (CoNLL-U), e.g. en_ewt-ud-test.conllu.
    #[arg(long)]
    pub gold: PathBuf,
    /// Folder with tagger.bin, parser.bin, lemmatizer.bin (default: embedded models).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Beam width of the parser (default: the model's own).
    #[arg(long)]
    pub beam: Option<usize>,
}

#[derive(Args)]
pub struct BenchParseArgs {
    /// Treebank (CoNLL-U) whose sentences are tagged and parsed.
    #[arg(long)]
    pub gold: PathBuf,
    /// Passes over the data.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Folder with tagger.bin, parser.bin, lemmatizer.bin (default: embedded models).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Beam width of the parser (default: the model's own).
    #[arg(long)]
    pub beam: Option<usize>,
}

fn load_nlp(models: Option<&Path>, beam: Option<usize>) -> anyhow::Result<Nlp> {
    let mut nlp = match models {
        None => Nlp::new(),
        Some(dir) => {
            let read = |f: &str| {
                std::fs::read(dir.join(f))
                    .with_context(|| format!("reading {}", dir.join(f).display()))
            };
            Nlp::from_bytes(
                &read("tagger.bin")?,
                &read("parser.bin")?,
                &read("lemmatizer.bin")?,
            )
            .map_err(anyhow::Error::msg)?
        }
    };
    if let Some(b) = beam {
        nlp.parser.beam = b.max(1);
    }
    Ok(nlp)
}

fn read_treebank(path: &Path) -> anyhow::Result<Vec<conllu::Sentence>> {
    let s = conllu::read_file(path).map_err(anyhow::Error::msg)?;
    if s.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    Ok(s)
}

pub fn train(args: TrainArgs) -> anyhow::Result<bool> {
    let t0 = Instant::now();
    let mut log = |s: &str| println!("{s}  [{:.0}s]", t0.elapsed().as_secs_f64());
    let bytes = match args.what {
        TrainWhat::Tagger(c) => {
            let (tr, dev) = (read_treebank(&c.train)?, read_treebank(&c.dev)?);
            let mut opts = tagger::TrainOptions {
                epochs: c.epochs.unwrap_or(12),
                ..Default::default()
            };
            opts.seed = c.seed.unwrap_or(opts.seed);
            let t = tagger::train(&tr, &dev, &opts, &mut log).pruned(c.prune);
            let (u, x) = t.evaluate(&dev);
            log(&format!(
                "final dev UPOS {:.2}%  XPOS {:.2}%",
                100.0 * u,
                100.0 * x
            ));
            write_model(&c.out, t.to_bytes())?
        }
        TrainWhat::Lemmatizer(c) => {
            let (tr, dev) = (read_treebank(&c.train)?, read_treebank(&c.dev)?);
            let l = Lemmatizer::train(&tr);
            log(&format!(
                "dev lemma accuracy (gold tags) {:.2}%",
                100.0 * l.evaluate(&dev)
            ));
            write_model(&c.out, l.to_bytes())?
        }
        TrainWhat::Parser(p) => {
            let c = &p.common;
            let (tr, dev) = (read_treebank(&c.train)?, read_treebank(&c.dev)?);
            let tg = match &p.tagger {
                Some(f) => Tagger::from_bytes(&std::fs::read(f)?).map_err(anyhow::Error::msg)?,
                None => Nlp::new().tagger,
            };
            let topts = tagger::TrainOptions {
                epochs: 6,
                stack_folds: 0,
                ..Default::default()
            };
            let tr = tagger::jackknife(&tr, p.folds.max(2), &topts, &mut log);
            let dev = tagger::retag(&tg, &dev);
            let mut opts = parser::TrainOptions {
                epochs: c.epochs.unwrap_or(12),
                beam: p.beam.max(1),
                ..Default::default()
            };
            opts.seed = c.seed.unwrap_or(opts.seed);
            let parser = parser::train(&tr, &dev, &opts, &mut log).pruned(c.prune);
            let (u, l) = parser.evaluate(&dev);
            log(&format!(
                "final dev UAS {:.2}%  LAS {:.2}%",
                100.0 * u,
                100.0 * l
            ));
            write_model(&c.out, parser.to_bytes())?
        }
    };
    log(&format!("wrote {bytes} bytes"));
    Ok(true)
}

fn write_model(path: &Path, bytes: Vec<u8>) -> anyhow::Result<usize> {
    std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(bytes.len())
}

pub fn parse(args: ParseArgs) -> anyhow::Result<bool> {
    let text = match &args.input {
        Some(s) if Path::new(s).is_file() => std::fs::read_to_string(s)?,
        Some(s) => s.clone(),
        None => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            s
        }
    };
    let nlp = load_nlp(args.models.as_deref(), None)?;
    let mut doc = Document::new("", text);
    nlp.annotate(&mut doc);
    print!("{}", conllu::write_document(&doc));
    Ok(true)
}

pub fn eval_parse(args: EvalParseArgs) -> anyhow::Result<bool> {
    let gold = read_treebank(&args.gold)?;
    let nlp = load_nlp(args.models.as_deref(), args.beam)?;
    let g = eval::gold_tokens(&nlp, &gold);
    println!(
        "{} ({} words, parser beam {})",
        args.gold.display(),
        g.words,
        nlp.parser.beam
    );
    println!("gold tokenization:");
    println!("  UPOS   {:6.2}", 100.0 * g.upos);
    println!("  XPOS   {:6.2}", 100.0 * g.xpos);
    println!("  Lemma  {:6.2}", 100.0 * g.lemma);
    println!("  UAS    {:6.2}", 100.0 * g.uas);
    println!("  LAS    {:6.2}", 100.0 * g.las);
    println!("  tag+lemma+parse {:.0} tokens/s", g.tokens_per_sec);
    let r = eval::raw_text(&nlp, &gold);
    println!("raw text (F1 over aligned tokens; precision / recall / F1):");
    for (name, s) in [
        ("Tokens", r.tokens),
        ("Sentences", r.sentences),
        ("UPOS", r.upos),
        ("UAS", r.uas),
        ("LAS", r.las),
    ] {
        println!(
            "  {name:<9} {:6.2} {:6.2} {:6.2}",
            100.0 * s.precision,
            100.0 * s.recall,
            100.0 * s.f1
        );
    }
    println!("  full pipeline {:.0} tokens/s", r.tokens_per_sec);
    Ok(true)
}

pub fn bench_parse(args: BenchParseArgs) -> anyhow::Result<bool> {
    let gold = read_treebank(&args.gold)?;
    let nlp = load_nlp(args.models.as_deref(), args.beam)?;
    let sents: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let words: usize = sents.iter().map(|s| s.len()).sum();
    let tagger = &nlp.tagger;
    let parser: &Parser = &nlp.parser;
    let mut best_tag = f64::MAX;
    let mut best_both = f64::MAX;
    let mut checksum = 0usize;
    for _ in 0..args.repeat.max(1) {
        let t0 = Instant::now();
        for s in &sents {
            checksum += tagger.tag(s).len();
        }
        best_tag = best_tag.min(t0.elapsed().as_secs_f64());
        let t0 = Instant::now();
        for s in &sents {
            let classes = tagger.tag(s);
            let keys: Vec<String> = classes
                .iter()
                .map(|&c| parser::tag_key(tagger.upos(c), tagger.xpos(c)))
                .collect();
            let keys: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
            checksum += parser.parse(s, &keys).heads.len();
        }
        best_both = best_both.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "{} sentences, {words} words, one thread, beam {} (best of {}; checksum {checksum})",
        sents.len(),
        parser.beam,
        args.repeat.max(1)
    );
    println!("  tag        {:>9.0} tokens/s", words as f64 / best_tag);
    println!("  tag+parse  {:>9.0} tokens/s", words as f64 / best_both);
    Ok(true)
}
