#!/bin/sh
# serial
# The longer run of tests/t_parallel_race.sh (make check): forty concurrent
# -j 2 builds a mode instead of ten, so a rarer race between the layout
# threads shows too.
cd "$(dirname "$0")/../.." || exit 2
RACE_BUILDS=40 exec sh tests/t_parallel_race.sh
