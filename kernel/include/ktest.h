/*
 * ktest.h - in-kernel tests, selected by the command line (test=all or test=SUITE,SUITE).
 *
 * A test is a function registered with KTEST(suite, name); it checks with KEXPECT(), which records
 * a failure and goes on. kernel/ktest.c runs the selected tests after boot and prints TAP on the
 * consoles ("ok 3 - mm/frames_roundtrip"); the run ends with the machine powering off with status
 * 0 when every test passed and 1 otherwise, which tools/qemu-run turns into its exit status.
 */
#ifndef NIDO_KTEST_H
#define NIDO_KTEST_H

#include "kernel.h"

struct ktest {
	const char *suite;
	const char *name;
	void (*fn)(void);
};

#define KTEST(suite_, name_)                                                             \
	static void ktest_##suite_##_##name_(void);                                      \
	static const struct ktest __ktest_##suite_##_##name_                             \
		__attribute__((used, section(".ktests"), aligned(8))) = {                 \
			.suite = #suite_, .name = #name_, .fn = ktest_##suite_##_##name_ }; \
	static void ktest_##suite_##_##name_(void)

void ktest_fail(const char *file, int line, const char *expr);

#define KEXPECT(cond)                                                \
	do {                                                         \
		if (!(cond))                                         \
			ktest_fail(__FILE__, __LINE__, #cond);       \
	} while (0)

/* Expect a == b for integers; prints both values on failure. */
#define KEXPECT_EQ(a, b)                                                                       \
	do {                                                                                   \
		long long _a = (long long)(a), _b = (long long)(b);                            \
		if (_a != _b) {                                                                \
			kprintf("#   %s = %lld, %s = %lld\n", #a, _a, #b, _b);              \
			ktest_fail(__FILE__, __LINE__, #a " == " #b);                          \
		}                                                                              \
	} while (0)

/* Run the tests the command line selects; returns the number that failed, -1 if none selected. */
int ktest_run_selected(const char *selection);

#endif
