#!/usr/bin/env python3
"""Writes a synthetic crawl for ingest benchmarks: a WARC with per-record gzip
members as Common Crawl writes them (request, response and metadata records
per page), HTML pages of realistic size and layout (inline scripts and styles,
navigation, an article, related links, footer). Deterministic.

    python3 bench/ingest/make_warc.py /tmp/bench.warc.gz 1024   # ~1 GB uncompressed

Never commit the output.
"""
import gzip
import random
import sys
import uuid
import zlib

WORDS = ("the of and to in a said on for that with was as by at from his it an were are which this be has have "
         "government minister talks ceasefire border president military officials agreement forces security "
         "foreign ministry statement meeting country region troops election parliament opposition protest police "
         "capital sanctions trade economy energy gas oil prices aid humanitarian refugees negotiations delegation "
         "spokesman week monday tuesday wednesday thursday friday council union nations international").split()


def sentence(r):
    n = r.randint(12, 30)
    w = [r.choice(WORDS) for _ in range(n)]
    return w[0].capitalize() + " " + " ".join(w[1:]) + "."


def page(r, i):
    title = " ".join(r.choice(WORDS) for _ in range(8)).capitalize()
    paras = "\n".join("<p>" + " ".join(sentence(r) for _ in range(r.randint(2, 4))) + "</p>"
                      for _ in range(r.randint(6, 14)))
    script = "var cfg={" + ",".join(f'"k{j}":"{r.getrandbits(64):x}"' for j in range(r.randint(600, 1600))) + "};"
    style = "".join(f".c{j}{{margin:{j % 9}px;color:#{r.getrandbits(24):06x}}}" for j in range(r.randint(300, 900)))
    nav = "".join(f'<li><a href="/s/{j}">{r.choice(WORDS)}</a></li>' for j in range(40))
    related = "".join(f'<li><a href="/a/{r.getrandbits(32)}">{sentence(r)[:70]}</a></li>' for _ in range(12))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2023-05-{1 + i % 28:02d}T10:00:00Z">
<style>{style}</style><script>{script}</script></head><body>
<header><nav><ul>{nav}</ul></nav></header>
<div id="cookie-banner">We use cookies to improve your experience.</div>
<main><article><h1>{title}</h1><div class="article-body">{paras}</div>
<div class="share">Share this article</div></article>
<aside class="related"><h3>Related</h3><ul>{related}</ul></aside></main>
<footer>Copyright 2023 Example News. All rights reserved.</footer></body></html>"""


def record(kind, uri, content_type, block):
    rid = uuid.UUID(int=random.getrandbits(128))
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
            f"WARC-Target-URI: {uri}\r\nWARC-Date: 2023-05-30T12:00:00Z\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def main():
    out, mb = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1024
    r = random.Random(1)
    random.seed(2)
    total = 0
    with open(out, "wb") as fh:
        i = 0
        while total < mb * 1e6:
            uri = f"https://news.example.org/{i}"
            html = page(r, i).encode()
            req = f"GET /{i} HTTP/1.1\r\nHost: news.example.org\r\n\r\n".encode()
            resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
            meta = b"fetchTimeMs: 120\r\n"
            for rec in (record("request", uri, "application/http; msgtype=request", req),
                        record("response", uri, "application/http; msgtype=response", resp),
                        record("metadata", uri, "application/warc-fields", meta)):
                fh.write(member(rec))
                total += len(rec)
            i += 1
    print(f"{out}: {i} pages, {total / 1e6:.0f} MB uncompressed")


if __name__ == "__main__":
    main()
