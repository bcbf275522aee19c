//! Readers on good and bad input: every bad record gives an error naming the
//! file and the record, and every good record around it is still read.

use std::io::Write;
use std::path::{Path, PathBuf};

use dyad_doc::Document;
use dyad_ingest::{IngestError, Options, input, read};
use flate2::{Compression, write::GzEncoder};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-readers-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn all(p: &Path) -> Vec<Result<Document, IngestError>> {
    read(p, &Options::default()).collect()
}

fn page(title: &str, para: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"2021-03-04T10:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{title}</h1><p>{para}</p><p>{para} The talks are set to resume next week, \
         officials from both delegations said on condition of anonymity.</p>\
         <p>Diplomats said the two sides had narrowed their differences on the text \
         of a joint statement but had not agreed on a date for a summit.</p></article>\
         <footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>"
    )
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_record(id: &str, uri: &str, html: &str, lie: i64) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let len = http.len() as i64 + lie;
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: 2021-03-05T00:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {len}\r\n\r\n{http}\r\n\r\n"
    )
    .into_bytes()
}

fn warcinfo() -> Vec<u8> {
    let body = "software: test\r\n";
    format!(
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Type: application/warc-fields\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
        body.len()
    )
    .into_bytes()
}

fn ids(out: &[Result<Document, IngestError>]) -> Vec<String> {
    out.iter()
        .map(|r| match r {
            Ok(d) => d.id.clone(),
            Err(e) => format!("ERR {e}"),
        })
        .collect()
}

const P1: &str = "GENEVA (Reuters) - Delegations from the two countries met in Geneva on Monday for a new round of talks on the disputed border.";
const P2: &str = "BAKU, March 3 (Reuters) - Azerbaijan accused Armenia of shelling its positions overnight, the defence ministry said on Wednesday.";
const P3: &str = "NAIROBI (AP) — Kenya's president called for calm after protests spread to several towns in the west of the country on Tuesday.";

#[test]
fn html_page_with_metadata() {
    let p = tmp("page.html");
    std::fs::write(&p, page("Talks resume in Geneva", P1)).unwrap();
    let out = all(&p);
    let d = out[0].as_ref().unwrap();
    assert_eq!(d.title.as_deref(), Some("Talks resume in Geneva"));
    assert_eq!(d.pub_date, chrono::NaiveDate::from_ymd_opt(2021, 3, 4));
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.source.as_deref(), Some("Reuters"));
    assert!(
        d.text.starts_with("Delegations from the two countries"),
        "{}",
        d.text
    );
    assert!(!d.text.contains("Home"));
    assert!(!d.text.contains("Copyright"));
}

#[test]
fn jsonl_bad_lines_are_reported_and_skipped() {
    let p = tmp("docs.jsonl");
    let mut f = Vec::new();
    writeln!(
        f,
        "{}",
        serde_json::json!({"id": "a", "text": P1, "date": "2021-03-01", "title": "Talks"})
    )
    .unwrap();
    writeln!(f, "this is not json").unwrap();
    f.extend_from_slice(b"{\"text\": \"caf\xe9\"}\n");
    writeln!(f).unwrap();
    writeln!(
        f,
        "{}",
        serde_json::json!({"html": page("Shelling", P2), "url": "http://x/2"})
    )
    .unwrap();
    writeln!(f, "{}", serde_json::json!({"id": 7})).unwrap();
    writeln!(f, "{}", serde_json::json!({"text": P3, "source": "AP"})).unwrap();
    std::fs::write(&p, f).unwrap();
    let out = all(&p);
    let name = p.display().to_string();
    assert_eq!(
        ids(&out)
            .iter()
            .map(|s| s.replace(&name, "F"))
            .map(|s| s.split(": ").take(2).collect::<Vec<_>>().join(": "))
            .collect::<Vec<_>>(),
        [
            "a",
            "ERR F:line 2: not a JSON object",
            "ERR F:line 3: invalid UTF-8 at byte 13 of the line",
            "F#5",
            "ERR F:line 6: no `text` or `html` field with content",
            "F#7",
        ]
    );
    let a = out[0].as_ref().unwrap();
    assert_eq!(a.title.as_deref(), Some("Talks"));
    assert_eq!(a.dateline.as_ref().unwrap().year, None);
    assert_eq!(a.pub_date, chrono::NaiveDate::from_ymd_opt(2021, 3, 1));
    let b = out[3].as_ref().unwrap();
    assert_eq!(b.url.as_deref(), Some("http://x/2"));
    assert_eq!(b.dateline.as_ref().unwrap().year, Some(2021));
    assert!(b.text.starts_with("Azerbaijan accused Armenia"));
}

