//! Precision, recall and F1 of predicted events against gold, at two levels.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::gold::{Format, GoldDoc, GoldEvent};

/// One event as coded by dyad, reduced to what is scored.
#[derive(Clone, Debug)]
pub struct Predicted {
    pub sentence: String,
    pub source: String,
    pub target: Option<String>,
    pub cameo: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[derive(Debug, Default)]
pub struct Report {
    /// Event class (CAMEO root or PLOVER type) with source and target country.
    pub level1: Counts,
    /// Full code (or PLOVER type) with full actor codes.
    pub level2: Counts,
    /// Level-1 counts per CAMEO root or PLOVER type.
    pub per_class: BTreeMap<String, Counts>,
    pub misses: Vec<String>,
    pub spurious: Vec<String>,
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['“', '”'], "\"")
        .replace('’', "'")
}

/// The country part of an actor code: its first three letters (`RUS` of
/// `RUSGOV`), or six for international bodies (`IGOUNO` of `IGOUNOIAE`), so
/// that two different organisations never count as one.
fn country(code: &str) -> &str {
    let n = if code.starts_with("IGO") || code.starts_with("NGO") {
        6
    } else {
        3
    };
    &code[..code.len().min(n)]
}

fn class(format: Format, cameo: &str) -> String {
    match format {
        Format::PloverGsr => crate::plover_type(cameo).unwrap_or("-").to_string(),
        _ => cameo[..2.min(cameo.len())].to_string(),
    }
}

fn gold_classes(format: Format, g: &GoldEvent) -> Vec<String> {
    match format {
        Format::PloverGsr => g.plover.iter().cloned().collect(),
        _ => g
            .code
            .iter()
            .chain(&g.alt_codes)
            .map(|c| c[..2.min(c.len())].to_string())
            .collect(),
    }
}

fn gold_codes(format: Format, g: &GoldEvent) -> Vec<String> {
    match format {
        Format::PloverGsr => g.plover.iter().cloned().collect(),
        _ => g.code.iter().chain(&g.alt_codes).cloned().collect(),
    }
}

fn same_sentence(g: &GoldEvent, p: &Predicted) -> bool {
    match &g.sentence {
        None => true,
        Some(s) => {
            let (a, b) = (norm(s), norm(&p.sentence));
            a == b || a.contains(&b) || b.contains(&a)
        }
    }
}

/// Whether predicted `p` matches gold `g` at `level`. A gold event with no
/// target matches only a predicted event with none.
fn matches(format: Format, level: u8, g: &GoldEvent, p: &Predicted) -> bool {
    if !same_sentence(g, p) {
        return false;
    }
    let (code_ok, src_ok, tgt_ok) = if level == 1 {
        let cls = class(format, &p.cameo);
        (
            gold_classes(format, g).contains(&cls),
            country(&g.source) == country(&p.source),
            g.target.as_deref().is_none_or(|t| {
                p.target
                    .as_deref()
                    .is_some_and(|pt| country(t) == country(pt))
            }),
        )
    } else {
        let code = if format == Format::PloverGsr {
            class(format, &p.cameo)
        } else {
            p.cameo.clone()
        };
        (
            gold_codes(format, g).contains(&code),
            g.source == p.source,
            g.target
                .as_deref()
                .is_none_or(|t| p.target.as_deref() == Some(t)),
        )
    };
    code_ok && src_ok && tgt_ok
}

fn describe_gold(doc: &GoldDoc, g: &GoldEvent) -> String {
    let code = g
        .code
        .clone()
        .or_else(|| g.plover.clone())
        .unwrap_or_default();
    let sent = g.sentence.as_deref().unwrap_or(&doc.text);
    format!(
        "{}: {} {} {} | {}",
        doc.id,
        g.source,
        code,
        g.target.as_deref().unwrap_or("-"),
        sent
    )
}

fn describe_pred(doc: &GoldDoc, p: &Predicted) -> String {
    format!(
        "{}: {} {} {} | {}",
        doc.id,
        p.source,
        p.cameo,
        p.target.as_deref().unwrap_or("-"),
        p.sentence
    )
}

/// One-to-one greedy matching of a document's events at one level; returns
/// (matched gold flags, matched predicted flags).
fn align(
    format: Format,
    level: u8,
    gold: &[GoldEvent],
    pred: &[Predicted],
) -> (Vec<bool>, Vec<bool>) {
    let mut g_used = vec![false; gold.len()];
    let mut p_used = vec![false; pred.len()];
    // Required events first, so that optional ones never take their match.
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by_key(|&i| gold[i].optional);
    for gi in order {
        if let Some(pi) =
            (0..pred.len()).find(|&pi| !p_used[pi] && matches(format, level, &gold[gi], &pred[pi]))
        {
            g_used[gi] = true;
            p_used[pi] = true;
        }
    }
    (g_used, p_used)
}

