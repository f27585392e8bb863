/*
 * test_pid.c - struct pid and pspaces (kernel/pid.c, kernel/pspace.c) on the host.
 *
 * Numbers at every level, visibility, lookup, set_tid, the unwinding of failed allocations,
 * nesting limits, dead pspaces, the /proc knobs, and that nothing leaks after many cycles of
 * creating and destroying nested pspaces full of pids.
 *
 * The root pspace is shared by all the tests, as in the kernel: each test gives back every pid it
 * takes. Leak checks compare with the counts at the start of the test, because the root keeps the
 * bitmap page and the grown hash the first tests give it.
 */
// SOURCES: kernel/pid.c kernel/pidmap.c kernel/pspace.c tests/host/stubs.c
#include <stdlib.h>

#include "check.h"
#include "stubs.h"

#include "err.h"
#include "param.h"
#include "pid.h"
#include "pspace.h"
#include "uapi/errno.h"

static long kmalloc_before, pages_before;

static void leak_baseline(void)
{
	kmalloc_before = stub_outstanding_kmalloc();
	pages_before = stub_outstanding_pages();
}

static void check_no_leaks(void)
{
	CHECK_EQ(stub_outstanding_kmalloc(), kmalloc_before);
	CHECK_EQ(stub_outstanding_pages(), pages_before);
	CHECK(!pid_lock.locked);
}

/* How many numbers are taken in `ps`. */
static int count_busy(struct pspace *ps)
{
	int n = 0;

	spin_lock(&pid_lock);
	for (int nr = 1; (nr = pidmap_next_busy(&ps->map, nr)) > 0; nr++)
		n++;
	spin_unlock(&pid_lock);
	return n;
}

static struct pid *alloc_ok(struct pspace *ps)
{
	struct pid *pid = pid_alloc(ps, NULL, 0);

	CHECK(!IS_ERR(pid));
	return IS_ERR(pid) ? NULL : pid;
}

static struct pspace *create_ok(struct pspace *parent)
{
	struct pspace *ps = pspace_create(parent);

	CHECK(!IS_ERR(ps));
	return IS_ERR(ps) ? NULL : ps;
}

/* Runs first: fills the root far enough to grow its hash to the maximum, then empties it. */
static void test_root_hash_grows_and_finds_everything(void)
{
	enum { N = 20000 };
	static struct pid *pids[N];
	struct pspace *root = pspace_root();
	int first;

	CHECK_EQ(root->level, 0);
	CHECK(root->parent == NULL);
	CHECK_EQ(root->id, 0xEFFFFFFCu);
	CHECK_EQ(pspace_pid_max(root), PID_MAX_DEFAULT);
	for (int i = 0; i < N; i++)
		pids[i] = alloc_ok(root);
	first = pid_nr_in(pids[0], root);
	CHECK_EQ(first, 1);
	CHECK_EQ(root->nr_pids, N);
	CHECK_EQ(root->hash.mask + 1, PIDHASH_MAX_BUCKETS);
	for (int i = 0; i < N; i++) {
		struct pid *found = pid_find(root, first + i);

		CHECK(found == pids[i]);
		CHECK_EQ(pid_nr_in(pids[i], root), first + i);
		pid_put(found);
	}
	CHECK(pid_find(root, first + N) == NULL);
	for (int i = 0; i < N; i++)
		pid_put(pids[i]);
	CHECK_EQ(root->nr_pids, 0);
	CHECK_EQ(count_busy(root), 0);
	CHECK(pid_find(root, first) == NULL);
	CHECK(!pid_lock.locked);
}

static void test_root_pid_basics(void)
{
	struct pspace *root = pspace_root();
	struct pid *a, *b, *found;
	int nr;

	leak_baseline();
	a = alloc_ok(root);
	b = alloc_ok(root);
	CHECK_EQ(a->level, 0);
	CHECK(a->magic == PID_MAGIC);
	CHECK(pid_pspace(a) == root);
	nr = pid_nr_in(a, root);
	CHECK(nr > 0);
	CHECK_EQ(pid_nr_in(b, root), nr + 1);
	CHECK_EQ(pspace_last_pid(root), nr + 1);
	found = pid_find(root, nr);
	CHECK(found == a);
	CHECK_EQ(a->refcount, 2);
	pid_put(found);
	CHECK(pid_get(a) == a);
	pid_put(a);
	pid_put(a);
	CHECK(pid_find(root, nr) == NULL);	/* gone from the hash with its last reference */
	CHECK(pid_find(root, nr + 1) == b);
	pid_put(b);
	pid_put(b);
	CHECK(pid_get(NULL) == NULL);
	pid_put(NULL);
	CHECK(pid_find(root, 0) == NULL);
	CHECK(pid_find(root, -1) == NULL);
	check_no_leaks();
}

