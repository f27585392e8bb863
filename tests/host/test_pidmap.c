/*
 * test_pidmap.c - the number allocator of one pspace (kernel/pidmap.c), on its own.
 *
 * Checks Linux's policy (sequential from a cursor, wrap to RESERVED_PIDS, busy numbers skipped,
 * EAGAIN when full, chosen numbers leave the cursor alone), the lazy allocation of bitmap pages,
 * and that no error path leaks or takes a number.
 */
// SOURCES: kernel/pidmap.c tests/host/stubs.c
#include "check.h"
#include "stubs.h"

#include "param.h"
#include "pspace.h"
#include "uapi/errno.h"

static struct pidmap map;

/* A fresh map; pidmap functions take no locks, so the test need not either. */
static void fresh(int pid_max)
{
	pidmap_init(&map, pid_max);
}

/* How many numbers are taken, counted the slow way. */
static int count_busy(void)
{
	int n = 0;

	for (int nr = pidmap_next_busy(&map, 1); nr > 0; nr = pidmap_next_busy(&map, nr + 1))
		n++;
	return n;
}

static void test_sequential_from_one(void)
{
	fresh(PID_MAX_DEFAULT);
	for (int i = 1; i <= 100; i++) {
		CHECK_EQ(pidmap_alloc(&map), i);
		CHECK_EQ(map.last_pid, i);
	}
	CHECK(!pidmap_busy(&map, 0));
	CHECK(pidmap_busy(&map, 50));
	CHECK(!pidmap_busy(&map, 101));
	CHECK_EQ(count_busy(), 100);
	pidmap_destroy(&map);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

static void test_freed_number_not_reused_before_wrap(void)
{
	fresh(PID_MAX_DEFAULT);
	for (int i = 1; i <= 5; i++)
		pidmap_alloc(&map);
	pidmap_free(&map, 3);
	CHECK(!pidmap_busy(&map, 3));
	CHECK_EQ(pidmap_alloc(&map), 6);
	CHECK_EQ(pidmap_alloc(&map), 7);
	pidmap_destroy(&map);
}

static void test_wrap_to_reserved_pids(void)
{
	fresh(1000);
	map.last_pid = 997;
	CHECK_EQ(pidmap_alloc(&map), 998);
	CHECK_EQ(pidmap_alloc(&map), 999);
	/* 999 is pid_max - 1: the next search starts again at RESERVED_PIDS, not at 1. */
	CHECK_EQ(pidmap_alloc(&map), RESERVED_PIDS);
	CHECK_EQ(pidmap_alloc(&map), RESERVED_PIDS + 1);
	CHECK(!pidmap_busy(&map, 1));
	pidmap_destroy(&map);
}

static void test_young_map_wraps_to_one(void)
{
	/* While the cursor has not passed RESERVED_PIDS, wrapping goes back to 1. */
	fresh(100);
	for (int i = 1; i <= 99; i++)
		CHECK_EQ(pidmap_alloc(&map), i);
	pidmap_free(&map, 10);
	pidmap_free(&map, 20);
	CHECK_EQ(pidmap_alloc(&map), 10);
	CHECK_EQ(pidmap_alloc(&map), 20);
	CHECK_EQ(pidmap_alloc(&map), -EAGAIN);
	pidmap_destroy(&map);
}

static void test_busy_numbers_skipped(void)
{
	fresh(PID_MAX_DEFAULT);
	CHECK_EQ(pidmap_alloc_nr(&map, 2), 2);
	CHECK_EQ(pidmap_alloc_nr(&map, 3), 3);
	CHECK_EQ(pidmap_alloc_nr(&map, 5), 5);
	CHECK_EQ(pidmap_alloc(&map), 1);
	CHECK_EQ(pidmap_alloc(&map), 4);
	CHECK_EQ(pidmap_alloc(&map), 6);
	/* A whole run of busy words, then a free number past them. */
	for (int nr = 100; nr < 1000; nr++)
		pidmap_alloc_nr(&map, nr);
	map.last_pid = 98;
	CHECK_EQ(pidmap_alloc(&map), 99);
	CHECK_EQ(pidmap_alloc(&map), 1000);
	pidmap_destroy(&map);
}

static void test_exhaustion_gives_eagain(void)
{
	fresh(RESERVED_PIDS + 1);	/* the smallest pid_max Linux accepts: numbers 1..300 */
	for (int i = 1; i <= RESERVED_PIDS; i++)
		CHECK_EQ(pidmap_alloc(&map), i);
	CHECK_EQ(pidmap_alloc(&map), -EAGAIN);
	CHECK_EQ(map.last_pid, RESERVED_PIDS);	/* a failure leaves the cursor alone */
	/* Once the cursor has passed 300, numbers below 300 are not handed out again. */
	pidmap_free(&map, 150);
	CHECK_EQ(pidmap_alloc(&map), -EAGAIN);
	pidmap_free(&map, RESERVED_PIDS);
	CHECK_EQ(pidmap_alloc(&map), RESERVED_PIDS);
	CHECK_EQ(count_busy(), RESERVED_PIDS - 1);
	pidmap_destroy(&map);
}

static void test_cursor_past_lowered_pid_max(void)
{
	fresh(PID_MAX_DEFAULT);
	map.last_pid = 5000;
	map.pid_max = 400;
	CHECK_EQ(pidmap_alloc(&map), RESERVED_PIDS);
	CHECK_EQ(pidmap_alloc(&map), RESERVED_PIDS + 1);
	pidmap_destroy(&map);
}

static void test_alloc_nr(void)
{
	fresh(1000);
	CHECK_EQ(pidmap_alloc_nr(&map, 0), -EINVAL);
	CHECK_EQ(pidmap_alloc_nr(&map, -7), -EINVAL);
	CHECK_EQ(pidmap_alloc_nr(&map, 1000), -EINVAL);
	CHECK_EQ(pidmap_alloc_nr(&map, 1001), -EINVAL);
	CHECK_EQ(pidmap_alloc_nr(&map, 999), 999);
	CHECK_EQ(pidmap_alloc_nr(&map, 999), -EEXIST);
	CHECK_EQ(pidmap_alloc_nr(&map, 1), 1);
	CHECK_EQ(map.last_pid, 0);		/* chosen numbers do not move the cursor */
	CHECK_EQ(pidmap_alloc(&map), 2);
	CHECK_EQ(count_busy(), 3);
	pidmap_destroy(&map);
}

static void test_pages_allocated_lazily(void)
{
	fresh(PID_MAX_LIMIT);
	CHECK_EQ(map.nr_pages, 0);
	CHECK_EQ(stub_outstanding_pages(), 0);
	CHECK_EQ(pidmap_alloc_nr(&map, 4000000), 4000000);
	CHECK_EQ(map.nr_pages, 1);
	CHECK_EQ(stub_outstanding_pages(), 1);
	CHECK(map.pages[4000000 / PIDMAP_BITS_PER_PAGE].bits != NULL);
	CHECK(map.pages[0].bits == NULL);
	CHECK_EQ(pidmap_next_busy(&map, 1), 4000000);
	/* Another number in the same page costs nothing more. */
	CHECK_EQ(pidmap_alloc_nr(&map, 4000001), 4000001);
	CHECK_EQ(stub_outstanding_pages(), 1);
	CHECK_EQ(pidmap_alloc(&map), 1);
	CHECK_EQ(stub_outstanding_pages(), 2);
	pidmap_destroy(&map);
	CHECK_EQ(stub_outstanding_pages(), 0);
	CHECK_EQ(map.nr_pages, 0);
}

static void test_page_boundaries(void)
{
	fresh(PID_MAX_LIMIT);
	map.last_pid = PIDMAP_BITS_PER_PAGE - 3;
	CHECK_EQ(pidmap_alloc(&map), PIDMAP_BITS_PER_PAGE - 2);
	CHECK_EQ(pidmap_alloc(&map), PIDMAP_BITS_PER_PAGE - 1);
	CHECK_EQ(pidmap_alloc(&map), PIDMAP_BITS_PER_PAGE);
	CHECK_EQ(map.nr_pages, 2);
	CHECK_EQ(pidmap_next_busy(&map, 1), PIDMAP_BITS_PER_PAGE - 2);
	CHECK_EQ(pidmap_next_busy(&map, PIDMAP_BITS_PER_PAGE), PIDMAP_BITS_PER_PAGE);
	CHECK_EQ(pidmap_next_busy(&map, PIDMAP_BITS_PER_PAGE + 1), 0);
	pidmap_destroy(&map);

	/* A full page is skipped by its count: fill page 0 and the next number is on page 1. */
	fresh(PID_MAX_LIMIT);
	for (int nr = 1; nr < PIDMAP_BITS_PER_PAGE; nr++)
		pidmap_alloc(&map);
	CHECK_EQ(map.pages[0].nr_free, 0);
	map.last_pid = 10;
	CHECK_EQ(pidmap_alloc(&map), PIDMAP_BITS_PER_PAGE);
	/* The last number below PID_MAX_LIMIT is usable and then the map wraps. */
	map.last_pid = PID_MAX_LIMIT - 2;
	CHECK_EQ(pidmap_alloc(&map), PID_MAX_LIMIT - 1);
	CHECK_EQ(pidmap_alloc(&map), PIDMAP_BITS_PER_PAGE + 1);
	CHECK_EQ(pidmap_next_busy(&map, PIDMAP_BITS_PER_PAGE + 2), PID_MAX_LIMIT - 1);
	pidmap_destroy(&map);
}

static void test_next_busy_skips_zero(void)
{
	fresh(PID_MAX_DEFAULT);
	CHECK_EQ(pidmap_next_busy(&map, 0), 0);
	CHECK_EQ(pidmap_alloc(&map), 1);
	CHECK_EQ(pidmap_next_busy(&map, 0), 1);
	CHECK_EQ(pidmap_next_busy(&map, -5), 1);
	CHECK_EQ(pidmap_next_busy(&map, 2), 0);
	pidmap_free(&map, 1);
	CHECK_EQ(pidmap_next_busy(&map, 0), 0);
	pidmap_destroy(&map);
}

static void test_page_allocation_failure(void)
{
	fresh(PID_MAX_DEFAULT);
	stub_fail_allocs_after(0);
	CHECK_EQ(pidmap_alloc(&map), -ENOMEM);
	CHECK_EQ(pidmap_alloc_nr(&map, 7), -ENOMEM);
	stub_fail_allocs_after(-1);
	CHECK_EQ(map.last_pid, 0);
	CHECK_EQ(map.nr_pages, 0);
	CHECK_EQ(pidmap_alloc(&map), 1);
	pidmap_destroy(&map);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

int main(void)
{
	RUN(test_sequential_from_one);
	RUN(test_freed_number_not_reused_before_wrap);
	RUN(test_wrap_to_reserved_pids);
	RUN(test_young_map_wraps_to_one);
	RUN(test_busy_numbers_skipped);
	RUN(test_exhaustion_gives_eagain);
	RUN(test_cursor_past_lowered_pid_max);
	RUN(test_alloc_nr);
	RUN(test_pages_allocated_lazily);
	RUN(test_page_boundaries);
	RUN(test_next_busy_skips_zero);
	RUN(test_page_allocation_failure);
	return check_summary();
}
