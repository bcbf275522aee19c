//! Event locations: the place a sentence names after a locative preposition
//! ("in Beirut", "near the town of Bakhmut", "in southern Lebanon"), found in
//! the countries dictionary or in the GeoNames gazetteer
//! (`data/gazetteer/places.tsv.gz`, built by `scripts/build_gazetteer.py`),
//! with coordinates.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use dyad_doc::{Document, Location};

use crate::dict::Dictionaries;

const PLACES_GZ: &[u8] = include_bytes!("../../../data/gazetteer/places.tsv.gz");

/// Words that introduce a place.
const LOCATIVE: &[&str] = &[
    "in", "near", "at", "outside", "around", "across", "inside", "from", "into", "to",
];
/// Words that may stand between the preposition and the name.
const SKIP: &[&str] = &[
    "the",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "city",
    "town",
    "village",
    "of",
    "capital",
    "port",
    "region",
    "province",
    "district",
    "occupied",
    "disputed",
    "besieged",
    "rebel-held",
    "government-held",
];

#[derive(Clone, Copy, Debug)]
struct Place {
    cc: [u8; 2],
    lat: f32,
    lon: f32,
    /// The place is its region's seat (name equals admin1): preferred among namesakes.
    seat: bool,
}

/// The gazetteer, loaded on first use.
struct Gazetteer {
    by_name: HashMap<String, Vec<Place>>,
    centroid: HashMap<[u8; 2], (f32, f32)>,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut text = String::new();
        flate2::read::GzDecoder::new(PLACES_GZ)
            .read_to_string(&mut text)
            .expect("gazetteer is valid gzip");
        let mut by_name: HashMap<String, Vec<Place>> = HashMap::new();
        let mut coords: HashMap<[u8; 2], (Vec<f32>, Vec<f32>)> = HashMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 || f[1].len() != 2 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (f[2].parse::<f32>(), f[3].parse::<f32>()) else {
                continue;
            };
            let cc = [f[1].as_bytes()[0], f[1].as_bytes()[1]];
            by_name.entry(f[0].to_string()).or_default().push(Place {
                cc,
                lat,
                lon,
                seat: f[0] == f[4],
            });
            let c = coords.entry(cc).or_default();
            c.0.push(lat);
            c.1.push(lon);
        }
        // A country's point: the median of its places, which lands inside
        // the country far more often than the mean of its corners.
        let centroid = coords
            .into_iter()
            .map(|(cc, (mut la, mut lo))| {
                la.sort_by(f32::total_cmp);
                lo.sort_by(f32::total_cmp);
                (cc, (la[la.len() / 2], lo[lo.len() / 2]))
            })
            .collect();
        Gazetteer { by_name, centroid }
    })
}

/// Country names and capitals from the dictionaries, for place lookup.
pub struct Places {
    /// Country name -> (ISO alpha-3, alpha-2).
    countries: HashMap<String, (String, [u8; 2])>,
    /// ISO alpha-2 -> alpha-3.
    iso3: HashMap<[u8; 2], String>,
}

/// A place named in a sentence.
#[derive(Clone, Debug)]
pub struct PlaceMention {
    pub token: usize,
    pub location: Location,
}

impl Places {
    pub fn build(d: &Dictionaries) -> Places {
        let mut countries = HashMap::new();
        let mut iso3 = HashMap::new();
        for c in &d.countries {
            let Some(cc) = c.iso2.as_bytes().get(..2).map(|b| [b[0], b[1]]) else {
                continue;
            };
            iso3.insert(cc, c.code.clone());
            for n in std::iter::once(&c.name).chain(&c.names) {
                countries.insert(n.clone(), (c.code.clone(), cc));
            }
        }
        for r in &d.regions {
            let Some(cc) = d
                .countries
                .iter()
                .find(|c| c.code == r.country)
                .map(|c| c.iso2.as_bytes())
            else {
                continue;
            };
            let cc = [cc[0], cc[1]];
            for n in std::iter::once(&r.name).chain(&r.names) {
                countries
                    .entry(n.clone())
                    .or_insert((r.country.clone(), cc));
            }
        }
        Places { countries, iso3 }
    }

