//! English inflection of dictionary words, so that patterns written as lemmas
//! ("impose", "minister") match text whatever the lemmatizer did with it.
//! Generating forms from a lemma is simpler and surer than stemming text.

use std::collections::HashMap;

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Third-person singular of a verb, or plural of a regular noun.
pub fn add_s(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("sh")
        || w.ends_with("ch")
    {
        format!("{w}es")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else {
        format!("{w}s")
    }
}

/// Plural forms of a noun (several where English hesitates).
pub fn noun_plurals(w: &str) -> Vec<String> {
    if let Some(stem) = w.strip_suffix("man") {
        return vec![format!("{stem}men")];
    }
    match w {
        "person" => return vec!["people".into(), "persons".into()],
        "child" => return vec!["children".into()],
        "police" | "personnel" | "staff" | "military" | "clergy" | "militia" | "press"
        | "media" => {
            return vec![];
        }
        _ => {}
    }
    if let Some(stem) = w.strip_suffix("sis") {
        return vec![format!("{stem}ses")];
    }
    vec![add_s(w)]
}

/// Regular verb forms: -s, -ed, -ing (with doubled final consonant variants,
/// as both spellings occur: "targeted", "embargoed", "stopped").
pub fn verb_forms(w: &str) -> Vec<String> {
    let mut out = vec![add_s(w)];
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with("ie") {
        out.push(format!("{w}d"));
        out.push(format!("{}ying", &w[..n - 2]));
    } else if w.ends_with('e') {
        out.push(format!("{w}d"));
        if w.ends_with("ee") || w.ends_with("ye") || w.ends_with("oe") {
            out.push(format!("{w}ing"));
        } else {
            out.push(format!("{}ing", &w[..n - 1]));
        }
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        out.push(format!("{}ied", &w[..n - 1]));
        out.push(format!("{w}ing"));
    } else {
        out.push(format!("{w}ed"));
        out.push(format!("{w}ing"));
        let last = b[n - 1];
        if n >= 3
            && !is_vowel(last)
            && is_vowel(b[n - 2])
            && !is_vowel(b[n - 3])
            && !matches!(last, b'w' | b'x' | b'y')
        {
            let c = last as char;
            out.push(format!("{w}{c}ed"));
            out.push(format!("{w}{c}ing"));
        }
    }
    out
}

/// Maps inflected forms back to the lemmas they may come from.
#[derive(Debug, Default)]
pub struct FormIndex {
    map: HashMap<String, Vec<String>>,
}

impl FormIndex {
    pub fn add(&mut self, form: String, lemma: &str) {
        let v = self.map.entry(form).or_default();
        if !v.iter().any(|l| l == lemma) {
            v.push(lemma.to_string());
        }
    }

    /// Registers a verb lemma with all its forms.
    pub fn add_verb(&mut self, lemma: &str, irregular: &HashMap<String, Vec<String>>) {
        self.add(lemma.to_string(), lemma);
        for f in verb_forms(lemma) {
            self.add(f, lemma);
        }
        if let Some(forms) = irregular.get(lemma) {
            for f in forms {
                self.add(f.clone(), lemma);
            }
        }
    }

    pub fn add_noun(&mut self, lemma: &str) {
        self.add(lemma.to_string(), lemma);
        for f in noun_plurals(lemma) {
            self.add(f, lemma);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<String>)> {
        self.map.iter()
    }

    pub fn lemmas(&self, form: &str) -> &[String] {
        self.map.get(form).map(Vec::as_slice).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_and_noun_forms() {
        assert_eq!(verb_forms("impose"), ["imposes", "imposed", "imposing"]);
        assert!(verb_forms("stop").contains(&"stopped".to_string()));
        assert!(verb_forms("launch").contains(&"launches".to_string()));
        assert!(verb_forms("deny").contains(&"denied".to_string()));
        assert_eq!(noun_plurals("spokesman"), ["spokesmen"]);
        assert_eq!(noun_plurals("authority"), ["authorities"]);
        assert_eq!(noun_plurals("clash"), ["clashes"]);
        assert!(noun_plurals("police").is_empty());
    }

    #[test]
    fn index_maps_forms_to_lemmas() {
        let mut irr = HashMap::new();
        irr.insert("hold".to_string(), vec!["held".to_string()]);
        let mut ix = FormIndex::default();
        ix.add_verb("hold", &irr);
        ix.add_verb("call", &irr);
        assert_eq!(ix.lemmas("held"), ["hold"]);
        assert_eq!(ix.lemmas("called"), ["call"]);
        assert!(ix.lemmas("walked").is_empty());
    }
}
