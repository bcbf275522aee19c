#!/usr/bin/env python3
"""Validate dyad's gold event files: examples.jsonl and heldout.jsonl.

Run from anywhere: `python3 eval/dyad-gold/check.py`. Exits non-zero on the first
class of error found and prints every problem. Checks, per line: valid JSON with
exactly the expected keys; `content` identical to the article file it names; every
gold `sentence` verbatim in `content`; every code and alternative code in
data/cameo/codebook.tsv; actor codes shaped like CAMEO codes; no duplicate events;
held-out articles 80-250 words and sharing no long sentence with the examples.
"""
import datetime
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
KEYS = {'id', 'pub_date', 'content', 'events'}
EVENT_KEYS = {'sentence', 'source', 'target', 'code', 'alt_codes', 'optional'}
ACTOR = re.compile(r'[A-Z]{3}(?:[A-Z]{3}){0,3}')
ID = re.compile(r'h?\d{2,3}-[a-z0-9-]+')


def codebook():
    codes = set()
    for line in (REPO / 'data/cameo/codebook.tsv').read_text().splitlines():
        if line and not line.startswith('#'):
            code = line.split('\t')[0]
            if code.isdigit():
                codes.add(code)
    return codes


def check_file(path, article_dir, codes, problems):
    articles = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        where = f'{path.name}:{n}'
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f'{where}: not JSON: {e}')
            continue
        if set(obj) != KEYS:
            problems.append(f'{where}: keys {sorted(obj)} != {sorted(KEYS)}')
            continue
        aid, content = obj['id'], obj['content']
        if not ID.fullmatch(aid):
            problems.append(f'{where}: bad id {aid!r}')
        src = article_dir / f'{aid}.txt'
        if not src.is_file():
            problems.append(f'{where}: no article file {src}')
        elif src.read_text() != content:
            problems.append(f'{where}: content differs from {src}')
        try:
            date = datetime.date.fromisoformat(obj['pub_date'])
            if not 2024 <= date.year <= 2026:
                problems.append(f'{where}: pub_date {date} outside 2024-2026')
        except (TypeError, ValueError):
            problems.append(f'{where}: bad pub_date {obj["pub_date"]!r}')
        seen = set()
        for i, ev in enumerate(obj['events']):
            ew = f'{where} event {i}'
            if set(ev) != EVENT_KEYS:
                problems.append(f'{ew}: keys {sorted(ev)}')
                continue
            if not ev['sentence'] or ev['sentence'] not in content:
                problems.append(f'{ew}: sentence not verbatim in content: {ev["sentence"][:60]!r}')
            for c in [ev['code']] + ev['alt_codes']:
                if c not in codes:
                    problems.append(f'{ew}: code {c!r} not in the codebook')
            if ev['code'] in ev['alt_codes']:
                problems.append(f'{ew}: code repeated among alt_codes')
            for actor in (ev['source'], ev['target']):
                if actor is not None and not ACTOR.fullmatch(actor):
                    problems.append(f'{ew}: bad actor code {actor!r}')
            if ev['source'] is None:
                problems.append(f'{ew}: source is null')
            if not isinstance(ev['optional'], bool):
                problems.append(f'{ew}: optional is not a boolean')
            key = (ev['sentence'], ev['source'], ev['target'], ev['code'])
            if key in seen:
                problems.append(f'{ew}: duplicate event {key[1:]}')
            seen.add(key)
        articles.append(obj)
    return articles


def long_sentences(text):
    """Sentences of 8 words or more, for the no-reuse check."""
    parts = re.split(r'(?<=[.!?])\s+|(?<=[.!?]["”’])\s+', text)
    return {p.strip() for p in parts if len(p.split()) >= 8}


def main():
    codes = codebook()
    problems = []
    examples = check_file(HERE / 'examples.jsonl', REPO / 'examples', codes, problems)
    heldout = check_file(HERE / 'heldout.jsonl', HERE / 'heldout', codes, problems)
    for name, arts, folder in (('examples', examples, REPO / 'examples'),
                               ('heldout', heldout, HERE / 'heldout')):
        files = {p.stem for p in folder.glob('*.txt')}
        ids = [a['id'] for a in arts]
        if len(set(ids)) != len(ids):
            problems.append(f'{name}: duplicate ids')
        if files != set(ids):
            problems.append(f'{name}: files without gold {sorted(files - set(ids))}, '
                            f'gold without files {sorted(set(ids) - files)}')
    for a in heldout:
        words = len(a['content'].split())
        if not 80 <= words <= 250:
            problems.append(f'heldout {a["id"]}: {words} words, not 80-250')
    shared = set()
    for a in examples:
        shared |= long_sentences(a['content'])
    for a in heldout:
        for s in long_sentences(a['content']) & shared:
            problems.append(f'heldout {a["id"]} reuses an example sentence: {s[:60]!r}')
    for name, arts in (('examples', examples), ('heldout', heldout)):
        evs = [e for a in arts for e in a['events']]
        print(f'{name}: {len(arts)} articles, {len(evs)} events '
              f'({sum(not e["optional"] for e in evs)} required, '
              f'{sum(e["optional"] for e in evs)} optional)')
    for p in problems:
        print('ERROR', p)
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