static void test_numbers_at_every_level(void)
{
	struct pspace *root = pspace_root();
	struct pspace *mid, *inner, *sibling;
	struct pid *init, *second, *in_mid;
	int root_next;

	leak_baseline();
	mid = create_ok(root);
	inner = create_ok(mid);
	sibling = create_ok(root);
	CHECK_EQ(mid->level, 1);
	CHECK_EQ(inner->level, 2);
	CHECK(inner->parent == mid && mid->parent == root);

	root_next = pspace_last_pid(root) + 1;
	init = alloc_ok(inner);
	second = alloc_ok(inner);
	in_mid = alloc_ok(mid);
	CHECK_EQ(init->level, 2);
	CHECK(pid_pspace(init) == inner);
	CHECK(init->numbers[0].ps == root && init->numbers[1].ps == mid);
	/* The first process of a pspace is 1 there; each level counts on its own. */
	CHECK_EQ(pid_nr_in(init, inner), 1);
	CHECK_EQ(pid_nr_in(init, mid), 1);
	CHECK_EQ(pid_nr_in(init, root), root_next);
	CHECK_EQ(pid_nr_in(second, inner), 2);
	CHECK_EQ(pid_nr_in(second, mid), 2);
	CHECK_EQ(pid_nr_in(second, root), root_next + 1);
	CHECK_EQ(pid_nr_in(in_mid, mid), 3);
	CHECK_EQ(pid_nr_in(in_mid, root), root_next + 2);
	/* Invisible: a process above the pspace asking, or in a sibling pspace. */
	CHECK_EQ(pid_nr_in(in_mid, inner), 0);
	CHECK_EQ(pid_nr_in(init, sibling), 0);
	CHECK_EQ(pid_nr_in(NULL, root), 0);
	CHECK_EQ(pid_nr_in(init, NULL), 0);
	CHECK_EQ(inner->nr_pids, 2);
	CHECK_EQ(mid->nr_pids, 3);

	/* Lookups: the same struct pid from every pspace that can see it, nothing elsewhere. */
	struct pid *found = pid_find(mid, 2);
	CHECK(found == second);
	pid_put(found);
	found = pid_find(root, root_next);
	CHECK(found == init);
	pid_put(found);
	CHECK(pid_find(inner, 3) == NULL);
	CHECK(pid_find(sibling, 1) == NULL);

	pid_put(init);
	pid_put(second);
	pid_put(in_mid);
	CHECK_EQ(mid->nr_pids, 0);
	CHECK_EQ(count_busy(inner), 0);
	CHECK_EQ(count_busy(mid), 0);
	pspace_put(inner);
	pspace_put(mid);
	pspace_put(sibling);
	check_no_leaks();
}

static void test_find_ge_walks_a_pspace(void)
{
	struct pspace *ps;
	struct pid *pids[5], *pid;
	int seen = 0, nr = 1;

	leak_baseline();
	ps = create_ok(pspace_root());
	for (int i = 0; i < 5; i++)
		pids[i] = alloc_ok(ps);
	pid_put(pids[2]);
	while ((pid = pid_find_ge(ps, nr)) != NULL) {
		nr = pid_nr_in(pid, ps);
		CHECK(nr != 3);
		seen++;
		nr++;
		pid_put(pid);
	}
	CHECK_EQ(seen, 4);
	CHECK(pid_find_ge(ps, 6) == NULL);
	for (int i = 0; i < 5; i++)
		if (i != 2)
			pid_put(pids[i]);
	pspace_put(ps);
	check_no_leaks();
}

