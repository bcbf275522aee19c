//! The `dyad` command line.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "dyad", version, about = "News in, political event data out.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {}
}
