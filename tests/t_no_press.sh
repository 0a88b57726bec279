#!/bin/sh
# The press edition is drawn on its own thread beside the reading edition
# and the EPUB; --no-press leaves it out.  A full build, built twice, gives
# the same three files; a --no-press build gives the same reading PDF and
# EPUB, no press PDF, and removes the press PDF an earlier build left (it
# would not match the new sources).
cd "$(dirname "$0")/.." || exit 2
FOLIO=${FOLIO:-$PWD/folio}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1561939200
for o in a b; do
  "$FOLIO" build content -o "$tmp/$o" -q 2>/dev/null || { echo "FAIL: no-press: full build failed"; exit 1; }
done
same=1
for f in dimensies.pdf dimensies-press.pdf dimensies.epub; do
  cmp -s "$tmp/a/$f" "$tmp/b/$f" || { same=0; echo "FAIL: no-press: $f differs between two full builds"; }
done
[ $same = 1 ] && echo "PASS: no-press: two full builds give the same three files"
if pdfinfo "$tmp/b/dimensies-press.pdf" 2>/dev/null | grep -q '^Pages: *[1-9]'; then
  echo "PASS: no-press: the press edition is a PDF with pages"
else
  echo "FAIL: no-press: the press edition is no readable PDF"
fi
# b had a press PDF: --no-press removes it and writes the other two
"$FOLIO" build content -o "$tmp/b" -q --no-press 2>/dev/null || { echo "FAIL: no-press: build failed"; exit 1; }
[ ! -e "$tmp/b/dimensies-press.pdf" ] && echo "PASS: no-press: no press edition is left" \
  || echo "FAIL: no-press: a press edition is still in the output folder"
for f in dimensies.pdf dimensies.epub; do
  cmp -s "$tmp/a/$f" "$tmp/b/$f" && echo "PASS: no-press: $f is the full build's" \
    || echo "FAIL: no-press: $f differs from the full build's"
done
