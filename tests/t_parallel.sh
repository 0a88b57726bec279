#!/bin/sh
# Articles are laid out in parallel (-j N); the outputs do not depend on
# N: the PDF, the EPUB and the layout dump of -j 1, -j 2 and -j 4 builds
# are byte-identical.
cd "$(dirname "$0")/.." || exit 2
FOLIO=${FOLIO:-$PWD/folio}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1561939200
for j in 1 2 4; do
  if ! FOLIO_LAYOUT_DUMP="$tmp/dump$j" "$FOLIO" build content -o "$tmp/out$j" -q -j $j; then
    echo "FAIL: parallel: -j $j build failed"; exit 1
  fi
done
for j in 2 4; do
  for f in dimensies.pdf dimensies.epub; do
    if cmp -s "$tmp/out1/$f" "$tmp/out$j/$f"; then
      echo "PASS: parallel: $f of -j $j is byte-identical to -j 1"
    else
      echo "FAIL: parallel: $f of -j $j differs from -j 1"
    fi
  done
  cmp -s "$tmp/dump1" "$tmp/dump$j" && echo "PASS: parallel: layout dump of -j $j as -j 1" \
    || echo "FAIL: parallel: layout dump of -j $j differs from -j 1"
done
[ "$(grep -c '^page' "$tmp/dump1")" -gt 10 ] && echo "PASS: parallel: the issue has pages to share" \
  || echo "FAIL: parallel: layout dump has too few pages"
"$FOLIO" build content -o "$tmp/bad" -q -j 0 2>/dev/null; rc=$?
[ "$rc" -eq 0 ] && echo "PASS: parallel: -j 0 means one per core" || echo "FAIL: parallel: -j 0 exit $rc"
"$FOLIO" build content -o "$tmp/bad" -q -j -3 2>/dev/null; rc=$?
[ "$rc" -eq 2 ] && echo "PASS: parallel: -j -3 is a usage error" || echo "FAIL: parallel: -j -3 exit $rc"
