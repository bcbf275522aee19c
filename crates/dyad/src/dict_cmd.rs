//! `dyad dict check`: validates the dictionaries and prints their sizes.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Args)]
pub struct DictArgs {
    #[command(subcommand)]
    pub action: DictAction,
}

#[derive(Subcommand)]
pub enum DictAction {
    /// Check syntax, duplicates, overlapping office terms and unknown codes.
    Check {
        /// Dictionary folder (default: the dictionaries built into dyad).
        #[arg(long)]
        dict: Option<PathBuf>,
    },
}

pub fn run(args: DictArgs) -> anyhow::Result<bool> {
    let DictAction::Check { dict } = args.action;
    let loaded = match &dict {
        Some(dir) => dyad_code::Dictionaries::from_dir(dir),
        None => dyad_code::Dictionaries::embedded(),
    };
    let d = match loaded {
        Ok(d) => d,
        Err(errs) => {
            for e in &errs {
                println!("error: {e}");
            }
            println!("{} syntax error(s)", errs.len());
            return Ok(false);
        }
    };
    let offices: usize = d.people.iter().map(|p| p.offices.len()).sum();
    let nouns: usize = d.roles.iter().map(|r| r.nouns.len()).sum();
    println!(
        "countries {} | regions {} | areas {} | roles {} ({} agent nouns) | organizations {} | people {} ({} offices) | patterns {}",
        d.countries.len(),
        d.regions.len(),
        d.areas.len(),
        d.roles.len(),
        nouns,
        d.orgs.len(),
        d.people.len(),
        offices,
        d.verbs.len()
    );
    let problems = dyad_code::dict::check(&d);
    for p in &problems {
        println!("problem: {p}");
    }
    println!("{} problem(s)", problems.len());
    Ok(problems.is_empty())
}
