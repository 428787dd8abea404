#!/usr/bin/env bash
# Reproduces docs/performance.md: builds stance and the generator, installs
# the yardsticks (rapidyaml, PyYAML, deepdiff) and GNU time if missing,
# generates the negotiations under target/perf/, and prints the tables.
#
#     bash benches/perf.sh [RUNS] [--no-growth]   # default 7 runs per command
#
# The stage benchmarks are separate: cargo bench --bench stages
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    apt-get update -qq && apt-get install -y -qq time
fi
python3 -c 'import ryml, yaml, deepdiff' 2>/dev/null ||
    python3 -m pip install --quiet rapidyaml pyyaml deepdiff
# Apart: the example turns on the `testkit` feature, and the binary timed
# is the one `cargo build --release` ships, without it.
cargo build --release --quiet --bin stance
cargo build --release --quiet --example generate
python3 benches/perf.py "${1:-7}" "${@:2}"
