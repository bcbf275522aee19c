//! HTML pages: decoded, stripped of scripts and styles, parsed once; main
//! content by [`extract`], metadata (meta tags, JSON-LD, `<time>`,
//! `<html lang>`) by dom_smoothie's metadata reader on the same tree.

use chrono::NaiveDate;
use dom_smoothie::Readability;

use crate::clean::Raw;
use crate::extract;

/// Largest page parsed; a bigger "page" is a dump, not an article, and would
/// cost seconds and hundreds of MB to parse.
pub const MAX_PAGE_BYTES: usize = 16 << 20;
/// Deepest element nesting accepted. Real pages stay under a few hundred
/// levels; far deeper trees are machine-made and make tree walks crawl.
pub const MAX_DEPTH: usize = 2_000;

/// Decodes a page. Text that is valid UTF-8 is UTF-8 whatever the page
/// declares (other encodings seldom form valid multi-byte sequences, and
/// declarations are often stale); otherwise the first charset the page
/// declares other than UTF-8; otherwise UTF-8 with the odd broken sequence
/// replaced when most of it is valid, else (as browsers do) windows-1252.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty page".into());
    }
    if bytes[..bytes.len().min(4096)].contains(&0) {
        return Err("binary content, not HTML".into());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(enc) = declared_charsets(head).find(|e| *e != encoding_rs::UTF_8) {
        let (s, _, _) = enc.decode(bytes);
        return Ok(s.into_owned());
    }
    let lossy = String::from_utf8_lossy(bytes);
    let broken = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
    let fine = lossy
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .count();
    if broken * 20 <= fine {
        return Ok(lossy.into_owned());
    }
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(s.into_owned())
}

/// The encodings `charset=` declarations in `head` name, in order.
fn declared_charsets(head: &[u8]) -> impl Iterator<Item = &'static encoding_rs::Encoding> + '_ {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let starts: Vec<usize> = lower
        .windows(8)
        .enumerate()
        .filter(|(_, w)| *w == b"charset=")
        .map(|(i, _)| i + 8)
        .collect();
    starts.into_iter().filter_map(move |i| {
        let rest = &head[i..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .or_else(|| rest.strip_prefix(b"\\\""))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':')))
            .unwrap_or(rest.len());
        encoding_rs::Encoding::for_label(&rest[..end])
    })
}

/// How deeply elements nest, roughly: open tags minus close tags, ignoring
/// void elements and those that close themselves. Cheap enough to run before
/// parsing, so pathological pages are refused before they cost anything.
pub fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "!doctype",
    ];
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(k) = memchr(b'<', &b[i..]) {
        i += k + 1;
        let close = b.get(i) == Some(&b'/');
        let start = if close { i + 1 } else { i };
        let end = b[start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'!'))
            .map_or(b.len(), |e| start + e);
        if end == start {
            continue;
        }
        let name = &html[start..end];
        if name.starts_with("!--") || VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
        if let Some(raw) = ["script", "style"]
            .into_iter()
            .find(|r| r.eq_ignore_ascii_case(name))
        {
            // Skip to the end tag: script bodies are full of `<`.
            if let Some(e) = find_end_tag(&b[i..], raw) {
                i += e;
            }
        }
    }
    max
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(needle, hay)
}

