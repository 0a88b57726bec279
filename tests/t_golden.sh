#!/bin/sh
# Golden test: `folio tree content` equals the checked-in tree.  After an
# intended change to the reader or the content, regenerate with
#   ./folio tree content > tests/golden/dimensies.tree.txt
# and review the diff like any other change.
cd "$(dirname "$0")/.." || exit 2
FOLIO=${FOLIO:-$PWD/folio}
out=$(mktemp); trap 'rm -f "$out"' EXIT
if ! "$FOLIO" tree content > "$out"; then
  echo "FAIL: golden: folio tree content exited non-zero"; exit 1
fi
if diff -u tests/golden/dimensies.tree.txt "$out" > "$out.diff"; then
  echo "PASS: golden: folio tree content matches tests/golden/dimensies.tree.txt"
else
  head -40 "$out.diff"; echo "FAIL: golden: tree differs (see diff above)"
fi
rm -f "$out.diff"
