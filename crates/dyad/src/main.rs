//! The `dyad` command line.

mod code_cmd;
mod dict_cmd;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code_cmd::run(args),
        Command::Dict(args) => dict_cmd::run(args),
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
