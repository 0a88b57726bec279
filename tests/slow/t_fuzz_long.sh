#!/bin/sh
# serial
# The long fixed fuzzing run (make check): seed 1, 40,000 reader inputs and
# 1,500 pipeline inputs, about a minute each here.  A fixed seed and count,
# so CI repeats exactly the run made before submitting.
cd "$(dirname "$0")/../.." || exit 2
export FUZZ_SEED=1 FUZZ_RUNS_READER=40000 FUZZ_RUNS_PIPELINE=1500
exec sh tests/fuzz_run.sh 300
