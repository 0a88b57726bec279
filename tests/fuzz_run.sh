#!/bin/sh
# Runs each libFuzzer target for FUZZ_RUNS_<TARGET> inputs (seed FUZZ_SEED),
# with SECONDS ($1) as a cap only, and prints PASS/FAIL lines.  Used by
# tests/t_fuzz.sh (short) and tests/slow/t_fuzz_long.sh (long).  Each run
# keeps its own output file, so the two may not overlap but need not.
cd "$(dirname "$0")/.." || exit 2
secs=${1:-120}
mkdir -p build
for target in reader pipeline; do
  out="build/fuzz-$target-$FUZZ_SEED-$(eval echo "\${FUZZ_RUNS_$(echo $target | tr a-z A-Z)}").out"
  if scripts/fuzz.sh "$secs" "$target" > "$out" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "$out" | awk '{print $2}')
    echo "PASS: fuzz: $target: ${runs:-?} inputs (seed $FUZZ_SEED) without a finding"
  else
    tail -30 "$out"
    echo "FAIL: fuzz: $target found a problem (see build/fuzz/)"
  fi
done
