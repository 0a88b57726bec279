#!/bin/sh
# asan: skip (the benchmark times the normal build)
# Smoke test of the benchmark: `scripts/bench.py --quick` runs and prints
# its table.  It asserts no timing (timings are noisy); `make bench` is
# where the figures come from.
cd "$(dirname "$0")/.." || exit 2
out=$(mktemp); trap 'rm -f "$out"' EXIT
if ! python3 scripts/bench.py --quick > "$out" 2>&1; then
  cat "$out"; echo "FAIL: bench: scripts/bench.py --quick failed"; exit 1
fi
for row in "cold cache" "warm cache" "one-article edit"; do
  if grep -q "folio.*$row.* ms " "$out"; then
    echo "PASS: bench: prints the $row row"
  else
    cat "$out"; echo "FAIL: bench: no $row row"
  fi
done
