//! Evaluation of coded events against gold sets.
//!
//! Reads three gold formats into one model ([`gold`]) and scores predicted
//! events at two levels ([`score`]): event class (CAMEO root or PLOVER type)
//! with source and target country, and full code with full actor codes.

pub mod gold;
pub mod score;

pub use gold::{Format, GoldDoc, GoldEvent, load};
pub use score::{Predicted, Report, score};

/// PLOVER event type of a CAMEO code. The official crosswalk leaves CAMEO 02
/// (APPEAL) without a type; PLOVER's REQUEST ("all requests, demands, and
/// orders") covers appeals, so dyad maps them there. CAMEO 01 (statements)
/// has no PLOVER type.
pub fn plover_type(cameo: &str) -> Option<&'static str> {
    if cameo.starts_with("02") {
        return Some("REQUEST");
    }
    dyad_cameo::Codebook::get()
        .lookup(cameo)
        .and_then(|c| c.plover_event)
}

/// Today's PLOVER name of an older PLOVER type name used in gold sets.
pub fn modern_plover(t: &str) -> &str {
    match t {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}
