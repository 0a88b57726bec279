#!/bin/bash
# The test runner.  Two suites:
#
#   tests/run.sh test    (make test)  the unit tests and every tests/t_* script
#                        with the normal build: the fast loop, a few minutes.
#   tests/run.sh check   (make check) the slow runs: the same unit tests and
#                        scripts with the AddressSanitizer + UBSan build
#                        (build/asan/), and every tests/slow/t_* script
#                        (stress runs, the long fixed fuzz run, kill tests,
#                        scale tests).
#
# A test is a unit binary (test_*) or a script (t_*.sh, t_*.py).  Each prints
# `PASS: name` / `FAIL: name ...` lines; a test that exits non-zero without
# printing a FAIL line counts as one failure, and so does any sanitizer report.
# Scripts that opt out of the sanitizer pass say `# asan: skip` in their first
# lines (valgrind on an ASan binary does not work, the validators test files,
# not memory safety).  Tests run JOBS at a time (default: the number of
# cores); each writes only to its own temporary folders, so they may overlap.
# Scripts that must run alone (they time things or load the machine) say
# `# serial` in their first lines and run after the others.
# The last line is `N passed, N failed`.
cd "$(dirname "$0")/.." || exit 2
suite=${1:-test}
case "$suite" in test|check) ;; *) echo "usage: tests/run.sh [test|check]" >&2; exit 2 ;; esac
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
logdir=$(mktemp -d); trap 'rm -rf "$logdir"' EXIT
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

if [ "$suite" = test ]; then
  prefix=""; export FOLIO="$PWD/folio" FOLIO_TOOLS="$PWD/build/tools"; units=build/tests
  scripts="tests/t_*.sh tests/t_*.py"
else
  prefix="asan: "; export FOLIO="$PWD/build/asan/folio" FOLIO_TOOLS="$PWD/build/asan/tools"; units=build/asan/tests
  scripts="tests/t_*.sh tests/t_*.py"
fi

# The list of tests: "label<TAB>kind<TAB>path", in the order they report.
list=$logdir/list
: > "$list"
add() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$list"; }
for t in "$units"/test_*; do
  [ -x "$t" ] || continue
  case "$t" in *.d|*.o) continue ;; esac
  add "$prefix$t" unit "$t"
done
for t in $scripts; do
  [ -e "$t" ] || continue
  if [ "$suite" = check ] && head -5 "$t" | grep -q '# asan: skip'; then continue; fi
  add "$prefix$t" script "$t"
done
if [ "$suite" = check ]; then
  for t in tests/slow/t_*.sh tests/slow/t_*.py; do
    [ -e "$t" ] || continue
    # The slow scripts test the normal build (they time, load or kill it).
    add "$t" slow "$t"
  done
fi

run_one() { # n, label, kind, path
  n=$1 label=$2 kind=$3 t=$4
  start=$(date +%s.%N)
  (
    if [ "$kind" = slow ]; then export FOLIO="$PWD/folio" FOLIO_TOOLS="$PWD/build/tools"; fi
    case "$t" in
      *.py) exec python3 "$t" ;;
      *.sh) exec sh "$t" ;;
      *) exec "$t" ;;
    esac
  ) > "$logdir/$n.log" 2>&1
  echo $? > "$logdir/$n.rc"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }' > "$logdir/$n.time"
}

is_serial() { head -6 "$1" 2>/dev/null | grep -q '# serial'; }

# Parallel part first, then the serial scripts one by one.
n=0
while IFS='	' read -r label kind t; do
  n=$((n + 1))
  if is_serial "$t"; then continue; fi
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  run_one "$n" "$label" "$kind" "$t" &
done < "$list"
wait
n=0
while IFS='	' read -r label kind t; do
  n=$((n + 1))
  if is_serial "$t"; then run_one "$n" "$label" "$kind" "$t"; fi
done < "$list"

# Report in list order.
passed=0; failed=0; n=0
while IFS='	' read -r label kind t; do
  n=$((n + 1))
  log=$logdir/$n.log
  rc=$(cat "$logdir/$n.rc")
  echo "== $label ($(cat "$logdir/$n.time") s)"
  p=$(grep -c '^PASS: ' "$log"); f=$(grep -c '^FAIL: ' "$log")
  if [ "$kind" = unit ] || [ "$kind" = script ]; then
    sed "s/^\(PASS\|FAIL\): /\1: $prefix/" "$log"
  else
    cat "$log"
  fi
  if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' "$log" && [ "$kind" != slow ]; then
    echo "FAIL: $label: sanitizer report"; f=$((f + 1))
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL: $label exited with status $rc"; f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
done < "$list"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