    /// Every place named after a locative preposition in sentence `si`.
    /// `context` holds the countries of the document's actors, to choose
    /// among namesakes ("Moscow" in Russia, not Idaho).
    pub fn find(&self, doc: &Document, si: usize, context: &[String]) -> Vec<PlaceMention> {
        let s = &doc.sentences[si];
        let toks = &doc.tokens[s.tokens.0..s.tokens.1];
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !LOCATIVE.contains(&toks[i].form.to_lowercase().as_str()) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() && SKIP.contains(&toks[j].form.to_lowercase().as_str()) {
                j += 1;
            }
            // The longest run of capitalised words (with inner hyphens) is the name.
            let mut k = j;
            while k < toks.len()
                && (toks[k].form.starts_with(char::is_uppercase) || (toks[k].form == "-" && k > j))
            {
                k += 1;
            }
            if k > j
                && let Some(loc) = self.lookup(doc, &toks[j..k], context)
            {
                out.push(PlaceMention {
                    token: s.tokens.0 + j,
                    location: loc,
                });
            }
            i = k.max(i + 1);
        }
        out
    }

    /// The country of a place name (city, region or country), choosing among
    /// namesakes by the article's countries.
    pub fn country_of(&self, name: &str, context: &[String]) -> Option<String> {
        if let Some((code, _)) = self.countries.get(name) {
            return Some(code.clone());
        }
        let cands = gazetteer().by_name.get(name)?;
        let in_context = |p: &&Place| self.iso3.get(&p.cc).is_some_and(|c| context.contains(c));
        let best = cands
            .iter()
            .find(in_context)
            .or_else(|| cands.iter().find(|p| p.seat))?;
        self.iso3.get(&best.cc).cloned()
    }

    /// A city or country named at token `t` ("Kherson" in "districts of
    /// Kherson were shelled") as an actor: its country. Only countries, places
    /// of the article's countries and regional seats, so that namesakes stay out.
    pub fn place_actor(
        &self,
        doc: &Document,
        t: usize,
        context: &[String],
    ) -> Option<dyad_doc::Actor> {
        let tok = &doc.tokens[t];
        if tok.upos != "PROPN" {
            return None;
        }
        let loc = self.lookup(doc, std::slice::from_ref(tok), context)?;
        let country = loc.country.clone()?;
        // A country, a place in one of the article's countries, or a regional seat.
        let seat = gazetteer()
            .by_name
            .get(&loc.name)
            .is_some_and(|c| c.iter().any(|p| p.seat));
        let known = context.contains(&country) || self.countries.contains_key(&loc.name) || seat;
        known.then(|| dyad_doc::Actor {
            code: country.clone(),
            country: Some(country),
            roles: Vec::new(),
            text: loc.name,
            entity: None,
        })
    }

    fn lookup(
        &self,
        doc: &Document,
        words: &[dyad_doc::Token],
        context: &[String],
    ) -> Option<Location> {
        // Try the whole run, then shorter prefixes ("Beirut Airport" -> "Beirut").
        for n in (1..=words.len()).rev() {
            let span = dyad_doc::Span::new(words[0].span.start, words[n - 1].span.end);
            let name = doc.slice(span);
            let g = gazetteer();
            if let Some((code, cc)) = self.countries.get(name) {
                let c = g.centroid.get(cc);
                return Some(Location {
                    name: name.to_string(),
                    country: Some(code.clone()),
                    lat: c.map(|c| f64::from(c.0)),
                    lon: c.map(|c| f64::from(c.1)),
                });
            }
            if let Some(cands) = g.by_name.get(name) {
                let in_context =
                    |p: &&Place| self.iso3.get(&p.cc).is_some_and(|c| context.contains(c));
                let best = cands
                    .iter()
                    .find(|p| in_context(p) && p.seat)
                    .or_else(|| cands.iter().find(in_context))
                    .or_else(|| cands.iter().find(|p| p.seat))
                    .or_else(|| (cands.len() == 1).then(|| &cands[0]))?;
                return Some(Location {
                    name: name.to_string(),
                    country: self.iso3.get(&best.cc).cloned(),
                    lat: Some(f64::from(best.lat)),
                    lon: Some(f64::from(best.lon)),
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_has_cities_and_country_points() {
        let g = gazetteer();
        let kherson = &g.by_name["Kherson"];
        assert!(
            kherson
                .iter()
                .any(|p| &p.cc == b"UA" && (p.lat - 46.656).abs() < 0.01)
        );
        let (lat, lon) = g.centroid[b"FR"];
        assert!(
            (42.0..51.0).contains(&lat) && (-5.0..8.0).contains(&lon),
            "France at {lat},{lon}"
        );
    }
}
