#!/bin/sh
# Runs each libFuzzer target (built by make with clang, address +
# undefined sanitizers) for SECONDS (default 60) on a seed corpus from tests/.
# Findings land in build/fuzz/; a crash makes this script fail.
# fuzz_reader: markdown + front matter -> tree -> XHTML.
# fuzz_pipeline: one article -> tree -> layout -> PDF and cover PNG.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET]   (TARGET: reader or pipeline)
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
# FUZZ_SEED fixes libFuzzer's random seed (the short run in make test uses
# one, so CI repeats what ran here); unset, every run explores anew.
seed_opt=""
[ -n "${FUZZ_SEED:-}" ] && seed_opt="-seed=$FUZZ_SEED"
# FUZZ_RUNS_<TARGET> (e.g. FUZZ_RUNS_READER=50000) stops after that many
# inputs: with a fixed seed the run is then the same on every machine.
mkdir -p build/fuzz
status=0
for target in tests/fuzz/fuzz_${2:-*}.c; do
  name=$(basename "$target" .c)
  # Built by `make` (the Makefile's fuzz rules); up to date, this is a no-op.
  make -s "build/fuzz/$name" >&2
  corpus="build/fuzz/corpus-${name#fuzz_}"
  mkdir -p "$corpus"
  seeds="tests/fuzz/corpus-${name#fuzz_}"
  runs_var="FUZZ_RUNS_$(echo "${name#fuzz_}" | tr '[:lower:]' '[:upper:]')"
  runs_opt=""
  eval "runs_val=\${$runs_var:-}"
  [ -n "$runs_val" ] && runs_opt="-runs=$runs_val"
  echo "fuzz: $name for ${secs}s${runs_val:+ or $runs_val inputs}"
  if ! LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" ASAN_OPTIONS=detect_leaks=1 "build/fuzz/$name" -max_total_time="$secs" -max_len=65536 \
       -timeout=20 -rss_limit_mb=2048 -artifact_prefix="build/fuzz/$name-" \
       -print_final_stats=1 $seed_opt $runs_opt "$corpus" "$seeds" 2>"build/fuzz/$name.log"; then
    tail -40 "build/fuzz/$name.log"
    status=1
  fi
  grep -aE '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' "build/fuzz/$name.log" || true
  echo "fuzz: $name corpus: $(ls "$corpus" | wc -l) files"
done
exit $status