/// Scores predictions (one list per gold document, in order).
pub fn score(format: Format, docs: &[GoldDoc], preds: &[Vec<Predicted>]) -> Report {
    let mut r = Report::default();
    for (doc, pred) in docs.iter().zip(preds) {
        for level in [1u8, 2] {
            let (g_used, p_used) = align(format, level, &doc.events, pred);
            let c = if level == 1 {
                &mut r.level1
            } else {
                &mut r.level2
            };
            for (g, used) in doc.events.iter().zip(&g_used) {
                match (used, g.optional) {
                    (true, _) => c.tp += 1,
                    (false, false) => c.fn_ += 1,
                    (false, true) => {}
                }
            }
            c.fp += p_used.iter().filter(|u| !**u).count();
            if level == 1 {
                for (g, used) in doc.events.iter().zip(&g_used) {
                    let cls = gold_classes(format, g)
                        .into_iter()
                        .next()
                        .unwrap_or_default();
                    let e = r.per_class.entry(cls).or_default();
                    if *used {
                        e.tp += 1;
                    } else if !g.optional {
                        e.fn_ += 1;
                        r.misses.push(describe_gold(doc, g));
                    }
                }
                for (p, used) in pred.iter().zip(&p_used) {
                    if !used {
                        r.per_class.entry(class(format, &p.cameo)).or_default().fp += 1;
                        r.spurious.push(describe_pred(doc, p));
                    }
                }
            }
        }
    }
    r
}

impl Report {
    /// The summary table printed by `dyad eval`.
    pub fn render(&self, class_name: &str, show: usize) -> String {
        let mut s = String::new();
        let line = |s: &mut String, name: &str, c: &Counts| {
            let _ = writeln!(
                s,
                "{name:<34} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        };
        line(&mut s, &format!("{class_name} + countries"), &self.level1);
        line(&mut s, "full code + full actors", &self.level2);
        let _ = writeln!(s, "\nper {class_name} (level 1):");
        for (k, c) in &self.per_class {
            line(&mut s, &format!("  {k}"), c);
        }
        let _ = writeln!(s, "\nmisses ({}):", self.misses.len());
        for m in self.misses.iter().take(show) {
            let _ = writeln!(s, "  - {m}");
        }
        let _ = writeln!(s, "\nspurious ({}):", self.spurious.len());
        for m in self.spurious.iter().take(show) {
            let _ = writeln!(s, "  + {m}");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(code: &str, src: &str, tgt: Option<&str>) -> GoldEvent {
        GoldEvent {
            source: src.into(),
            target: tgt.map(Into::into),
            code: Some(code.into()),
            ..Default::default()
        }
    }

    fn pred(code: &str, src: &str, tgt: Option<&str>) -> Predicted {
        Predicted {
            sentence: "s".into(),
            source: src.into(),
            target: tgt.map(Into::into),
            cameo: code.into(),
        }
    }

    #[test]
    fn two_levels_and_counts() {
        let docs = vec![GoldDoc {
            id: "d".into(),
            text: "s".into(),
            events: vec![
                gold("042", "USAGOV", Some("CHN")),
                gold("173", "GUYJUD", Some("BRA")),
            ],
            ..Default::default()
        }];
        let preds = vec![vec![
            pred("043", "USA", Some("CHNGOV")),
            pred("190", "RUS", None),
        ]];
        let r = score(Format::Petrarch, &docs, &preds);
        // Root 04 and countries match; the full code and actors do not.
        assert_eq!(
            r.level1,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            r.level2,
            Counts {
                tp: 0,
                fp: 2,
                fn_: 2
            }
        );
        assert!((r.level1.f1() - 0.5).abs() < 1e-9);
        assert_eq!(r.misses.len(), 1);
    }

    #[test]
    fn optional_events_are_not_missed() {
        let mut g = gold("190", "AZE", Some("ARM"));
        g.optional = true;
        let docs = vec![GoldDoc {
            id: "d".into(),
            text: "s".into(),
            events: vec![g],
            ..Default::default()
        }];
        let r = score(Format::Dyad, &docs, &[vec![]]);
        assert_eq!(r.level1, Counts::default());
    }
}
