#!/bin/sh
# Runs each libFuzzer target for FUZZ_RUNS_<TARGET> inputs (seed FUZZ_SEED),
# with SECONDS ($1) as a cap only, and prints PASS/FAIL lines.  Used by
# tests/t_fuzz.sh (short) and tests/slow/t_fuzz_long.sh (long).  Each run
# keeps its own output file, so the two may not overlap but need not.
# The pipeline target writes every input it executes (FUZZ_SAVE_INPUTS);
# tests/fuzz_words.py then builds each one with folio and checks the word
# invariant on it: every input of the fixed run, not only those kept.
cd "$(dirname "$0")/.." || exit 2
secs=${1:-120}
mkdir -p build
for target in reader pipeline; do
  runs=$(eval echo "\${FUZZ_RUNS_$(echo $target | tr a-z A-Z)}")
  out="build/fuzz-$target-$FUZZ_SEED-$runs.out"
  save=""
  if [ "$target" = pipeline ]; then
    save="build/fuzz/inputs-$target-$FUZZ_SEED-$runs"
    rm -rf "$save"
  fi
  if FUZZ_SAVE_INPUTS="$save" scripts/fuzz.sh "$secs" "$target" > "$out" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "$out" | awk '{print $2}')
    echo "PASS: fuzz: $target: ${runs:-?} inputs (seed $FUZZ_SEED) without a finding"
  else
    tail -30 "$out"
    echo "FAIL: fuzz: $target found a problem (see build/fuzz/)"
  fi
  if [ -n "$save" ]; then
    python3 tests/fuzz_words.py "$save" && rm -rf "$save"
  fi
done
