//! The `dyad` command line.

mod clean_cmd;
mod code_cmd;
mod dict_cmd;
mod eval_cmd;
mod explain_cmd;
mod nlp_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "dyad", version, about = "News in, political event data out.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and print the events they report (JSONL or GDELT TSV).
    Code(code_cmd::CodeArgs),
    /// Work with the actor and event dictionaries.
    Dict(dict_cmd::DictArgs),
    /// Score coded events against a gold set (dyad JSONL, PLOVER GSR, PETRARCH XML).
    Eval(eval_cmd::EvalArgs),
    /// Show tokens, tags, tree, actors, events, and why candidates were dropped.
    Explain(explain_cmd::ExplainArgs),
    /// Show what ingest keeps of each article and what it drops, with reasons.
    Clean(clean_cmd::CleanArgs),
    /// Score cleaning on labelled pages: precision and recall of body lines.
    EvalClean(clean_cmd::EvalCleanArgs),
    /// Train an NLP model (tagger, lemmatizer, parser) on a CoNLL-U treebank.
    Train(nlp_cmd::TrainArgs),
    /// Tokenize, tag and parse text; print CoNLL-U.
    Parse(nlp_cmd::ParseArgs),
    /// Score tagging, lemmas and parsing against a CoNLL-U gold file.
    EvalParse(nlp_cmd::EvalParseArgs),
    /// Measure tagging and parsing throughput on one core.
    BenchParse(nlp_cmd::BenchParseArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code_cmd::run(args),
        Command::Dict(args) => dict_cmd::run(args),
        Command::Eval(args) => eval_cmd::run(args),
        Command::Explain(args) => explain_cmd::run(args),
        Command::Clean(args) => clean_cmd::run(args),
        Command::EvalClean(args) => clean_cmd::eval(args),
        Command::Train(args) => nlp_cmd::train(args),
        Command::Parse(args) => nlp_cmd::parse(args),
        Command::EvalParse(args) => nlp_cmd::eval_parse(args),
        Command::BenchParse(args) => nlp_cmd::bench_parse(args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
