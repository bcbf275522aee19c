//! Ingest throughput on one core: WARC reading (decompression, record
//! framing, HTTP decoding), full HTML extraction and cleaning, and peak memory.
//!
//! `cargo run --release -p dyad-ingest --example bench_ingest -- FILE.warc.gz [--records-only] [--limit N]`

use std::path::PathBuf;
use std::time::Instant;

use dyad_ingest::{Options, input};

/// Peak resident memory of this process (Linux: VmHWM), in MB.
fn peak_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .expect("usage: bench_ingest FILE [--records-only] [--limit N]"),
    );
    let (mut records_only, mut limit) = (false, usize::MAX);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--records-only" => records_only = true,
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).expect("--limit N"),
            _ => panic!("unknown argument {a}"),
        }
    }
    let mut r = input::open_warc(&path, Options::default()).expect("open");
    let t0 = Instant::now();
    let (mut n, mut errors, mut html_bytes, mut text_bytes) = (0usize, 0usize, 0usize, 0usize);
    while n < limit {
        let Some(rec) = r.next_record() else { break };
        match rec {
            Ok(rec) => {
                n += 1;
                html_bytes += rec.html.len();
                if !records_only {
                    match dyad_ingest::html::parse(String::new(), &rec.html, rec.uri.as_deref()) {
                        Ok(raw) => {
                            text_bytes += dyad_ingest::clean(raw, &Options::default()).text.len()
                        }
                        Err(_) => errors += 1,
                    }
                }
            }
            Err(_) => errors += 1,
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let warc_bytes = if records_only && limit == usize::MAX {
        // Uncompressed WARC size, counted after the timed run.
        let f = std::fs::File::open(&path).unwrap();
        let mut s = input::open_stream(Box::new(f)).unwrap();
        let mut total = 0u64;
        loop {
            let b = s.read_bytes(1 << 20).unwrap();
            if b.is_empty() {
                break;
            }
            total += b.len() as u64;
        }
        total as f64
    } else {
        f64::NAN
    };
    println!(
        "{} records {n} errors {errors} in {secs:.2}s: {:.0} records/s, HTML {:.1} MB/s{}{}, peak memory {:.0} MB",
        if records_only {
            "read"
        } else {
            "read+extract+clean"
        },
        n as f64 / secs,
        html_bytes as f64 / secs / 1e6,
        if warc_bytes.is_nan() {
            String::new()
        } else {
            format!(", uncompressed WARC {:.1} MB/s", warc_bytes / secs / 1e6)
        },
        if records_only {
            String::new()
        } else {
            format!(", kept text {:.1} MB", text_bytes as f64 / 1e6)
        },
        peak_mb()
    );
}
