#!/bin/sh
# Hyphenation dictionaries are kept as loaded (src/pdf/hyphen_snapshot.c),
# because libhyphen takes seconds to load Debian's German patterns.  A
# German issue built with an empty snapshot folder (libhyphen loads the
# patterns, the snapshot is written) and again (read from the snapshot)
# must give the same bytes, and its long words must be hyphenated (so the
# patterns were really used).
cd "$(dirname "$0")/.." || exit 2
FOLIO=${FOLIO:-$PWD/folio}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1561939200
"$FOLIO" new "$tmp/heft" --lang de >/dev/null 2>&1 || { echo "FAIL: hyphen-snapshot: folio new failed"; exit 1; }
{
  printf -- '---\ntitle: Schifffahrt\ntype: feature\n---\n\n'
  i=0
  while [ $i -lt 12 ]; do
    printf 'Die Donaudampfschifffahrtsgesellschaft und die Rechtsschutzversicherungsgesellschaften '
    printf 'verhandelten über Geschwindigkeitsbegrenzungen, Arbeitsunfähigkeitsbescheinigungen und '
    printf 'die Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung. '
    i=$((i + 1))
  done
  printf '\n'
} > "$tmp/heft/first-article.md"
snap="$tmp/snapshots"
for run in cold snapshot; do
  FOLIO_HYPHEN_CACHE="$snap" "$FOLIO" build "$tmp/heft" -o "$tmp/$run" -q 2>/dev/null \
    || { echo "FAIL: hyphen-snapshot: $run build failed"; exit 1; }
done
if ls "$snap"/hyphen/hyph_de*.snapshot >/dev/null 2>&1; then
  echo "PASS: hyphen-snapshot: the German patterns' snapshot was written"
else
  echo "FAIL: hyphen-snapshot: no snapshot of hyph_de in $snap/hyphen"; ls -R "$snap"
fi
for f in heft.pdf heft-press.pdf heft.epub; do
  if cmp -s "$tmp/cold/$f" "$tmp/snapshot/$f"; then
    echo "PASS: hyphen-snapshot: $f is the same from libhyphen's load and from the snapshot"
  else
    echo "FAIL: hyphen-snapshot: $f differs between libhyphen's load and the snapshot"
  fi
done
# a line broken inside a word ends in the hyphen folio's text layer
# writes there: U+00AD (or U+002D)
shy=$(printf '\302\255')
n=$(pdftotext "$tmp/snapshot/heft.pdf" - 2>/dev/null | grep -c -e "[[:alpha:]]$shy\$" -e '[[:alpha:]]-$')
if [ "$n" -ge 3 ]; then
  echo "PASS: hyphen-snapshot: German words are hyphenated at line ends ($n lines)"
else
  echo "FAIL: hyphen-snapshot: only $n lines end in a hyphenated word"
fi
