#!/bin/sh
# The style fuzzer over many seeds (minutes): see tests/t_style_fuzz.sh.
cd "$(dirname "$0")/../.." || exit 2
tools=${FOLIO_TOOLS:-build/tools}
status=0
for seed in 1 2 3 4 5 6 7 8 9 10; do
  "$tools/style_fuzz" 1000 "$seed" || status=1
done
exit $status