static void test_exhaustion_at_an_outer_level_unwinds(void)
{
	struct pspace *root = pspace_root();
	struct pspace *outer, *middle, *inner;
	static struct pid *fill[RESERVED_PIDS];
	struct pid *pid, *init;
	int root_busy;

	leak_baseline();
	outer = create_ok(root);
	middle = create_ok(outer);
	inner = create_ok(middle);
	CHECK_EQ(pspace_set_pid_max(outer, RESERVED_PIDS + 1), 0);
	for (int i = 0; i < RESERVED_PIDS; i++)
		fill[i] = alloc_ok(outer);
	root_busy = count_busy(root);

	/* inner and middle get numbers, outer has none left: both are given back. */
	pid = pid_alloc(inner, NULL, 0);
	CHECK(IS_ERR(pid) && PTR_ERR(pid) == -EAGAIN);
	CHECK_EQ(count_busy(inner), 0);
	CHECK_EQ(count_busy(middle), 0);
	CHECK_EQ(count_busy(outer), RESERVED_PIDS);
	CHECK_EQ(count_busy(root), root_busy);
	CHECK_EQ(inner->nr_pids, 0);
	CHECK_EQ(middle->nr_pids, 0);
	/* A pspace whose first process failed to appear still gives its init number 1. */
	CHECK_EQ(pspace_last_pid(inner), 0);

	pid_put(fill[RESERVED_PIDS - 1]);
	init = alloc_ok(inner);
	CHECK_EQ(pid_nr_in(init, inner), 1);
	CHECK_EQ(pid_nr_in(init, middle), 1);
	CHECK_EQ(pid_nr_in(init, outer), RESERVED_PIDS);
	pid_put(init);
	for (int i = 0; i < RESERVED_PIDS - 1; i++)
		pid_put(fill[i]);
	pspace_put(inner);
	pspace_put(middle);
	pspace_put(outer);
	check_no_leaks();
}

static void test_set_tid(void)
{
	struct pspace *root = pspace_root();
	struct pspace *outer, *inner;
	struct pid *outer_init, *inner_init, *pid;
	int want[3];

	leak_baseline();
	outer = create_ok(root);
	inner = create_ok(outer);

	/* More numbers than levels; a NULL array. */
	want[0] = 1, want[1] = 1, want[2] = 1000;
	pid = pid_alloc(outer, want, 3);
	CHECK(IS_ERR(pid) && PTR_ERR(pid) == -EINVAL);
	pid = pid_alloc(outer, NULL, 1);
	CHECK(IS_ERR(pid) && PTR_ERR(pid) == -EINVAL);
	/* Out of range. */
	want[0] = 0;
	CHECK_EQ(PTR_ERR(pid_alloc(outer, want, 1)), -EINVAL);
	want[0] = -5;
	CHECK_EQ(PTR_ERR(pid_alloc(outer, want, 1)), -EINVAL);
	want[0] = PID_MAX_CHILD;
	CHECK_EQ(PTR_ERR(pid_alloc(outer, want, 1)), -EINVAL);
	/* Not 1 in a pspace without an init. */
	want[0] = 7;
	CHECK_EQ(PTR_ERR(pid_alloc(outer, want, 1)), -EINVAL);
	CHECK_EQ(count_busy(outer), 0);

	want[0] = 1;
	outer_init = pid_alloc(outer, want, 1);
	CHECK(!IS_ERR(outer_init));
	CHECK_EQ(pid_nr_in(outer_init, outer), 1);
	CHECK_EQ(pspace_last_pid(outer), 0);	/* the cursor did not move */

	/* Busy at the outer level after inner took 1: EEXIST, and inner's 1 is given back. */
	want[0] = 1, want[1] = 1;
	pid = pid_alloc(inner, want, 2);
	CHECK(IS_ERR(pid) && PTR_ERR(pid) == -EEXIST);
	CHECK_EQ(count_busy(inner), 0);
	CHECK_EQ(count_busy(outer), 1);

	/* Both levels chosen, then only the innermost chosen. */
	want[0] = 1, want[1] = 4000000;
	inner_init = pid_alloc(inner, want, 2);
	CHECK(!IS_ERR(inner_init));
	CHECK_EQ(pid_nr_in(inner_init, inner), 1);
	CHECK_EQ(pid_nr_in(inner_init, outer), 4000000);
	want[0] = 50;
	pid = pid_alloc(inner, want, 1);
	CHECK(!IS_ERR(pid));
	CHECK_EQ(pid_nr_in(pid, inner), 50);
	CHECK_EQ(pid_nr_in(pid, outer), 2);	/* the cursor of outer: 1 is taken */
	CHECK_EQ(PTR_ERR(pid_alloc(inner, want, 1)), -EEXIST);
	pid_put(pid);

	/* Plain allocation skips the chosen numbers. */
	pid = alloc_ok(inner);
	CHECK_EQ(pid_nr_in(pid, inner), 2);
	pid_put(pid);

	pid_put(inner_init);
	pid_put(outer_init);
	pspace_put(inner);
	pspace_put(outer);
	check_no_leaks();
}

