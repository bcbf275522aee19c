//! Loading and checking dictionaries (`data/dict/`, format in
//! `docs/dictionaries.md`).

mod check;
mod verbs;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

pub use check::check;
pub use verbs::{Element, VerbPattern, parse_verbs};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/dict_files.rs"));
}

/// A problem in a dictionary file, located as precisely as the parser knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for DictError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub code: String,
    pub iso2: String,
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub capitals: Vec<String>,
    #[serde(default)]
    pub seats: Vec<String>,
}

/// A breakaway region or territory, coded as its parent country.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub name: String,
    pub country: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
}

/// A CAMEO regional code (`EUR`, `MEA`, `WST`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    #[serde(default)]
    country: Vec<Country>,
    #[serde(default)]
    region: Vec<Region>,
    #[serde(default)]
    area: Vec<Area>,
}

/// A CAMEO role (`GOV`, `MIL`, ...) with its agent nouns.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    #[serde(skip)]
    pub code: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub nouns: Vec<String>,
}

/// An international body or non-state group.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    pub group: String,
    pub role: String,
    #[serde(default)]
    pub country: String,
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
}

impl Org {
    /// Full actor code: country + role + group (`IGOUNO`, `AFGINSTAL`).
    pub fn code(&self) -> String {
        format!("{}{}{}", self.country, self.role, self.group)
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub code: String,
    #[serde(default)]
    pub title: String,
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Parsed `from`/`to`; `to` is None while in office.
    #[serde(skip)]
    pub range: Option<(NaiveDate, Option<NaiveDate>)>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub offices: Vec<Office>,
    /// The file the entry came from, for messages.
    #[serde(skip)]
    pub file: String,
}

impl Person {
    /// The office in force on `date`; without a date, or when none was, the
    /// latest office that began on or before it (else the earliest).
    pub fn office_at(&self, date: Option<NaiveDate>) -> Option<&Office> {
        let dated = || self.offices.iter().filter(|o| o.range.is_some());
        if let Some(d) = date {
            if let Some(o) = dated().find(|o| {
                let (from, to) = o.range.unwrap();
                from <= d && to.is_none_or(|t| d <= t)
            }) {
                return Some(o);
            }
            if let Some(o) = dated()
                .filter(|o| o.range.unwrap().0 <= d)
                .max_by_key(|o| o.range.unwrap().0)
            {
                return Some(o);
            }
            return dated().min_by_key(|o| o.range.unwrap().0);
        }
        dated().max_by_key(|o| o.range.unwrap().0)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    #[serde(default)]
    person: Vec<Person>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgsFile {
    #[serde(default)]
    org: Vec<Org>,
}

/// Every dictionary, parsed.
#[derive(Debug, Default)]
pub struct Dictionaries {
    pub countries: Vec<Country>,
    pub regions: Vec<Region>,
    pub areas: Vec<Area>,
    pub roles: Vec<Role>,
    pub orgs: Vec<Org>,
    pub people: Vec<Person>,
    pub verbs: Vec<VerbPattern>,
    /// Irregular English verb forms: (lemma, forms).
    pub irregular: Vec<(String, Vec<String>)>,
    pub resolution: Resolution,
    /// Phrases that mark a sentence as outside political events (sports,
    /// markets, entertainment, metaphor): (category, phrase).
    pub discards: Vec<(String, String)>,
    /// Verbs of intent, threat, appeal, demand and refusal, and how they
    /// recode an event under them (`modality.toml`).
    pub modality: Vec<ModalClass>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalClass {
    #[serde(skip)]
    pub name: String,
    pub verbs: Vec<String>,
    /// Whether the future tense ("will support") counts as this class.
    #[serde(default)]
    pub future: bool,
    /// Code prefix of the embedded event -> code of the act.
    pub codes: BTreeMap<String, String>,
}

impl ModalClass {
    /// The act's code for an embedded event code: longest prefix first.
    pub fn map(&self, code: &str) -> Option<&str> {
        (2..=code.len())
            .rev()
            .find_map(|n| self.codes.get(&code[..n]).map(String::as_str))
    }
}

/// Words for resolving references to actors in context (`resolution.toml`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub group_nouns: Vec<String>,
    pub opposing: Vec<String>,
    pub group_determiners: Vec<String>,
    pub pronouns_singular: Vec<String>,
    pub pronouns_plural: Vec<String>,
    #[serde(default)]
    pub not_surnames: Vec<String>,
    #[serde(default)]
    pub family_name_first: Vec<String>,
}

impl Dictionaries {
    /// The dictionaries compiled into dyad.
    pub fn embedded() -> Result<Dictionaries, Vec<DictError>> {
        Self::from_files(
            embedded::FILES
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string())),
        )
    }

