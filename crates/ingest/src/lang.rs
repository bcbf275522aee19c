//! Language identification for documents and single lines (whichlang: a small
//! linear model over character n-grams, fast enough to run on every line).

use whichlang::Lang;

/// ISO 639-1 code of a whichlang language.
fn iso(l: Lang) -> &'static str {
    match l {
        Lang::Ara => "ar",
        Lang::Cmn => "zh",
        Lang::Deu => "de",
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Hin => "hi",
        Lang::Ita => "it",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Nld => "nl",
        Lang::Por => "pt",
        Lang::Rus => "ru",
        Lang::Spa => "es",
        Lang::Swe => "sv",
        Lang::Tur => "tr",
        Lang::Vie => "vi",
    }
}

/// Writing systems, as far as telling languages apart needs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Cjk,
    Hangul,
    Other,
}

fn script_of(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x900..=0x97F => Script::Devanagari,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => Script::Cjk,
        0xAC00..=0xD7AF | 0x1100..=0x11FF => Script::Hangul,
        _ => Script::Other,
    }
}

/// The script most letters of `text` are written in, and how many letters it has.
pub fn script(text: &str) -> (Script, usize) {
    let mut counts = [0usize; 9];
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        counts[script_of(c) as usize] += 1;
        letters += 1;
    }
    let (i, _) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(_, n)| *n)
        .unwrap_or((8, &0));
    let s = [
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Hebrew,
        Script::Devanagari,
        Script::Cjk,
        Script::Hangul,
        Script::Other,
    ][i];
    (s, letters)
}

/// The script a language is written in.
fn script_of_lang(iso: &str) -> Script {
    match iso {
        "ru" | "uk" | "bg" | "sr" | "kk" => Script::Cyrillic,
        "ar" | "fa" | "ur" => Script::Arabic,
        "hi" => Script::Devanagari,
        "zh" | "ja" => Script::Cjk,
        "ko" => Script::Hangul,
        "el" => Script::Greek,
        "he" => Script::Hebrew,
        _ => Script::Latin,
    }
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// The language of a body of text (ISO 639-1), when there is enough of it to tell.
pub fn detect(text: &str) -> Option<&'static str> {
    if letters(text) < 12 {
        return None;
    }
    Some(iso(whichlang::detect_language(text)))
}

/// Whether `line` is confidently in another language than `doc_lang`, and
/// which. Short lines and lines of names say too little and are left alone.
pub fn other_language(line: &str, doc_lang: &str) -> Option<&'static str> {
    other_language_known(line, doc_lang, None)
}

/// [`other_language`], given what the identifier already said of the whole
/// line, if it was asked.
pub fn other_language_known(
    line: &str,
    doc_lang: &str,
    known: Option<&'static str>,
) -> Option<&'static str> {
    let (s, n) = script(line);
    let doc_script = script_of_lang(doc_lang);
    if s != Script::Other && s != doc_script && n >= 4 {
        // Another alphabet is certain evidence even on a short line; a stray
        // foreign name inside a sentence is outvoted by the line's own letters.
        let l = iso(whichlang::detect_language(line));
        return Some(if script_of_lang(l) == s {
            l
        } else {
            script_code(s)
        });
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if n < 28 || words.len() < 4 {
        return None;
    }
    let whole = known.unwrap_or_else(|| iso(whichlang::detect_language(line)));
    if whole == doc_lang {
        return None;
    }
    // whichlang gives no confidence, so ask it twice more on each half of the
    // line: a line really in another language says so in both halves, a line
    // of names and numbers rarely does.
    let mid = words.len() / 2;
    let a = words[..mid].join(" ");
    let b = words[mid..].join(" ");
    if letters(&a) < 10 || letters(&b) < 10 {
        return None;
    }
    let (la, lb) = (
        iso(whichlang::detect_language(&a)),
        iso(whichlang::detect_language(&b)),
    );
    (la == whole && lb == whole).then_some(whole)
}

fn script_code(s: Script) -> &'static str {
    match s {
        Script::Latin => "und-Latn",
        Script::Cyrillic => "und-Cyrl",
        Script::Greek => "el",
        Script::Arabic => "und-Arab",
        Script::Hebrew => "he",
        Script::Devanagari => "und-Deva",
        Script::Cjk => "und-Hani",
        Script::Hangul => "ko",
        Script::Other => "und",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents() {
        assert_eq!(
            detect(
                "Russian Foreign Minister Sergey Lavrov and his French counterpart discussed the ceasefire."
            ),
            Some("en")
        );
        assert_eq!(
            detect(
                "Le ministre des Affaires étrangères a appelé à un cessez-le-feu immédiat dans la région."
            ),
            Some("fr")
        );
        assert_eq!(detect("123 456"), None);
    }

    #[test]
    fn lines() {
        assert_eq!(
            other_language(
                "Haberin devamı için abone olun ve yorumlarınızı paylaşın lütfen",
                "en"
            ),
            Some("tr")
        );
        assert_eq!(
            other_language("Последние новости из Москвы", "en"),
            Some("ru")
        );
        // Names in an English sentence stay English.
        assert_eq!(
            other_language(
                "Jean-Yves Le Drian met Sergey Lavrov in Moscow on Monday.",
                "en"
            ),
            None
        );
        assert_eq!(other_language("Le Drian", "en"), None);
    }
}