static void test_pid_near_four_million_costs_one_page(void)
{
	struct pspace *ps;
	struct pid *init, *pid;
	int want = 1;

	leak_baseline();
	ps = create_ok(pspace_root());
	CHECK_EQ(pspace_pid_max(ps), PID_MAX_CHILD);
	CHECK_EQ(ps->map.nr_pages, 0);
	init = pid_alloc(ps, &want, 1);
	CHECK(!IS_ERR(init));
	CHECK_EQ(pspace_set_last_pid(ps, 3999999), 0);
	pid = alloc_ok(ps);
	CHECK_EQ(pid_nr_in(pid, ps), 4000000);
	CHECK_EQ(ps->map.nr_pages, 2);		/* the page of 1 and the page of 4000000 */
	pid_put(init);
	pid_put(pid);
	pspace_put(ps);
	check_no_leaks();

	/* Alone, a number near 4000000 takes exactly one bitmap page in its pspace. */
	ps = create_ok(pspace_root());
	CHECK_EQ(pspace_set_last_pid(ps, 3999999), 0);
	pid = alloc_ok(ps);
	CHECK_EQ(pid_nr_in(pid, ps), 4000000);
	CHECK_EQ(ps->map.nr_pages, 1);
	CHECK_EQ(stub_outstanding_pages(), pages_before + 1);
	pid_put(pid);
	pspace_put(ps);
	check_no_leaks();
}

static void test_dead_pspace_refuses_new_pids(void)
{
	struct pspace *outer, *inner;
	struct pid *init, *pid;

	leak_baseline();
	outer = create_ok(pspace_root());
	inner = create_ok(outer);
	init = alloc_ok(outer);
	CHECK(!pspace_is_dead(outer));
	pspace_mark_dead(outer);
	CHECK(pspace_is_dead(outer));
	pid = pid_alloc(outer, NULL, 0);
	CHECK(IS_ERR(pid) && PTR_ERR(pid) == -ENOMEM);
	/* A pspace below a dead one cannot grow either. */
	pid = pid_alloc(inner, NULL, 0);
	CHECK(IS_ERR(pid) && PTR_ERR(pid) == -ENOMEM);
	CHECK_EQ(count_busy(inner), 0);
	CHECK_EQ(count_busy(outer), 1);
	CHECK_EQ(outer->nr_pids, 1);
	pid_put(init);
	pspace_put(inner);
	pspace_put(outer);
	check_no_leaks();
}

static void test_nesting_limit(void)
{
	static struct pspace *chain[PSPACE_MAX_DEPTH + 1];
	struct pspace *too_deep;
	struct pid *pid;

	leak_baseline();
	chain[0] = pspace_root();
	for (int i = 1; i <= PSPACE_MAX_DEPTH; i++) {
		chain[i] = create_ok(chain[i - 1]);
		CHECK_EQ(chain[i]->level, i);
	}
	too_deep = pspace_create(chain[PSPACE_MAX_DEPTH]);
	CHECK(IS_ERR(too_deep) && PTR_ERR(too_deep) == -ENOSPC);

	pid = alloc_ok(chain[PSPACE_MAX_DEPTH]);
	CHECK_EQ(pid->level, PSPACE_MAX_DEPTH);
	for (int i = 1; i <= PSPACE_MAX_DEPTH; i++) {
		CHECK_EQ(pid_nr_in(pid, chain[i]), 1);
		CHECK(pspace_is_ancestor(chain[i - 1], chain[i]));
		CHECK(pspace_is_ancestor(pspace_root(), chain[i]));
		CHECK(!pspace_is_ancestor(chain[i], chain[i - 1]));
	}
	/* Dropping the pspaces first: the pid keeps the whole chain alive. */
	for (int i = PSPACE_MAX_DEPTH; i >= 1; i--)
		pspace_put(chain[i]);
	CHECK(pid_pspace(pid)->magic == PSPACE_MAGIC);
	CHECK_EQ(pid_nr_in(pid, pid_pspace(pid)), 1);
	pid_put(pid);
	check_no_leaks();
}

