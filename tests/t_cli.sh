#!/bin/sh
# The command line: --help and --version, exit status 2 for usage errors,
# 1 for input errors, 0 for success; re-running make does no work.
cd "$(dirname "$0")/.." || exit 2
FOLIO=${FOLIO:-$PWD/folio}
t() { # name, expected status, command...
  name=$1; want=$2; shift 2
  "$@" >/dev/null 2>&1; got=$?
  [ "$got" -eq "$want" ] && echo "PASS: cli: $name" || echo "FAIL: cli: $name (status $got, want $want)"
}
t "--help exits 0" 0 "$FOLIO" --help
t "unknown command is a usage error" 2 "$FOLIO" frobnicate
t "unknown option is a usage error" 2 "$FOLIO" tree --frobnicate
t "too many arguments is a usage error" 2 "$FOLIO" tree a b
t "no command is a usage error" 2 "$FOLIO"
t "missing content folder is an input error" 1 "$FOLIO" tree /nonexistent/content
t "tree of the bundled issue succeeds" 0 "$FOLIO" tree content
"$FOLIO" --version | grep -qE '^folio [0-9]+\.[0-9]+\.[0-9]+$' \
  && echo "PASS: cli: --version prints folio X.Y.Z" || echo "FAIL: cli: --version"
"$FOLIO" --help | grep -q 'build' && echo "PASS: cli: --help lists the commands" \
  || echo "FAIL: cli: --help does not list the commands"
if [ "${FOLIO#$PWD/build/asan}" = "$FOLIO" ]; then
  # Only meaningful for the normal build, which `make` itself produces.
  make -q all >/dev/null 2>&1 && echo "PASS: cli: make with nothing changed has nothing to do" \
    || echo "FAIL: cli: make -q all says work remains after make"
fi
