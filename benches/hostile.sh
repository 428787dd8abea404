#!/usr/bin/env bash
# How fast and how small `stance` stays on hostile input: inputs within
# the limits of docs/limits.md, shaped to make it work hard. Prints, per
# case, the median wall time and the median peak memory of RUNS runs
# (default 5), all cases interleaved.
#
#   bash benches/hostile.sh [RUNS] [STANCE]
#
# STANCE: the binary to time (default: this tree's release build), e.g.
# one built from an older commit, to time the same inputs before a change.
# A run is stopped after TIMEOUT seconds (default 600) and shown as `>600`.
#
# The parser's limits (`stance check`):
#   alias-bomb, flow-nesting, block-nesting, over-size-limit
# Diagnostics (`stance check`; benches/hostile.py makes the folders):
#   bad-dates               20,000 impossible dates, one error each (1.1 MB)
#   bad-dates-one-line      the same on one 0.7 MB line
#   unknown-issues          500,000 stances on unknown issues (13 MB)
#   unknown-big-agenda      100,000 unknown issues, 10,000 on the agenda
#   unknown-sources         10,000 stances naming none of 100,000 sources
#   unknown-options         200,000 unknown options of a 1,000-option issue
#   long-ids                100 unknown ids of 100,000 characters
# The mediator's view (`stance compare`):
#   deal-300, deal-1000     16 two-way conflicts whose stances require each
#                           other, over 300 and 1,000 parties
#   blocked-chain           300 parties, each requiring the next of 16 issues
#   blocked-by-conflict     1,000 parties requiring one split issue (JSON,
#                           pairs listed)
#   tied-options            1,000 parties, 10 issues of 1,000 tied options
# Quotes checked against their source's text (`stance check`):
#   quotes-text-4, -15      a text of 4 and 15 MiB of made-up words, 200
#                           quotes of it, 20 of them altered (errors, each
#                           with the nearest passage of the whole text)
#   quotes-periodic-4, -15  `a a a ...` for 4 and 15 MiB, quoted by a
#                           99,999-character quote, a 2,000-character one
#                           with a word changed, and 16,000 `a` elided
#
# CASES="a b" runs only those cases (e.g. the two sizes of one, to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
if [[ -n ${2:-} ]]; then
    bin=$(realpath "$2")
else
    cargo build --release --quiet
    bin=target/release/stance
fi
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
shape() { # name, then benches/hostile.py's case and size
    if [[ -z ${CASES:-} || " $CASES " == *" $1 "* ]]; then
        python3 benches/hostile.py "$2" "$work/$1" "${@:3}"
    fi
}
shape bad-dates bad-dates
shape bad-dates-one-line bad-dates-one-line
shape unknown-issues unknown-issues
shape unknown-big-agenda unknown-issues-big-agenda
shape unknown-sources unknown-sources
shape unknown-options unknown-options
shape long-ids long-ids
shape deal-300 deal 300
shape deal-1000 deal 1000
shape blocked-chain blocked-chain 300
shape blocked-by-conflict blocked-by-conflict 1000
shape tied-options tied-options
shape quotes-text-4 quotes-text 4
shape quotes-text-15 quotes-text 15
shape quotes-periodic-4 quotes-periodic 4
shape quotes-periodic-15 quotes-periodic 15

# What each case runs, after the binary and before the folder.
declare -A how=(
    [deal-300]="compare --pairs counts"
    [deal-1000]="compare --pairs counts"
    [blocked-chain]="compare --pairs counts --format json"
    [blocked-by-conflict]="compare --format json"
    [tied-options]="compare --pairs counts --format json"
)
cases=(alias-bomb flow-nesting block-nesting over-size-limit
    bad-dates bad-dates-one-line unknown-issues unknown-big-agenda
    unknown-sources unknown-options long-ids
    deal-300 deal-1000 blocked-chain blocked-by-conflict tied-options
    quotes-text-4 quotes-text-15 quotes-periodic-4 quotes-periodic-15)
if [[ -n ${CASES:-} ]]; then
    read -r -a cases <<<"$CASES"
fi

for ((i = 0; i < runs; i++)); do
    for c in "${cases[@]}"; do
        # shellcheck disable=SC2086 # the command's words
        /usr/bin/time -f "$c %e %M %x" -a -o "$work/times" \
            timeout "${TIMEOUT:-600}" "$bin" ${how[$c]:-check} "$work/$c" >"$work/out" 2>&1 || true
        wc -c <"$work/out" | sed "s/^/$c /" >>"$work/sizes"
    done
done
median() { # case, column
    awk -v c="$1" -v k="$2" -v t="${TIMEOUT:-600}" \
        '$1 == c {print ($4 == 124 && k == 2) ? ">" t : $k}' "$work/times" |
        sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
printf '%-20s %9s %15s %15s\n' case "median s" "median peak KB" "output bytes"
for c in "${cases[@]}"; do
    bytes=$(awk -v c="$c" '$1 == c {print $2}' "$work/sizes" | tail -1)
    printf '%-20s %9s %15s %15s\n' "$c" "$(median "$c" 2)" "$(median "$c" 3)" "$bytes"
done
