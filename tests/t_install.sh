#!/bin/sh
# asan: skip (make install installs the plain build)
# Installed use: `make install DESTDIR=$tmp PREFIX=/usr`, then the
# installed folio, run from /, builds an issue folder that has no styles
# or fonts of its own, and `folio new` + `folio build` writes both
# outputs; a moved installation still finds its data; `make uninstall`
# removes every file again.
cd "$(dirname "$0")/.." || exit 2
root=$PWD
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass() { echo "PASS: install: $1"; }
fail() { echo "FAIL: install: $1"; }

if make -s install DESTDIR="$tmp/stage" PREFIX=/usr >"$tmp/make.log" 2>&1; then
  pass "make install DESTDIR PREFIX=/usr"
else
  fail "make install failed: $(tail -5 "$tmp/make.log")"; exit 1
fi
inst=$tmp/stage/usr
missing=""
for f in bin/folio share/man/man1/folio.1 share/folio/fonts/fonts.list share/folio/fonts/fonts.conf; do
  [ -f "$inst/$f" ] || missing="$missing $f"
done
ls "$inst"/share/folio/styles/*.ini >/dev/null 2>&1 || missing="$missing share/folio/styles/*.ini"
# every font the manifest names is installed beside it
for font in $(awk '!/^#/ && NF >= 3 { n = split($2, p, "/"); print p[n] }' fonts/fonts.list); do
  cmp -s "fonts/$font" "$inst/share/folio/fonts/$font" || missing="$missing share/folio/fonts/$font"
done
[ -z "$missing" ] && pass "binary, style, fonts with manifest, man page installed" ||
  fail "not installed:$missing"

# An issue folder with no styles/ or fonts/ inside or beside it.
mkdir -p "$tmp/work" "$tmp/home"
cp -r content "$tmp/work/issue"
rm -rf "$tmp/work/issue/styles" "$tmp/work/issue/fonts"
cd / || exit 2
if HOME="$tmp/home" XDG_CONFIG_HOME= "$inst/bin/folio" build "$tmp/work/issue" -o "$tmp/out1" -v \
     >"$tmp/build1.log" 2>&1 && [ -s "$tmp/out1/dimensies.pdf" ] && [ -s "$tmp/out1/dimensies.epub" ]; then
  pass "installed folio run from / builds an issue without styles or fonts of its own"
else
  fail "build from / failed: $(cat "$tmp/build1.log")"
fi
if grep -q "style $inst/share/folio/styles/" "$tmp/build1.log" &&
   grep -q "fonts $inst/share/folio/fonts" "$tmp/build1.log"; then
  pass "-v names the installed style and fonts"
else
  fail "-v does not name the installed style and fonts: $(cat "$tmp/build1.log")"
fi

if HOME="$tmp/home" "$inst/bin/folio" new "$tmp/work/new-issue" >"$tmp/new.log" 2>&1 &&
   HOME="$tmp/home" "$inst/bin/folio" build "$tmp/work/new-issue" -o "$tmp/out2" -v \
     >"$tmp/build2.log" 2>&1 &&
   [ -s "$tmp/out2/new-issue.pdf" ] && [ -s "$tmp/out2/new-issue.epub" ]; then
  pass "folio new, then folio build, writes both outputs"
else
  fail "folio new + build: $(cat "$tmp/new.log" "$tmp/build2.log")"
fi
grep -q "style $tmp/work/new-issue/styles/new-issue.ini" "$tmp/build2.log" &&
  pass "the new issue uses its own style (styles/ inside the issue)" ||
  fail "the new issue's own style was not used: $(cat "$tmp/build2.log")"
# (the press edition's default-profile warning, which asks every issue
# without a printer's profile for one, is the one expected diagnostic)
grep -v 'names no output-profile' "$tmp/build2.log" | grep -q 'warning\|error' &&
  fail "the new issue builds with diagnostics: $(cat "$tmp/build2.log")" ||
  pass "the new issue builds without a diagnostic"
pages=$(pdfinfo "$tmp/out2/new-issue.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -ge 2 ] && pass "the new issue has a cover and an article page ($pages pages)" ||
  fail "the new issue's PDF has ${pages:-no} pages"
"$inst/bin/folio" new "$tmp/work/new-issue" >/dev/null 2>&1
[ $? -eq 1 ] && pass "folio new refuses a folder that has an issue" ||
  fail "folio new overwrote an issue"
"$inst/bin/folio" new "$tmp/work/x" --lang english >/dev/null 2>&1
[ $? -eq 2 ] && [ ! -e "$tmp/work/x" ] && pass "folio new --lang english is a usage error" ||
  fail "folio new --lang english was accepted"

# Moved elsewhere, the installation finds its data beside its program.
mv "$tmp/stage/usr" "$tmp/moved"
if HOME="$tmp/home" "$tmp/moved/bin/folio" build "$tmp/work/issue" -o "$tmp/out3" -q \
     >"$tmp/build3.log" 2>&1 && [ -s "$tmp/out3/dimensies.pdf" ]; then
  pass "a moved installation still builds"
else
  fail "moved installation: $(cat "$tmp/build3.log")"
fi
mv "$tmp/moved" "$tmp/stage/usr"

cd "$root" || exit 2
make -s uninstall DESTDIR="$tmp/stage" PREFIX=/usr >/dev/null 2>&1
left=$(find "$tmp/stage" -type f | wc -l)
[ "$left" -eq 0 ] && pass "make uninstall removes every installed file" ||
  fail "make uninstall left $left files: $(find "$tmp/stage" -type f | head -5)"
