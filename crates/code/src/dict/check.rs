//! `dyad dict check`: consistency checks across all dictionaries.

use std::collections::{HashMap, HashSet};

use super::{DictError, Dictionaries};

/// One holder's term of an office: from, to (None while held), holder.
type Term<'a> = (chrono::NaiveDate, Option<chrono::NaiveDate>, &'a str);

fn problem(file: &str, message: String) -> DictError {
    DictError {
        file: file.to_string(),
        line: None,
        message,
    }
}

fn is_upper_code(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Every problem found: unknown codes, duplicates, overlapping office terms.
pub fn check<'a>(d: &'a Dictionaries) -> Vec<DictError> {
    let mut out = Vec::new();
    let book = dyad_cameo::Codebook::get();

    // Countries, regions, areas.
    let cf = "countries.toml";
    let mut countries = HashSet::new();
    let mut iso2 = HashSet::new();
    let mut place_names: HashMap<&str, String> = HashMap::new();
    let mut claim = |name: &'a str, owner: String, out: &mut Vec<DictError>| {
        if let Some(prev) = place_names.insert(name, owner.clone())
            && prev != owner
        {
            out.push(problem(
                cf,
                format!("name {name:?} given to both {prev} and {owner}"),
            ));
        }
    };
    for c in &d.countries {
        if !is_upper_code(&c.code, 3) {
            out.push(problem(
                cf,
                format!("country code {:?} is not 3 upper-case letters", c.code),
            ));
        }
        if !countries.insert(c.code.as_str()) {
            out.push(problem(cf, format!("duplicate country {}", c.code)));
        }
        if !is_upper_code(&c.iso2, 2) || !iso2.insert(c.iso2.as_str()) {
            out.push(problem(
                cf,
                format!("bad or duplicate iso2 {:?} ({})", c.iso2, c.code),
            ));
        }
        for n in std::iter::once(&c.name)
            .chain(&c.names)
            .chain(&c.adjectives)
            .chain(&c.demonyms)
        {
            claim(n, c.code.clone(), &mut out);
        }
    }
    let mut areas = HashSet::new();
    for a in &d.areas {
        if !is_upper_code(&a.code, 3)
            || !areas.insert(a.code.as_str())
            || countries.contains(a.code.as_str())
        {
            out.push(problem(
                cf,
                format!("bad or duplicate area code {:?}", a.code),
            ));
        }
    }
    for r in &d.regions {
        if !countries.contains(r.country.as_str()) {
            out.push(problem(
                cf,
                format!("region {:?}: unknown country {}", r.name, r.country),
            ));
        }
    }
    let known_country = |c: &str| countries.contains(c) || areas.contains(c);

    // Roles.
    let af = "agents.toml";
    let mut roles = HashSet::new();
    let mut nouns: HashMap<String, &str> = HashMap::new();
    for r in &d.roles {
        if !is_upper_code(&r.code, 3) {
            out.push(problem(
                af,
                format!("role code {:?} is not 3 upper-case letters", r.code),
            ));
        }
        roles.insert(r.code.as_str());
        for n in &r.nouns {
            if n.trim() != n || n.is_empty() {
                out.push(problem(
                    af,
                    format!("noun {n:?} in {} has stray spaces", r.code),
                ));
            }
            if let Some(prev) = nouns.insert(n.to_lowercase(), &r.code) {
                out.push(problem(
                    af,
                    format!("noun {n:?} in both {prev} and {}", r.code),
                ));
            }
        }
    }
    let known_role = |r: &str| roles.contains(r) || matches!(r, "IGO" | "NGO");

    // Organisations.
    let of = "organizations.toml";
    let mut org_codes = HashSet::new();
    let mut org_names: HashMap<&str, String> = HashMap::new();
    for o in &d.orgs {
        let code = o.code();
        if !known_role(&o.role) {
            out.push(problem(of, format!("{}: unknown role {}", o.name, o.role)));
        }
        if !o.country.is_empty() && !known_country(&o.country) {
            out.push(problem(
                of,
                format!("{}: unknown country {}", o.name, o.country),
            ));
        }
        if o.group.is_empty()
            || !o
                .group
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            out.push(problem(
                of,
                format!(
                    "{}: group code {:?} must be upper-case letters",
                    o.name, o.group
                ),
            ));
        }
        if !org_codes.insert(code.clone()) {
            out.push(problem(of, format!("duplicate organisation code {code}")));
        }
        for n in std::iter::once(&o.name).chain(&o.names) {
            if let Some(prev) = org_names.insert(n, code.clone())
                && prev != code
            {
                out.push(problem(
                    of,
                    format!("name {n:?} given to both {prev} and {code}"),
                ));
            }
        }
    }

    // People.
    let mut people_names: HashMap<&str, &str> = HashMap::new();
    let mut terms: HashMap<(String, String), Vec<Term>> = HashMap::new();
    for p in &d.people {
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            if let Some(prev) = people_names.insert(n, &p.name)
                && prev != p.name
            {
                out.push(problem(
                    &p.file,
                    format!("name {n:?} used by both {prev} and {}", p.name),
                ));
            }
        }
        if p.offices.is_empty() {
            out.push(problem(&p.file, format!("{}: no offices", p.name)));
        }
        for o in &p.offices {
            let valid_code = o.code.len() >= 6
                && (known_country(&o.code[..3]) && known_role(&o.code[3..6])
                    || org_codes.contains(&o.code)
                    || o.code.starts_with("IGO")
                    || o.code.starts_with("NGO"));
            if !valid_code {
                out.push(problem(
                    &p.file,
                    format!("{}: unknown office code {}", p.name, o.code),
                ));
            }
            match o.range {
                None => out.push(problem(
                    &p.file,
                    format!(
                        "{}: bad dates from={:?} to={:?} (YYYY-MM-DD)",
                        p.name, o.from, o.to
                    ),
                )),
                Some((from, to)) => {
                    if to.is_some_and(|t| t < from) {
                        out.push(problem(
                            &p.file,
                            format!("{}: office {} ends before it starts", p.name, o.code),
                        ));
                    }
                    terms
                        .entry((o.code.clone(), o.title.to_lowercase()))
                        .or_default()
                        .push((from, to, &p.name));
                }
            }
        }
    }
    // Two people cannot hold one single-holder office at once (a shared
    // hand-over day is allowed). Titles held by many at once are exempt.
    const MANY: &[&str] = &[
        "minister",
        "deputy prime minister",
        "vice president",
        "official",
        "member",
        "",
    ];
    for ((code, title), mut list) in terms {
        if MANY.contains(&title.as_str()) {
            continue;
        }
        list.sort();
        for w in list.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.2 != b.2 && a.1.is_none_or(|end| b.0 < end) {
                out.push(problem(
                    "people",
                    format!(
                        "{code} {title}: {} ({}..) overlaps {} ({}..)",
                        a.2, a.0, b.2, b.0
                    ),
                ));
            }
        }
    }

    // Modality classes map to codes of the codebook.
    let mut modal_verbs = HashMap::new();
    for c in &d.modality {
        for (from, to) in &c.codes {
            if !from.bytes().all(|b| b.is_ascii_digit()) || book.lookup(to).is_none() {
                out.push(problem(
                    "modality.toml",
                    format!("[{}] bad mapping {from} -> {to}", c.name),
                ));
            }
        }
        for v in &c.verbs {
            if let Some(prev) = modal_verbs.insert(v.as_str(), c.name.as_str()) {
                out.push(problem(
                    "modality.toml",
                    format!("verb {v:?} in both [{prev}] and [{}]", c.name),
                ));
            }
        }
    }

    // Verb patterns.
    let mut seen = HashMap::new();
    for v in &d.verbs {
        if book.lookup(&v.code).is_none() {
            out.push(problem(&v.origin, format!("unknown CAMEO code {}", v.code)));
        }
        let key = (
            v.trigger.clone(),
            v.noun,
            format!("{:?}", v.elements),
            format!("{:?}", v.vetoes),
        );
        if let Some(prev) = seen.insert(key, v.origin.clone()) {
            out.push(problem(&v.origin, format!("same pattern as {prev}")));
        }
    }
    out
}
