#!/bin/sh
# The style fuzzer (tests/tools/style_fuzz.c) for a fixed number of random
# style files with a fixed seed: known and unknown keys, values inside and
# outside their bounds.  folio must build or refuse with a diagnostic,
# never abort.  Longer runs: tests/slow/t_style_fuzz_long.sh.
cd "$(dirname "$0")/.." || exit 2
tools=${FOLIO_TOOLS:-build/tools}
"$tools/style_fuzz" "${STYLE_FUZZ_RUNS:-150}" "${STYLE_FUZZ_SEED:-1}"