static void test_ancestry_and_ids(void)
{
	struct pspace *root = pspace_root();
	struct pspace *a, *b, *a1;

	leak_baseline();
	a = create_ok(root);
	b = create_ok(root);
	a1 = create_ok(a);
	CHECK(a->id >= PSPACE_FIRST_ID);
	CHECK(b->id > a->id && a1->id > b->id);
	CHECK(pspace_is_ancestor(a, a));
	CHECK(pspace_is_ancestor(root, root));
	CHECK(pspace_is_ancestor(a, a1));
	CHECK(pspace_is_ancestor(root, a1));
	CHECK(!pspace_is_ancestor(a1, a));
	CHECK(!pspace_is_ancestor(b, a1));
	CHECK(!pspace_is_ancestor(a, b));
	CHECK(!pspace_is_ancestor(NULL, a));
	CHECK(!pspace_is_ancestor(a, NULL));
	CHECK(pspace_get(a) == a);
	CHECK_EQ(a->refcount, 3);		/* ours, a1's, and the one just taken */
	pspace_put(a);
	CHECK(pspace_get(NULL) == NULL);
	pspace_put(NULL);
	pspace_put(a1);
	pspace_put(b);
	pspace_put(a);
	check_no_leaks();
}

static void test_pid_max_and_last_pid_knobs(void)
{
	struct pspace *ps;
	struct pid *pid;

	leak_baseline();
	ps = create_ok(pspace_root());
	CHECK_EQ(pspace_set_pid_max(ps, RESERVED_PIDS), -EINVAL);
	CHECK_EQ(pspace_set_pid_max(ps, 0), -EINVAL);
	CHECK_EQ(pspace_set_pid_max(ps, -1), -EINVAL);
	CHECK_EQ(pspace_set_pid_max(ps, PID_MAX_LIMIT + 1), -EINVAL);
	CHECK_EQ(pspace_pid_max(ps), PID_MAX_CHILD);
	CHECK_EQ(pspace_set_pid_max(ps, RESERVED_PIDS + 1), 0);
	CHECK_EQ(pspace_set_pid_max(ps, PID_MAX_LIMIT), 0);
	CHECK_EQ(pspace_set_pid_max(ps, 1000), 0);

	CHECK_EQ(pspace_set_last_pid(ps, -1), -EINVAL);
	CHECK_EQ(pspace_set_last_pid(ps, 1001), -EINVAL);
	CHECK_EQ(pspace_last_pid(ps), 0);
	CHECK_EQ(pspace_set_last_pid(ps, 1000), 0);
	CHECK_EQ(pspace_set_last_pid(ps, 100), 0);
	pid = alloc_ok(ps);
	CHECK_EQ(pid_nr_in(pid, ps), 101);	/* write 100, next is 101 */
	CHECK_EQ(pspace_last_pid(ps), 101);

	/* Lowering pid_max below a number in use is allowed; the number stays valid. */
	CHECK_EQ(pspace_set_last_pid(ps, 900), 0);
	struct pid *high = alloc_ok(ps);
	CHECK_EQ(pid_nr_in(high, ps), 901);
	CHECK_EQ(pspace_set_pid_max(ps, 500), 0);
	struct pid *found = pid_find(ps, 901);
	CHECK(found == high);
	pid_put(found);
	struct pid *next = alloc_ok(ps);
	CHECK_EQ(pid_nr_in(next, ps), RESERVED_PIDS);
	pid_put(next);
	pid_put(high);
	pid_put(pid);
	pspace_put(ps);
	check_no_leaks();
}

static void test_attach_detach(void)
{
	struct fake_proc {
		int id;
		struct list_head link;
	} procs[3], *p;
	struct pid *pid;
	int sum = 0;

	leak_baseline();
	pid = alloc_ok(pspace_root());
	for (int t = 0; t < PIDTYPE_MAX; t++)
		CHECK(!pid_has_tasks(pid, t));
	for (int i = 0; i < 3; i++) {
		procs[i].id = i + 1;
		pid_attach(pid, PIDTYPE_PGID, &procs[i].link);
	}
	CHECK(pid_has_tasks(pid, PIDTYPE_PGID));
	CHECK(!pid_has_tasks(pid, PIDTYPE_PID));
	list_for_each_entry(p, &pid->tasks[PIDTYPE_PGID], link)
		sum = sum * 10 + p->id;
	CHECK_EQ(sum, 123);
	pid_detach(&procs[1].link);
	sum = 0;
	list_for_each_entry(p, &pid->tasks[PIDTYPE_PGID], link)
		sum = sum * 10 + p->id;
	CHECK_EQ(sum, 13);
	pid_detach(&procs[0].link);
	pid_detach(&procs[2].link);
	CHECK(!pid_has_tasks(pid, PIDTYPE_PGID));
	pid_put(pid);
	check_no_leaks();
}

