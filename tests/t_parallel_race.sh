#!/bin/sh
# serial
# Layout threads that meet must not change the PDF: ten -j 2 builds of
# tests/pdf/features at once, on a machine kept busy (two spinning shells),
# give the bytes of the -j 1 build, with Pango's own line breaking
# (FOLIO_LINEBREAK=first-fit, where a font's approximate character width
# counts in every paragraph) and with total fit.  Pango 1.50 makes a font's
# metrics behind an unlocked static flag: a font first measured while
# another thread was inside got no approximate width, and such runs
# justified lines differently (src/pdf/font_metrics.h).  The press
# edition, drawn on its own thread beside the reading edition, must give
# the -j 1 build's bytes too.  Timing-bound: a
# race is caught most runs, not every run; a pass never hides a wrong byte.
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
FOLIO=${FOLIO:-$ROOT/folio}
N=${RACE_BUILDS:-10}
tmp=$(mktemp -d)
spinners=""
cleanup() {
  for p in $spinners; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
cp -r "$ROOT/tests/pdf/features" "$tmp/content"
cp -r "$ROOT/styles" "$tmp/styles"
ln -s "$ROOT/fonts" "$tmp/fonts"
cd "$tmp" || exit 2
export SOURCE_DATE_EPOCH=1561939200

for mode in first-fit total-fit; do
  if ! FOLIO_LINEBREAK=$mode "$FOLIO" build content -o "ref-$mode" -q -j 1 2>/dev/null; then
    echo "FAIL: parallel race: -j 1 build ($mode) failed"; exit 1
  fi
done
for i in 1 2; do
  sh -c 'while :; do :; done' &
  spinners="$spinners $!"
done
for mode in first-fit total-fit; do
  pids=""
  i=1
  while [ "$i" -le "$N" ]; do
    FOLIO_LINEBREAK=$mode "$FOLIO" build content -o "out-$mode-$i" -q -j 2 2>/dev/null &
    pids="$pids $!"
    i=$((i + 1))
  done
  failed=0
  for p in $pids; do wait "$p" || failed=$((failed + 1)); done
  same=0
  i=1
  while [ "$i" -le "$N" ]; do
    cmp -s "ref-$mode/proefdruk.pdf" "out-$mode-$i/proefdruk.pdf" &&
      cmp -s "ref-$mode/proefdruk-press.pdf" "out-$mode-$i/proefdruk-press.pdf" &&
      same=$((same + 1))
    i=$((i + 1))
  done
  if [ "$failed" -eq 0 ] && [ "$same" -eq "$N" ]; then
    echo "PASS: parallel race: $N concurrent -j 2 builds ($mode) under load are byte-identical to -j 1 (both PDFs)"
  else
    echo "FAIL: parallel race: $mode: $same of $N concurrent -j 2 builds give the -j 1 PDFs ($failed builds failed)"
  fi
done