#[test]
fn warc_with_wrong_content_lengths() {
    for lie in [40i64, -25] {
        let p = tmp(&format!("crawl{lie}.warc"));
        let mut w = warcinfo();
        w.extend(warc_record("1", "http://a/1", &page("One", P1), 0));
        w.extend(warc_record("2", "http://a/2", &page("Two", P2), lie));
        w.extend(warc_record("3", "http://a/3", &page("Three", P3), 0));
        std::fs::write(&p, &w).unwrap();
        let out = all(&p);
        let got = ids(&out);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], "urn:uuid:1");
        assert!(
            got[1].starts_with(&format!("ERR {}@offset ", p.display())),
            "{}",
            got[1]
        );
        assert!(got[1].contains("Content-Length"), "{}", got[1]);
        assert_eq!(got[2], "urn:uuid:3", "lie {lie}");
        let d = out[2].as_ref().unwrap();
        assert_eq!(d.url.as_deref(), Some("http://a/3"));
        assert!(d.text.starts_with("Kenya's president"));
    }
}

#[test]
fn warc_gz_with_a_corrupt_and_a_truncated_member() {
    let p = tmp("crawl.warc.gz");
    let mut w = gz(&warcinfo());
    w.extend(gz(&warc_record("1", "http://a/1", &page("One", P1), 0)));
    let mut bad = gz(&warc_record("2", "http://a/2", &page("Two", P2), 0));
    let n = bad.len();
    for b in &mut bad[n / 3..n / 3 + 8] {
        *b ^= 0x5a;
    }
    w.extend(bad);
    w.extend(gz(&warc_record("3", "http://a/3", &page("Three", P3), 0)));
    let last = gz(&warc_record("4", "http://a/4", &page("Four", P1), 0));
    w.extend(&last[..last.len() / 2]);
    std::fs::write(&p, &w).unwrap();
    let got = ids(&all(&p));
    assert_eq!(
        got.first().map(String::as_str),
        Some("urn:uuid:1"),
        "{got:?}"
    );
    assert!(got.contains(&"urn:uuid:3".to_string()), "{got:?}");
    assert!(!got.contains(&"urn:uuid:2".to_string()), "{got:?}");
    assert!(got.iter().any(|g| g.contains("corrupt gzip")), "{got:?}");
    assert!(got.last().unwrap().contains("truncated gzip"), "{got:?}");
    assert!(
        got.iter()
            .all(|g| !g.starts_with("ERR") || g.contains("@offset")),
        "{got:?}"
    );
}

#[test]
fn truncated_gzip_text() {
    let p = tmp("story.txt.gz");
    let z = gz(format!("Title here\n\n{P1}\n").repeat(50).as_bytes());
    std::fs::write(&p, &z[..z.len() - 10]).unwrap();
    let out = all(&p);
    assert_eq!(out.len(), 1);
    let e = out[0].as_ref().unwrap_err().to_string();
    assert!(
        e.starts_with(&p.display().to_string()) && e.contains("truncated gzip"),
        "{e}"
    );
    // The whole file is fine.
    std::fs::write(&p, &z).unwrap();
    assert!(all(&p)[0].is_ok());
}

#[test]
fn huge_html_is_refused() {
    let p = tmp("huge.html");
    let mut f = std::fs::File::create(&p).unwrap();
    f.write_all(b"<html><body>").unwrap();
    let para = format!("<p>{P1}</p>\n").repeat(1000);
    while f.metadata().unwrap().len() < 100 << 20 {
        f.write_all(para.as_bytes()).unwrap();
    }
    drop(f);
    let out = all(&p);
    assert_eq!(out.len(), 1);
    let e = out[0].as_ref().unwrap_err().to_string();
    assert!(e.contains("huge.html") && e.contains("limit"), "{e}");
    std::fs::remove_file(&p).unwrap();
}

#[test]
fn deeply_nested_html_is_refused_without_overflow() {
    let p = tmp("deep.html");
    let html = format!(
        "<html><body>{}<p>{P1}</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(&p, html).unwrap();
    let out = all(&p);
    let e = out[0].as_ref().unwrap_err().to_string();
    assert!(e.contains("deep.html") && e.contains("nested"), "{e}");
    // Deep but unclosed inline soup within the limit still parses.
    let soup = format!(
        "<html><body><article>{}<p>{P1} {P2}</p></article></body></html>",
        "<span>".repeat(1500)
    );
    std::fs::write(&p, soup).unwrap();
    assert!(all(&p)[0].is_ok());
}

#[test]
fn stdin_style_stream() {
    let data = format!(
        "{}\n{}\n",
        serde_json::json!({"text": P1}),
        serde_json::json!({"text": P2})
    );
    let out: Vec<_> = input::read_stream(
        "-".into(),
        Box::new(std::io::Cursor::new(gz(data.as_bytes()))),
        Options::default(),
    )
    .collect();
    assert_eq!(ids(&out), ["-#1", "-#2"]);
}