/// Where `</name` starts in `hay`, case-insensitively.
fn find_end_tag(hay: &[u8], name: &str) -> Option<usize> {
    let n = name.as_bytes();
    memchr::memmem::find_iter(hay, b"</").find(|&at| {
        hay.get(at + 2..at + 2 + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// Elements whose content is cut before parsing: scripts (all but JSON-LD,
/// which carries metadata), styles, inline SVG drawings, noscript fallbacks
/// and templates. Extraction drops them anyway, and on real pages they are
/// about half of the bytes the parser would otherwise tokenize.
const CUT: &[&str] = &["script", "style", "svg", "noscript", "template"];

/// The page without the elements of [`CUT`] and without comments.
pub fn prestrip(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let (mut copied, mut i) = (0usize, 0usize);
    while let Some(k) = memchr(b'<', &b[i..]) {
        let at = i + k;
        i = at + 1;
        if b[at..].starts_with(b"<!--") {
            let end = find(&b[at + 4..], b"-->").map_or(b.len(), |e| at + 4 + e + 3);
            out.push_str(&html[copied..at]);
            copied = end;
            i = end;
            continue;
        }
        let Some(name) = CUT.iter().find(|n| {
            b.get(at + 1..at + 1 + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n.as_bytes()))
                && b.get(at + 1 + n.len())
                    .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
        }) else {
            continue;
        };
        let open_end = memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
        if *name == "script" && find_ci(&b[at..open_end], b"ld+json") {
            continue;
        }
        let close = find_end_tag(&b[open_end..], name).map_or(b.len(), |e| open_end + e);
        let end = memchr(b'>', &b[close..]).map_or(b.len(), |g| close + g + 1);
        out.push_str(&html[copied..at]);
        if *name == "noscript" && paragraphs(&b[open_end..close]) >= 2 {
            // A fallback that is the article itself (blogs that render the
            // post by script): its markup is kept, the tags around it not.
            out.push_str(&html[open_end..close]);
        }
        copied = end;
        i = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// How many `<p>` elements `html` opens.
fn paragraphs(html: &[u8]) -> usize {
    html.windows(3)
        .filter(|w| {
            w[0] == b'<' && (w[1] | 0x20) == b'p' && matches!(w[2], b'>' | b' ' | b'\t' | b'\n')
        })
        .count()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// A page's main content and metadata. `url` resolves nothing but is kept.
pub fn parse(id: String, bytes: &[u8], url: Option<&str>) -> Result<Raw, String> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(format!(
            "page larger than the {} MB limit for one HTML page",
            MAX_PAGE_BYTES >> 20
        ));
    }
    let html = prestrip(&decode(bytes)?);
    let depth = nesting_depth(&html);
    if depth > MAX_DEPTH {
        return Err(format!(
            "HTML nested {depth} levels deep, over the limit of {MAX_DEPTH}"
        ));
    }
    extract(id, &html, url)
}

fn extract(id: String, html: &str, url: Option<&str>) -> Result<Raw, String> {
    let doc = dom_query::Document::from(html);
    // Readability's metadata (meta tags, JSON-LD) only; its extraction is
    // not run, the page is parsed once.
    // The metadata reader only takes absolute URLs; a record's odd URI
    // must not cost the page.
    let base = url.filter(|u| absolute(u));
    let r = Readability::with_document(doc, base, None).map_err(|e| format!("HTML: {e}"))?;
    let meta = r.get_article_metadata(r.parse_json_ld());
    let mut raw = Raw {
        id,
        url: url.map(str::to_string).or(meta.url.clone()),
        title: Some(meta.title.trim().to_string()).filter(|t| !t.is_empty()),
        author: meta.byline.clone().filter(|b| !b.trim().is_empty()),
        site_name: meta.site_name.clone(),
        language: meta.lang.clone(),
        pub_date: meta.published_time.as_deref().and_then(parse_date),
        title_in_body: false,
        from_markup: true,
        ..Default::default()
    };
    if raw.pub_date.is_none() {
        raw.pub_date = time_element(&r.doc);
    }
    raw.body = extract::main_text(&r.doc).ok_or("no article content found")?;
    Ok(raw)
}

/// Whether `url` starts with a scheme and `://` and has something after it.
fn absolute(url: &str) -> bool {
    let u = url.trim();
    u.find("://").is_some_and(|i| {
        let scheme = &u[..i];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && u.len() > i + 3
    })
}

/// The publication date of a `<time datetime>` or `itemprop=datePublished` element.
fn time_element(doc: &dom_query::Document) -> Option<NaiveDate> {
    for sel in ["[itemprop=datePublished]", "time[datetime]"] {
        for n in doc.select(sel).nodes() {
            let v = n.attr("datetime").or_else(|| n.attr("content"));
            if let Some(d) = v.as_deref().and_then(parse_date) {
                return Some(d);
            }
        }
    }
    None
}

/// A date from ISO 8601 (`2020-10-28T12:00:00+03:00`) or RFC 2822 text.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = s
        .get(..10)
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    NaiveDate::parse_from_str(s, "%Y/%m/%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_counted() {
        assert_eq!(
            nesting_depth("<html><body><div><p>x<p>y</div></body></html>"),
            3
        );
        let deep = "<div>".repeat(5000);
        assert_eq!(nesting_depth(&deep), 5000);
        assert_eq!(
            nesting_depth("<script>if (a<b) { x = '<div><div>'; }</script><div></div>"),
            1
        );
    }

    #[test]
    fn odd_urls_do_not_cost_the_page() {
        let page = format!(
            "<html><body><article><p>{}</p></article></body></html>",
            "Delegations met in Geneva on Monday for a new round of talks. ".repeat(5)
        );
        for url in [
            None,
            Some("http://example.org/a"),
            Some("/relative/path"),
            Some("urn:x"),
        ] {
            let raw = parse("p".into(), page.as_bytes(), url).unwrap();
            assert!(raw.body.starts_with("Delegations met"), "{url:?}");
        }
        assert!(!absolute("example.org/a") && !absolute("http://") && absolute("https://x.org"));
    }

    #[test]
    fn prestrip_cuts_what_is_never_text() {
        let page = "<head><script>var a = '<div>';</script><style>p{}</style>\
                    <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head>\
                    <body><!-- ad slot --><svg><path d=\"M0\"/></svg><style-guide>kept</style-guide>\
                    <noscript><img src=x></noscript><template><p>t</p></template><p>text</p>\
                    <noscript><p>one</p><p>two</p></noscript></body>";
        assert_eq!(
            prestrip(page),
            "<head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head>\
             <body><style-guide>kept</style-guide><p>text</p><p>one</p><p>two</p></body>"
        );
        // An unclosed script swallows the rest, as a browser's would.
        assert_eq!(prestrip("<p>a</p><script>if (x) {"), "<p>a</p>");
    }

    #[test]
    fn charsets() {
        assert_eq!(
            decode(b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>").unwrap(),
            "<meta charset=\"iso-8859-1\"><p>café</p>"
        );
        assert_eq!(decode(b"<p>caf\xe9</p>").unwrap(), "<p>café</p>");
        assert_eq!(decode("<p>café</p>".as_bytes()).unwrap(), "<p>café</p>");
        // Valid UTF-8 under a stale latin-1 declaration.
        assert_eq!(
            decode("<meta charset=\"iso-8859-1\"><p>café</p>".as_bytes()).unwrap(),
            "<meta charset=\"iso-8859-1\"><p>café</p>"
        );
        // UTF-8 with one broken byte stays UTF-8.
        let text = "Größe, Übung, Straße. ".repeat(6);
        let mut b = format!("<meta charset=\"utf-8\"><p>{text}").into_bytes();
        b.extend_from_slice(b"\xff</p>");
        assert_eq!(
            decode(&b).unwrap(),
            format!("<meta charset=\"utf-8\"><p>{text}\u{FFFD}</p>")
        );
        // A page saved with an archive's UTF-8 header over its own GB2312.
        let mut b =
            b"<meta charset=\"utf-8\"><meta content=\"text/html; charset=gb2312\"><p>".to_vec();
        b.extend_from_slice(
            &encoding_rs::GB18030
                .encode("\u{4e00}\u{4e2a}\u{7ea6}\u{5b9a}")
                .0,
        );
        b.extend_from_slice(b"</p>");
        assert!(
            decode(&b)
                .unwrap()
                .ends_with("<p>\u{4e00}\u{4e2a}\u{7ea6}\u{5b9a}</p>")
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2020-10-28T12:00:00+03:00"),
            NaiveDate::from_ymd_opt(2020, 10, 28)
        );
        assert_eq!(
            parse_date("Wed, 28 Oct 2020 10:00:00 +0000"),
            NaiveDate::from_ymd_opt(2020, 10, 28)
        );
        assert_eq!(parse_date("yesterday"), None);
    }
}