    /// Reads every `.toml`/`.txt` file under `dir` (for maintainers editing
    /// dictionaries without rebuilding).
    pub fn from_dir(dir: &Path) -> Result<Dictionaries, Vec<DictError>> {
        let mut files = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let entries = std::fs::read_dir(&d).map_err(|e| {
                vec![DictError {
                    file: d.display().to_string(),
                    line: None,
                    message: e.to_string(),
                }]
            })?;
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if matches!(p.extension().and_then(|x| x.to_str()), Some("toml" | "txt")) {
                    let rel = p
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    let text = std::fs::read_to_string(&p).map_err(|e| {
                        vec![DictError {
                            file: rel.clone(),
                            line: None,
                            message: e.to_string(),
                        }]
                    })?;
                    files.push((rel, text));
                }
            }
        }
        files.sort();
        Self::from_files(files.into_iter())
    }

    /// Parses named files; the name decides the format.
    pub fn from_files(
        files: impl Iterator<Item = (String, String)>,
    ) -> Result<Dictionaries, Vec<DictError>> {
        let mut d = Dictionaries::default();
        let mut errors = Vec::new();
        for (name, text) in files {
            if let Err(e) = d.add_file(&name, &text) {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }

    fn add_file(&mut self, name: &str, text: &str) -> Result<(), DictError> {
        let toml_err = |e: toml::de::Error| DictError {
            file: name.to_string(),
            line: e.span().map(|s| text[..s.start].matches('\n').count() + 1),
            message: e.message().to_string(),
        };
        let base = name.rsplit('/').next().unwrap_or(name);
        match base {
            "countries.toml" => {
                let f: CountriesFile = toml::from_str(text).map_err(toml_err)?;
                self.countries.extend(f.country);
                self.regions.extend(f.region);
                self.areas.extend(f.area);
            }
            "agents.toml" => {
                let f: BTreeMap<String, Role> = toml::from_str(text).map_err(toml_err)?;
                self.roles
                    .extend(f.into_iter().map(|(code, r)| Role { code, ..r }));
            }
            "organizations.toml" => {
                let f: OrgsFile = toml::from_str(text).map_err(toml_err)?;
                self.orgs.extend(f.org);
            }
            "resolution.toml" => self.resolution = toml::from_str(text).map_err(toml_err)?,
            "verbs.txt" => self.verbs.extend(parse_verbs(name, text)?),
            "modality.toml" => {
                let f: BTreeMap<String, ModalClass> = toml::from_str(text).map_err(toml_err)?;
                self.modality
                    .extend(f.into_iter().map(|(name, c)| ModalClass { name, ..c }));
            }
            "discards.txt" => self.discards.extend(parse_discards(name, text)?),
            "irregular_verbs.txt" => self.irregular.extend(parse_irregular(name, text)?),
            _ if name.starts_with("people/") && name.ends_with(".toml") => {
                let f: PeopleFile = toml::from_str(text).map_err(toml_err)?;
                for mut p in f.person {
                    p.file = name.to_string();
                    for o in &mut p.offices {
                        o.range = parse_range(&o.from, &o.to);
                    }
                    self.people.push(p);
                }
            }
            _ => {
                return Err(DictError {
                    file: name.to_string(),
                    line: None,
                    message: "unknown dictionary file (see docs/dictionaries.md)".into(),
                });
            }
        }
        Ok(())
    }
}

/// `YYYY-MM-DD` dates; an empty `to` means the office is still held.
fn parse_range(from: &str, to: &str) -> Option<(NaiveDate, Option<NaiveDate>)> {
    let from = NaiveDate::parse_from_str(from, "%Y-%m-%d").ok()?;
    let to = if to.is_empty() {
        None
    } else {
        Some(NaiveDate::parse_from_str(to, "%Y-%m-%d").ok()?)
    };
    Some((from, to))
}

/// `category: phrase` lines.
fn parse_discards(name: &str, text: &str) -> Result<Vec<(String, String)>, DictError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        match line.split_once(':') {
            Some((cat, phrase)) if !cat.trim().is_empty() && !phrase.trim().is_empty() => {
                out.push((cat.trim().to_string(), phrase.trim().to_string()))
            }
            _ => {
                return Err(DictError {
                    file: name.to_string(),
                    line: Some(i + 1),
                    message: "expected `category: phrase`".into(),
                });
            }
        }
    }
    Ok(out)
}

/// `lemma: form form ...` lines.
fn parse_irregular(name: &str, text: &str) -> Result<Vec<(String, Vec<String>)>, DictError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let (lemma, forms) = line.split_once(':').ok_or_else(|| DictError {
            file: name.to_string(),
            line: Some(i + 1),
            message: "expected `lemma: forms...`".into(),
        })?;
        out.push((
            lemma.trim().to_string(),
            forms.split_whitespace().map(str::to_string).collect(),
        ));
    }
    Ok(out)
}
