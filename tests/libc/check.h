/*
 * check.h - the few macros nido's libc unit tests are written with.
 *
 * Each test program is one main() full of CHECK*()s. A failing check prints where it failed and
 * what it saw, and the program carries on, so one run shows every failure. The program's exit
 * status is the verdict (0: every check passed), and its last line says how many checks ran;
 * tests/libc/run.sh prints one line per program and the summary.
 */
#ifndef NIDO_TESTS_LIBC_CHECK_H
#define NIDO_TESTS_LIBC_CHECK_H

#include <stdio.h>
#include <string.h>

static int checks_run, checks_failed;

#define CHECK(cond)                                                                         \
	do {                                                                                \
		checks_run++;                                                               \
		if (!(cond)) {                                                              \
			checks_failed++;                                                    \
			printf("%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);     \
		}                                                                           \
	} while (0)

#define CHECK_INT(got, want)                                                                \
	do {                                                                                \
		long long g_ = (long long)(got), w_ = (long long)(want);                    \
		checks_run++;                                                               \
		if (g_ != w_) {                                                             \
			checks_failed++;                                                    \
			printf("%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #got, \
			       g_, w_);                                                     \
		}                                                                           \
	} while (0)

#define CHECK_STR(got, want)                                                                \
	do {                                                                                \
		const char *g_ = (got), *w_ = (want);                                       \
		checks_run++;                                                               \
		if (!g_ || strcmp(g_, w_) != 0) {                                           \
			checks_failed++;                                                    \
			printf("%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, \
			       #got, g_ ? g_ : "(null)", w_);                               \
		}                                                                           \
	} while (0)

/* the last statement of main() */
static inline int check_report(void)
{
	printf("%d checks, %d failed\n", checks_run, checks_failed);
	fflush(stdout);
	return checks_failed != 0;
}

#endif
