//! `dyad explain TEXT`: everything the coder saw and decided for a text, so a
//! dictionary maintainer can tell why an event was, or was not, produced.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use dyad_doc::Document;

use crate::code_cmd::load_coder;

#[derive(Args)]
pub struct ExplainArgs {
    /// The text to explain (a sentence or a whole article).
    pub text: String,
    /// Publication date (YYYY-MM-DD): resolves relative dates and picks office holders.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Read dictionaries from this folder instead of the built-in ones.
    #[arg(long)]
    pub dict: Option<PathBuf>,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<bool> {
    let nlp = dyad_nlp::Nlp::new();
    let coder = load_coder(args.dict.as_ref())?;
    let mut doc = Document::new("explain", args.text);
    doc.pub_date = args.date;
    nlp.annotate(&mut doc);
    let trace = coder.code_traced(&mut doc);
    print!("{}", render(&doc, &trace));
    Ok(true)
}

/// The report, one section per sentence.
pub fn render(doc: &Document, trace: &dyad_code::Trace) -> String {
    let mut s = String::new();
    for (si, sent) in doc.sentences.iter().enumerate() {
        let _ = writeln!(s, "sentence {si}: {}", doc.slice(sent.span));
        let _ = writeln!(s, "  tokens:");
        for (i, t) in doc.sentence_tokens(si).iter().enumerate() {
            let head = t.head.map_or("0".to_string(), |h| (h + 1).to_string());
            let _ = writeln!(
                s,
                "    {:>3} {:<18} {:<14} {:<6} {:<5} {:>3} {}",
                i + 1,
                t.form,
                t.lemma,
                t.upos,
                t.xpos,
                head,
                t.deprel
            );
        }
        let _ = writeln!(s, "  actors:");
        for p in trace.phrases.iter().filter(|p| p.sentence == si) {
            let codes: Vec<&str> = p.actors.iter().map(|a| a.code.as_str()).collect();
            let note = if p.modifier { " (modifier only)" } else { "" };
            let coord = p
                .coord
                .map(|c| format!(" [coordination {c}]"))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "    {:?} -> {}{coord}{note}  via {}",
                doc.slice(p.span),
                codes.join("+"),
                p.via
            );
        }
        let _ = writeln!(s, "  events:");
        for e in doc.events.iter().filter(|e| e.sentence_index == si) {
            let tgt = e.target.as_ref().map_or("-", |t| t.code.as_str());
            let _ = writeln!(
                s,
                "    {} {} {}  date {} ({:?}){}  trigger {:?}  pattern {}{}{}",
                e.source.code,
                e.cameo,
                tgt,
                e.event_date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                e.date_precision,
                if e.background { " background" } else { "" },
                e.trigger.text,
                e.trigger.pattern,
                e.attribution
                    .as_ref()
                    .map(|a| format!("  attributed to {a:?}"))
                    .unwrap_or_default(),
                e.location
                    .as_ref()
                    .map(|l| format!(
                        "  at {} ({}, {:.3}, {:.3})",
                        l.name,
                        l.country.as_deref().unwrap_or("?"),
                        l.lat.unwrap_or(0.0),
                        l.lon.unwrap_or(0.0)
                    ))
                    .unwrap_or_default()
            );
        }
        let drops: Vec<_> = trace.dropped.iter().filter(|d| d.sentence == si).collect();
        if !drops.is_empty() {
            let _ = writeln!(s, "  dropped:");
            for d in drops {
                let _ = writeln!(s, "    {:?} {}: {}", d.trigger, d.pattern, d.reason);
            }
        }
        s.push('\n');
    }
    s
}
