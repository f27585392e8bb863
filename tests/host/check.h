/*
 * check.h - the smallest test harness that works: checks, named tests, a summary.
 *
 *	static void test_something(void)
 *	{
 *		CHECK(1 + 1 == 2);
 *		CHECK_EQ(f(3), 9);
 *	}
 *
 *	int main(void)
 *	{
 *		RUN(test_something);
 *		return check_summary();
 *	}
 *
 * A failed check prints where and why and lets the test go on, so one run shows every failure.
 * RUN prints "ok - name" or "not ok - name"; check_summary() prints "N passed, N failed" and
 * returns the exit status, non-zero when any test failed. tests/host/host.mk adds these lines
 * up over all test binaries.
 */
#ifndef NIDO_TESTS_CHECK_H
#define NIDO_TESTS_CHECK_H

#include <stdio.h>

static int check_passed, check_failed;
static int check_current_failed;

#define CHECK(cond)                                                                 \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stdout, "#   %s:%d: CHECK(%s) failed\n", __FILE__,     \
				__LINE__, #cond);                                   \
			check_current_failed = 1;                                   \
		}                                                                   \
	} while (0)

/* Compare two integers and print both when they differ. */
#define CHECK_EQ(actual, expected)                                                  \
	do {                                                                        \
		long long check_a_ = (long long)(actual);                           \
		long long check_e_ = (long long)(expected);                         \
		if (check_a_ != check_e_) {                                         \
			fprintf(stdout, "#   %s:%d: CHECK_EQ(%s, %s): %lld != %lld\n", \
				__FILE__, __LINE__, #actual, #expected, check_a_,   \
				check_e_);                                          \
			check_current_failed = 1;                                   \
		}                                                                   \
	} while (0)

#define RUN(test) check_run(#test, test)

static inline void check_run(const char *name, void (*test)(void))
{
	check_current_failed = 0;
	test();
	if (check_current_failed) {
		check_failed++;
		printf("not ok - %s\n", name);
	} else {
		check_passed++;
		printf("ok - %s\n", name);
	}
	fflush(stdout);
}

static inline int check_summary(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
