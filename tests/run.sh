#!/bin/sh
# Runs every test twice: with the normal build, then with the build under
# AddressSanitizer + UndefinedBehaviorSanitizer (build/asan/), where any
# sanitizer report fails the test that triggered it.  Prints one summary
# line at the end: `N passed, N failed`.
#
# A test is a unit binary (build/tests/test_*) or a script (tests/t_*.sh,
# tests/t_*.py).  Each prints `PASS: name` / `FAIL: name ...` lines; a test
# that exits non-zero without printing a FAIL line counts as one failure.
# Scripts that opt out of the sanitizer pass say `# asan: skip` in their
# first lines (valgrind on an ASan binary does not work, and the slow
# validators test files, not memory safety).
cd "$(dirname "$0")/.." || exit 2
passed=0; failed=0
log=$(mktemp); trap 'rm -f "$log"' EXIT
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

run_one() { # label, command...
  label=$1; shift
  echo "== $label"
  "$@" >"$log" 2>&1
  rc=$?
  sed "s/^\(PASS\|FAIL\): /\1: $prefix/" "$log"
  p=$(grep -c '^PASS: ' "$log"); f=$(grep -c '^FAIL: ' "$log")
  if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' "$log"; then
    echo "FAIL: $prefix$label: sanitizer report"; f=$((f + 1))
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL: $prefix$label exited with status $rc"; f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
}

for pass in plain asan; do
  if [ "$pass" = plain ]; then
    prefix=""; export FOLIO="$PWD/folio" FOLIO_TOOLS="$PWD/build/tools"; units=build/tests
  else
    prefix="asan: "; export FOLIO="$PWD/build/asan/folio" FOLIO_TOOLS="$PWD/build/asan/tools"; units=build/asan/tests
  fi
  for t in "$units"/test_* tests/t_*.sh tests/t_*.py; do
    [ -e "$t" ] || continue
    case "$t" in *.d|*.o) continue ;; esac
    if [ "$pass" = asan ] && head -5 "$t" 2>/dev/null | grep -q '# asan: skip'; then
      continue
    fi
    case "$t" in
      *.py) run_one "$prefix$t" python3 "$t" ;;
      *.sh) run_one "$prefix$t" sh "$t" ;;
      *) run_one "$prefix$t" "$t" ;;
    esac
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
