#!/bin/sh
# asan: skip
# The reader on the bundled issue under valgrind memcheck: no invalid reads
# or writes, no use of uninitialised memory, no definite or indirect leaks.
cd "$(dirname "$0")/.." || exit 2
FOLIO=${FOLIO:-$PWD/folio}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "FAIL: memcheck: valgrind is not installed (scripts/install-deps.sh test)"; exit 1
fi
log=$(mktemp); trap 'rm -f "$log"' EXIT
for cmd in tree text; do
  if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
       --show-leak-kinds=definite,indirect "$FOLIO" "$cmd" content >/dev/null 2>"$log"; then
    echo "PASS: memcheck: folio $cmd content"
  else
    head -60 "$log"; echo "FAIL: memcheck: folio $cmd content"
  fi
done
