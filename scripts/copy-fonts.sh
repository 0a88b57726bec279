#!/bin/sh
# copy-fonts.sh DIR - copies the fonts named in DIR/fonts.list from
# /usr/share/fonts into DIR, then touches DIR/.copied (the make stamp).
# A line whose package is "-" names a file copied into DIR by hand.
# A file is copied only when missing or different, so a second run changes
# nothing and nothing downstream rebuilds.  The fonts come from Debian
# packages rather than the repository: the binaries are git-ignored.
set -eu

dir=${1:?usage: copy-fonts.sh DIR}
list="$dir/fonts.list"
src_root=${FOLIO_SYSTEM_FONTS:-/usr/share/fonts}

if [ ! -r "$list" ]; then
  echo "copy-fonts.sh: cannot read $list" >&2
  exit 1
fi

missing=0
lineno=0
# Fields are separated by blanks; the licence is read only so that a
# fourth word cannot end up in the path.
while read -r package path licence; do
  lineno=$((lineno + 1))
  case "$package" in ''|'#'*) continue ;; esac
  if [ -z "$path" ] || [ -z "$licence" ]; then
    echo "$list:$lineno: expected 'package path licence'" >&2
    missing=1
    continue
  fi
  dst="$dir/$(basename "$path")"
  # Package "-": a font file copied into DIR by hand (not from Debian).
  if [ "$package" = "-" ]; then
    if [ ! -f "$dst" ]; then
      echo "$list:$lineno: $dst is missing: copy the font file into $dir" >&2
      missing=1
    fi
    continue
  fi
  src="$src_root/$path"
  if [ ! -f "$src" ]; then
    echo "copy-fonts.sh: $src is missing: install the Debian package $package (apt-get install $package)" >&2
    missing=1
    continue
  fi
  if [ ! -f "$dst" ] || ! cmp -s "$src" "$dst"; then
    cp "$src" "$dst.tmp"
    mv "$dst.tmp" "$dst"
    echo "font $dst"
  fi
done < "$list"

[ "$missing" -eq 0 ] || exit 1
# fontconfig writes its cache here (see fonts.conf); creating it up front
# keeps the first build from depending on fontconfig's fallbacks.
mkdir -p "$dir/cache"
touch "$dir/.copied"
