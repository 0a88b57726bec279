#!/bin/sh
# Drawing sees frames only: no file of src/pdf/draw*.c may include tree.h
# or style.h, directly or through any header of ours it includes (the
# quoted includes, followed to the end).  The same walk over layout.c,
# which must reach both, shows the check can fail.
cd "$(dirname "$0")/.." || exit 2

# Prints every header of ours that file reaches, one per line.
reach() {
  todo=$1; seen=""
  while [ -n "$todo" ]; do
    set -- $todo; f=$1; shift; todo="$*"
    for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
      p=src/$h
      [ -f "$p" ] || p=$(dirname "$f")/$h
      [ -f "$p" ] || continue
      case " $seen " in *" $p "*) continue ;; esac
      seen="$seen $p"; todo="$todo $p"; echo "$p"
    done
  done
}

bad=0
for f in src/pdf/draw*.c; do
  hit=$(reach "$f" | grep -E '(^|/)src/(tree|style)\.h$' | tr '\n' ' ')
  if [ -n "$hit" ]; then
    echo "FAIL: draw-includes: $f reaches $hit"; bad=1
  else
    echo "PASS: draw-includes: $f reaches neither tree.h nor style.h"
  fi
done
n=$(reach src/pdf/layout.c | grep -cE '(^|/)src/(tree|style)\.h$')
if [ "$n" -eq 2 ]; then
  echo "PASS: draw-includes: the walk finds tree.h and style.h from layout.c"
else
  echo "FAIL: draw-includes: the walk found $n of tree.h, style.h from layout.c"; bad=1
fi
exit $bad
