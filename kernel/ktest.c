/*
 * ktest.c - run the in-kernel tests and report them in TAP.
 *
 * Tests are data: KTEST() puts a struct ktest in the .ktests section, and this file walks the
 * section. The output is TAP version 13, so the host side (tools/tap-count) can count results
 * without knowing anything about the kernel.
 */
#include "kernel.h"
#include "ktest.h"
#include "string.h"

extern const struct ktest __ktests_start[], __ktests_end[];

static int current_failed;

void ktest_fail(const char *file, int line, const char *expr)
{
	kprintf("#   failed: %s at %s:%d\n", expr, file, line);
	current_failed = 1;
}

/* Is `suite` named in the comma-separated selection ("all" selects everything)? */
static int selected(const char *selection, const struct ktest *t)
{
	size_t slen = strlen(t->suite);

	if (strcmp(selection, "all") == 0)
		return 1;
	for (const char *p = selection; *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == slen && strncmp(p, t->suite, n) == 0)
			return 1;
		p += n + (end ? 1 : 0);
	}
	return 0;
}

int ktest_run_selected(const char *selection)
{
	int total = 0, failed = 0;

	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
		total += selected(selection, t);
	if (total == 0) {
		kprintf("ktest: no test matches '%s'\n", selection);
		return -1;
	}
	kprintf("TAP version 13\n1..%d\n", total);
	int n = 0;
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		if (!selected(selection, t))
			continue;
		current_failed = 0;
		t->fn();
		n++;
		kprintf("%s %d - %s/%s\n", current_failed ? "not ok" : "ok", n, t->suite, t->name);
		failed += current_failed;
	}
	kprintf("# %d passed, %d failed\n", total - failed, failed);
	return failed;
}
