#!/bin/sh
# Installs the Debian packages folio needs to build, render and test, but only
# those that are missing, so a second `make` costs one dpkg-query.
# Usage: scripts/install-deps.sh build|test
set -eu

build_pkgs="gcc make pkg-config libc6-dev
 libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libhyphen-dev iso-codes
 hyphen-nl hyphen-en-us hyphen-en-gb hyphen-de hyphen-fr
 libglib2.0-dev libpango1.0-dev libcairo2-dev libfontconfig-dev libxml2-dev libzip-dev
 libpng-dev libjpeg-dev libharfbuzz-dev
 libqpdf-dev liblcms2-dev libgs-common
 fonts-sil-charis fonts-lato fonts-jetbrains-mono
 clang libclang-rt-14-dev"
# clang: `make` builds the fuzz targets with the other test programs
test_pkgs="epubcheck default-jre-headless qpdf poppler-utils ghostscript mupdf-tools valgrind unzip libxml2-utils
 chromium"

case "${1:-build}" in
  build) want="$build_pkgs" ;;
  test) want="$build_pkgs $test_pkgs" ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
    missing="$missing $p"
  fi
done
# This machine image may ship its own Node.js, which conflicts with Debian's
# npm package: only ask for Debian's when no npm is on the PATH at all.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi
# The test scripts are Python 3 (standard library only); any python3 will do.
if [ "${1:-build}" = test ] && ! command -v python3 >/dev/null 2>&1; then
  missing="$missing python3"
fi
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "install-deps: need root to install:$missing" >&2
  echo "install-deps: run: apt-get install -y --no-install-recommends$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# An old or empty package list cannot find packages: refresh it once.
$sudo apt-get update -q >/dev/null || true
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
