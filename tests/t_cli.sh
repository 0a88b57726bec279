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
t "new without a folder is a usage error" 2 "$FOLIO" new
t "new with a bad --lang is a usage error" 2 "$FOLIO" new /nonexistent/x --lang english
t "an unknown --style is a usage error" 2 "$FOLIO" build content -o /nonexistent/out --style nosuch
help=$("$FOLIO" --help)
[ "$(printf '%s\n' "$help" | grep -c '^Usage:')" -eq 1 ] &&
  printf '%s\n' "$help" | grep -A1 '^Usage:' | grep -q 'folio \[OPTION.*\] COMMAND \[DIR\]$' &&
  echo "PASS: cli: --help opens with one usage line" || echo "FAIL: cli: --help usage line"
for cmd in build proof watch tree text new; do
  printf '%s\n' "$help" | grep -qE "^  $cmd +" || echo "FAIL: cli: --help lacks the command $cmd"
done
echo "PASS: cli: --help has one line for each command"
for word in XDG_CONFIG_HOME SOURCE_DATE_EPOCH FOLIO_TRACE FOLIO_LINEBREAK 'Exit status' \
            '--style FILE|NAME' 'style: NAME in issue.yaml' 'XDG_CONFIG_HOME/folio/styles' \
            'share/folio/styles' 'Example:' '--lang' '--verbose'; do
  printf '%s\n' "$help" | grep -qF -- "$word" || echo "FAIL: cli: --help does not mention $word"
done
echo "PASS: cli: --help names the environment, exit statuses, style lookup order and an example"
for word in 'STYLE LOOKUP' ENVIRONMENT 'EXIT STATUS' EXAMPLE XDG_CONFIG_HOME SOURCE_DATE_EPOCH; do
  grep -q "$word" docs/folio.1 || echo "FAIL: cli: the man page lacks $word"
done
echo "PASS: cli: the man page has the lookup order, environment, exit statuses and an example"
if [ "${FOLIO#$PWD/build/asan}" = "$FOLIO" ]; then
  # Only meaningful for the normal build, which `make` itself produces.
  make -q all >/dev/null 2>&1 && echo "PASS: cli: make with nothing changed has nothing to do" \
    || echo "FAIL: cli: make -q all says work remains after make"
fi