/*
 * Every allocation in a three-level pid_alloc (the struct pid, a bitmap page per level) made to
 * fail in turn: each failure is ENOMEM and leaves nothing taken and nothing allocated.
 */
static void test_out_of_memory_at_every_step(void)
{
	struct pspace *a, *b, *c;
	struct pid *pid;
	int failures = 0;

	leak_baseline();
	for (long k = 0;; k++) {
		a = create_ok(pspace_root());
		b = create_ok(a);
		c = create_ok(b);
		/* Put a's cursor on a page of its own so that level needs a page too. */
		pspace_set_last_pid(a, 2 * PIDMAP_BITS_PER_PAGE);
		stub_fail_allocs_after(k);
		pid = pid_alloc(c, NULL, 0);
		stub_fail_allocs_after(-1);
		if (!IS_ERR(pid)) {
			pid_put(pid);
			pspace_put(c);
			pspace_put(b);
			pspace_put(a);
			break;
		}
		failures++;
		CHECK_EQ(PTR_ERR(pid), -ENOMEM);
		CHECK_EQ(count_busy(a) + count_busy(b) + count_busy(c), 0);
		pspace_put(c);
		pspace_put(b);
		pspace_put(a);
		check_no_leaks();
	}
	CHECK(failures >= 3);	/* the struct pid and at least the pages of c, b */

	/* Creating a pspace without memory. */
	stub_fail_allocs_after(0);
	a = pspace_create(pspace_root());
	stub_fail_allocs_after(-1);
	CHECK(IS_ERR(a) && PTR_ERR(a) == -ENOMEM);
	check_no_leaks();
}

/* 10,000 rounds of building nested pspaces full of pids and tearing them down in random order. */
static void test_ten_thousand_cycles_leak_nothing(void)
{
	enum { CYCLES = 10000, DEPTH = 4, PIDS = 6 };
	struct pspace *ps[DEPTH + 1];
	struct pid *pids[PIDS];

	srand(42);
	leak_baseline();
	for (int cycle = 0; cycle < CYCLES; cycle++) {
		ps[0] = pspace_root();
		for (int d = 1; d <= DEPTH; d++)
			ps[d] = create_ok(ps[d - 1]);
		for (int i = 0; i < PIDS; i++) {
			pids[i] = alloc_ok(ps[1 + rand() % DEPTH]);
			if (!pids[i])
				return;
		}
		/* Drop the pspaces in a random order, some before their pids, some after. */
		for (int i = 0; i < PIDS; i++) {
			int j = rand() % PIDS;
			struct pid *tmp = pids[i];

			pids[i] = pids[j];
			pids[j] = tmp;
		}
		if (cycle % 2) {
			for (int d = DEPTH; d >= 1; d--)
				pspace_put(ps[d]);
		}
		for (int i = 0; i < PIDS; i++)
			pid_put(pids[i]);
		if (cycle % 2 == 0) {
			for (int d = 1; d <= DEPTH; d++)
				pspace_put(ps[d]);
		}
		if (stub_outstanding_kmalloc() != kmalloc_before ||
		    stub_outstanding_pages() != pages_before) {
			printf("#   leak after cycle %d\n", cycle);
			break;
		}
	}
	CHECK_EQ(pspace_root()->nr_pids, 0);
	check_no_leaks();
}

int main(void)
{
	RUN(test_root_hash_grows_and_finds_everything);
	RUN(test_root_pid_basics);
	RUN(test_numbers_at_every_level);
	RUN(test_find_ge_walks_a_pspace);
	RUN(test_exhaustion_at_an_outer_level_unwinds);
	RUN(test_set_tid);
	RUN(test_pid_near_four_million_costs_one_page);
	RUN(test_dead_pspace_refuses_new_pids);
	RUN(test_nesting_limit);
	RUN(test_ancestry_and_ids);
	RUN(test_pid_max_and_last_pid_knobs);
	RUN(test_attach_detach);
	RUN(test_out_of_memory_at_every_step);
	RUN(test_ten_thousand_cycles_leak_nothing);
	return check_summary();
}
