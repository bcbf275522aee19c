#!/usr/bin/env bash
# End-to-end throughput of `dyad code` (read, clean, split, tag, parse, code,
# write) on the example articles replicated to about 20 MB, on one core and
# on two. Prints the median of three runs of each and the peak memory.
#   bash bench/code.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-20}
dir=${TMPDIR:-/tmp}/dyad-bench-code
mkdir -p "$dir"
corpus="$dir/corpus-${mb}mb.jsonl"
if [ ! -s "$corpus" ]; then
  python3 - "$corpus" "$mb" <<'PY'
import json, pathlib, sys
out, mb = sys.argv[1], int(sys.argv[2])
arts = [(p.stem, p.read_text()) for p in sorted(pathlib.Path("examples").glob("*.txt"))]
size, n = 0, 0
with open(out, "w") as f:
    while size < mb * 1_000_000:
        stem, text = arts[n % len(arts)]
        line = json.dumps({"id": f"{stem}#{n}", "text": text, "date": "2025-06-01"}) + "\n"
        f.write(line)
        size += len(line.encode())
        n += 1
print(f"{n} articles, {size/1e6:.1f} MB -> {out}")
PY
fi
cargo build --release -q -p dyad
bin=target/release/dyad
run() { # cores threads
  for i in 1 2 3; do
    taskset -c "$1" "$bin" code "$corpus" --threads "$2" --stats 2>&1 >/dev/null | grep sentences/s
  done | sort -t: -k2 -n | sed -n 2p
}
echo "one core:  $(run 0 1)"
echo "two cores: $(run 0,1 2)"
/usr/bin/time -v "$bin" code "$corpus" --threads 2 2>&1 >/dev/null | grep -E "Maximum resident" | sed 's/^\s*/peak memory (2 threads): /'
