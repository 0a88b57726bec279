#!/bin/sh
# asan: skip (the fuzz targets are built with ASan and UBSan themselves)
# A short fuzzing run of each libFuzzer target (FUZZ_SECONDS, default 60)
# on the seed corpus in tests/fuzz/: any crash, leak, timeout or sanitizer
# report fails.  Longer runs: make fuzz FUZZ_SECONDS=600.
cd "$(dirname "$0")/.." || exit 2
secs=${FUZZ_SECONDS:-60}
# A fixed seed and a fixed number of inputs (about a minute each here): the
# run in CI repeats exactly the one made before submitting, rather than
# exploring somewhere new on every run; `make fuzz` is for exploring.
export FUZZ_SEED=${FUZZ_SEED:-1}
export FUZZ_RUNS_READER=${FUZZ_RUNS_READER:-40000}
export FUZZ_RUNS_PIPELINE=${FUZZ_RUNS_PIPELINE:-1500}
secs=$((secs * 3))  # a cap only; the runs bound the work
for target in reader pipeline; do
  if scripts/fuzz.sh "$secs" "$target" > "build/fuzz-$target.out" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "build/fuzz-$target.out" | awk '{print $2}')
    echo "PASS: fuzz: $target: ${runs:-?} inputs (seed $FUZZ_SEED) without a finding"
  else
    tail -30 "build/fuzz-$target.out"
    echo "FAIL: fuzz: $target found a problem (see build/fuzz/)"
  fi
done
