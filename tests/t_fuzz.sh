#!/bin/sh
# asan: skip (the fuzz targets are built with ASan and UBSan themselves)
# A short fuzzing run of each libFuzzer target on the seed corpus in
# tests/fuzz/: any crash, leak, timeout or sanitizer report fails.  A fixed
# seed and a fixed, small number of inputs, so the run takes seconds and CI
# repeats exactly the run made before submitting.  The long fixed run is
# tests/slow/t_fuzz_long.sh (make check); `make fuzz` explores anew.
cd "$(dirname "$0")/.." || exit 2
export FUZZ_SEED=${FUZZ_SEED:-1}
export FUZZ_RUNS_READER=${FUZZ_RUNS_READER:-4000}
export FUZZ_RUNS_PIPELINE=${FUZZ_RUNS_PIPELINE:-150}
exec sh tests/fuzz_run.sh "${FUZZ_SECONDS:-120}"
