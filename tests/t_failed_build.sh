#!/bin/sh
# A build that fails keeps the previous outputs byte for byte, says so, and
# exits 1; the next good build replaces them.
cd "$(dirname "$0")/.." || exit 2
FOLIO=${FOLIO:-$PWD/folio}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r content styles "$tmp/" && ln -s "$PWD/fonts" "$tmp/fonts"
cd "$tmp" || exit 2
export SOURCE_DATE_EPOCH=1561939200
if ! "$FOLIO" build content -o out -q; then echo "FAIL: failed-build: first build failed"; exit 1; fi
before=$(cat out/dimensies.epub out/dimensies.pdf | sha256sum)
printf '\n::: kader\nfout\n:::\n' >> content/vooraf.md
"$FOLIO" build content -o out -q 2> err.txt
rc=$?
after=$(cat out/dimensies.epub out/dimensies.pdf | sha256sum)
[ "$rc" -eq 1 ] && echo "PASS: failed-build: exit status 1" || echo "FAIL: failed-build: exit status $rc"
[ "$before" = "$after" ] && echo "PASS: failed-build: previous outputs unchanged" \
  || echo "FAIL: failed-build: outputs changed by a failed build"
grep -q 'content/vooraf.md:[0-9]*:5: error: unknown block `::: kader`' err.txt \
  && echo "PASS: failed-build: error names file:line:col" || { cat err.txt; echo "FAIL: failed-build: no positioned error"; }
grep -q 'previous outputs in out are unchanged' err.txt \
  && echo "PASS: failed-build: says the old outputs are kept" || echo "FAIL: failed-build: does not say outputs are kept"
ls out | grep -q 'tmp-' && echo "FAIL: failed-build: temporary files left" || echo "PASS: failed-build: no temporary files left"
cp "$OLDPWD/content/vooraf.md" content/vooraf.md
"$FOLIO" build content -o out -q
[ "$(cat out/dimensies.epub out/dimensies.pdf | sha256sum)" = "$before" ] \
  && echo "PASS: failed-build: next good build writes the outputs again" || echo "FAIL: failed-build: good build after failure differs"
