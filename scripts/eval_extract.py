#!/usr/bin/env python3
"""Side-by-side main-text extraction on trafilatura's benchmark: dyad against
trafilatura, scored the way trafilatura's evaluation does (a 'with' snippet in
the output is a true positive, missing a false negative; a 'without' snippet in
it a false positive, absent a true negative). Prints precision, recall, F1 and
pages/s for each.

    pip install trafilatura==2.3.1 lxml_html_clean
    python3 scripts/eval_extract.py [EVAL_DIR]     # default: ../shared/eval/trafilatura

dyad runs as `cargo run --release -p dyad-ingest --example eval_extract`, which
dumps its outputs (the cleaned body with its dateline put back in front, the
title left out, as trafilatura leaves it out); both tools are then scored by
the same function below. pages/s covers extraction only for trafilatura, and
reading, extraction and cleaning for dyad, one core each.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def score(outputs, data):
    tp = fn = fp = tn = 0
    for item in data.values():
        out = outputs.get(item["file"])
        if not isinstance(out, str):
            fn += len(item["with"])
            tn += len(item["without"])
            continue
        for s in item["with"]:
            if s in out:
                tp += 1
            else:
                fn += 1
        for s in item["without"]:
            if s in out:
                fp += 1
            else:
                tn += 1
    p = tp / (tp + fp)
    r = tp / (tp + fn)
    return p, r, 2 * p * r / (p + r), (tp, fn, fp, tn)


def run_trafilatura(evaldir, data):
    import trafilatura

    outputs = {}
    pages = [item["file"] for item in data.values()]
    htmls = []
    for f in pages:
        with open(os.path.join(evaldir, "pages", f), "rb") as fh:
            htmls.append(fh.read())
    t0 = time.perf_counter()
    for f, html in zip(pages, htmls):
        outputs[f] = trafilatura.extract(html)
    return outputs, len(pages) / (time.perf_counter() - t0), trafilatura.__version__


def run_dyad(evaldir):
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "dyad-ingest", "--example", "eval_extract"],
        cwd=ROOT,
        check=True,
    )
    exe = os.path.join(ROOT, "target", "release", "examples", "eval_extract")
    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "out.json")
        res = subprocess.run([exe, evaldir, "--dump", dump], capture_output=True, text=True, check=True)
        with open(dump) as fh:
            outputs = json.load(fh)
    # The example prints its own timing line, reading pages from disk included.
    line = res.stdout.strip().splitlines()[-1]
    pps = float(line.split("pages/s ")[1].split()[0])
    return outputs, pps


def main():
    evaldir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "eval", "trafilatura")
    with open(os.path.join(evaldir, "evaldata.json")) as fh:
        data = json.load(fh)
    rows = []
    outputs, pps = run_dyad(evaldir)
    rows.append(("dyad", pps) + score(outputs, data))
    if "--dyad-only" not in sys.argv:
        outputs, pps, version = run_trafilatura(evaldir, data)
        rows.append((f"trafilatura {version}", pps) + score(outputs, data))
    print(f"{'tool':<20} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8}   tp/fn/fp/tn")
    for name, pps, p, r, f1, counts in rows:
        print(f"{name:<20} {p:>9.3f} {r:>7.3f} {f1:>6.3f} {pps:>8.1f}   {'/'.join(map(str, counts))}")


if __name__ == "__main__":
    main()
