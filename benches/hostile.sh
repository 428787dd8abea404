#!/usr/bin/env bash
# How fast and how small `stance check` stays on hostile input: an alias
# bomb, 80,000-deep flow nesting, 2,000-deep block nesting, and a file one
# byte over the size limit. Prints, per case, the median wall time and the
# median peak memory of RUNS runs (default 11), all cases interleaved.
#
#   bash benches/hostile.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
cargo build --release --quiet
bin=target/release/stance
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_case() { # name, then a python expression printing the party file
    mkdir -p "$work/$1"
    cp tests/fixtures/warnings/agenda.yaml tests/fixtures/warnings/beta.yaml "$work/$1/"
    python3 -c "import sys; sys.stdout.write($2)" > "$work/$1/alpha.yaml"
}
make_case flow-nesting "'['*80000 + ']'*80000"
make_case block-nesting "''.join(' '*i + 'k:\n' for i in range(2000))"
make_case over-size-limit "'#'*(16*1024*1024+1)"
cp -r tests/fixtures/invalid/alias-bomb "$work/alias-bomb"
cases=(alias-bomb flow-nesting block-nesting over-size-limit)

for ((i = 0; i < runs; i++)); do
    for c in "${cases[@]}"; do
        /usr/bin/time -f "$c %e %M" -a -o "$work/times" "$bin" check "$work/$c" >/dev/null 2>&1 || true
    done
done
printf '%-16s %12s %14s\n' case "median s" "median peak KB"
for c in "${cases[@]}"; do
    secs=$(awk -v c="$c" '$1 == c {print $2}' "$work/times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    kb=$(awk -v c="$c" '$1 == c {print $3}' "$work/times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-16s %12s %14s\n' "$c" "$secs" "$kb"
done
