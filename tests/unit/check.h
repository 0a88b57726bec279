/* check.h - the smallest test harness: each CHECK prints one PASS or FAIL
 * line that tests/run.sh counts.  A test binary exits non-zero when any
 * check failed. */
#ifndef FOLIO_CHECK_H
#define FOLIO_CHECK_H
#include <stdio.h>
#include <string.h>

static int check_failed_count;

#define CHECK(name, cond) do { \
    if (cond) printf("PASS: %s\n", (name)); \
    else { printf("FAIL: %s (%s:%d: %s)\n", (name), __FILE__, __LINE__, #cond); check_failed_count++; } \
} while (0)

#define CHECK_STR(name, got, want) do { \
    const char *g_ = (got), *w_ = (want); \
    if (g_ && w_ && strcmp(g_, w_) == 0) printf("PASS: %s\n", (name)); \
    else { printf("FAIL: %s (%s:%d)\n  got:  %s\n  want: %s\n", (name), __FILE__, __LINE__, \
                  g_ ? g_ : "(null)", w_ ? w_ : "(null)"); check_failed_count++; } \
} while (0)

#define CHECK_DONE() return check_failed_count ? 1 : 0
#endif
