#!/bin/sh
# Runs every test and prints one summary line, `N passed, N failed`.
# A test is a unit binary (build/tests/test_*) or a script (tests/t_*.sh,
# tests/t_*.py).  Each prints `PASS: name` / `FAIL: name ...` lines; a test
# that exits non-zero without printing a FAIL line counts as one failure.
cd "$(dirname "$0")/.." || exit 2
export FOLIO="$PWD/folio"
passed=0; failed=0
log=$(mktemp); trap 'rm -f "$log"' EXIT
for t in build/tests/test_* tests/t_*.sh tests/t_*.py; do
  [ -e "$t" ] || continue
  case "$t" in *.d|*.o) continue ;; esac
  echo "== $t"
  case "$t" in
    *.py) python3 "$t" >"$log" 2>&1 ;;
    *.sh) sh "$t" >"$log" 2>&1 ;;
    *) "$t" >"$log" 2>&1 ;;
  esac
  rc=$?
  cat "$log"
  p=$(grep -c '^PASS: ' "$log"); f=$(grep -c '^FAIL: ' "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL: $t exited with status $rc"; f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
