/*
 * test_pid_deep.c - pspaces nested 256 deep, with the nesting limit raised at build time.
 *
 * Linux stops at 32 levels; nido makes the limit a tunable and must work far beyond it: struct
 * pid grows with the depth, translation stays one array index, and freeing a deep chain walks up
 * without recursion.
 */
// SOURCES: kernel/pid.c kernel/pidmap.c kernel/pspace.c tests/host/stubs.c
// CFLAGS: -DPSPACE_MAX_DEPTH=256
#include "check.h"
#include "stubs.h"

#include "err.h"
#include "param.h"
#include "pid.h"
#include "pspace.h"
#include "uapi/errno.h"

_Static_assert(PSPACE_MAX_DEPTH == 256, "this test is built with PSPACE_MAX_DEPTH=256");

static struct pspace *chain[PSPACE_MAX_DEPTH + 1];

/* Build root -> 1 -> ... -> PSPACE_MAX_DEPTH. */
static int build_chain(void)
{
	chain[0] = pspace_root();
	for (int i = 1; i <= PSPACE_MAX_DEPTH; i++) {
		chain[i] = pspace_create(chain[i - 1]);
		if (IS_ERR(chain[i]))
			return -1;
	}
	return 0;
}

static void test_256_levels_then_enospc(void)
{
	long kmalloc_before = stub_outstanding_kmalloc(), pages_before = stub_outstanding_pages();
	struct pspace *too_deep;
	struct pid *deepest, *mid;

	CHECK_EQ(build_chain(), 0);
	CHECK_EQ(chain[PSPACE_MAX_DEPTH]->level, PSPACE_MAX_DEPTH);
	too_deep = pspace_create(chain[PSPACE_MAX_DEPTH]);
	CHECK(IS_ERR(too_deep) && PTR_ERR(too_deep) == -ENOSPC);

	deepest = pid_alloc(chain[PSPACE_MAX_DEPTH], NULL, 0);
	CHECK(!IS_ERR(deepest));
	mid = pid_alloc(chain[128], NULL, 0);
	CHECK(!IS_ERR(mid));
	CHECK_EQ(deepest->level, PSPACE_MAX_DEPTH);
	for (int i = 1; i <= PSPACE_MAX_DEPTH; i++)
		CHECK_EQ(pid_nr_in(deepest, chain[i]), 1);
	for (int i = 1; i <= 128; i++)
		CHECK_EQ(pid_nr_in(mid, chain[i]), 2);	/* deepest has 1 at every level */
	CHECK_EQ(pid_nr_in(mid, chain[129]), 0);
	CHECK(pspace_is_ancestor(pspace_root(), chain[PSPACE_MAX_DEPTH]));
	CHECK(pspace_is_ancestor(chain[128], chain[PSPACE_MAX_DEPTH]));
	CHECK(!pspace_is_ancestor(chain[PSPACE_MAX_DEPTH], chain[128]));

	/* set_tid may name a number at all 257 levels. */
	static int want[PSPACE_MAX_DEPTH + 1];
	for (int i = 0; i < PSPACE_MAX_DEPTH; i++)
		want[i] = 1000 + i;
	want[PSPACE_MAX_DEPTH] = 31000;		/* the root level */
	struct pid *chosen = pid_alloc(chain[PSPACE_MAX_DEPTH], want, PSPACE_MAX_DEPTH + 1);
	CHECK(!IS_ERR(chosen));
	if (!IS_ERR(chosen)) {
		CHECK_EQ(pid_nr_in(chosen, chain[PSPACE_MAX_DEPTH]), 1000);
		CHECK_EQ(pid_nr_in(chosen, chain[1]), 1000 + PSPACE_MAX_DEPTH - 1);
		CHECK_EQ(pid_nr_in(chosen, pspace_root()), 31000);
		pid_put(chosen);
	}
	CHECK_EQ(PTR_ERR(pid_alloc(chain[PSPACE_MAX_DEPTH], want, PSPACE_MAX_DEPTH + 2)), -EINVAL);

	for (int i = PSPACE_MAX_DEPTH; i >= 1; i--)
		pspace_put(chain[i]);
	pid_put(mid);
	pid_put(deepest);	/* frees 256 pspaces, innermost first, without recursion */
	CHECK_EQ(stub_outstanding_kmalloc(), kmalloc_before);
	CHECK_EQ(stub_outstanding_pages(), pages_before);
}

static void test_deep_cycles_leak_nothing(void)
{
	long kmalloc_before, pages_before;
	struct pid *pid;

	kmalloc_before = stub_outstanding_kmalloc();
	pages_before = stub_outstanding_pages();
	for (int cycle = 0; cycle < 100; cycle++) {
		if (build_chain()) {
			CHECK(!"build_chain failed");
			return;
		}
		pid = pid_alloc(chain[PSPACE_MAX_DEPTH - cycle % 7], NULL, 0);
		CHECK(!IS_ERR(pid));
		for (int i = 1; i <= PSPACE_MAX_DEPTH; i++)
			pspace_put(chain[i]);
		pid_put(pid);
	}
	CHECK_EQ(stub_outstanding_kmalloc(), kmalloc_before);
	CHECK_EQ(stub_outstanding_pages(), pages_before);
	CHECK(!pid_lock.locked);
}

int main(void)
{
	/*
	 * As in the kernel, the root has an init, number 1, for the whole run (set_tid below needs
	 * it), and the bitmap page it takes is there before any leak baseline.
	 */
	struct pid *root_init = pid_alloc(pspace_root(), NULL, 0);
	int status;

	RUN(test_256_levels_then_enospc);
	RUN(test_deep_cycles_leak_nothing);
	status = check_summary();
	pid_put(root_init);
	return status;
}
