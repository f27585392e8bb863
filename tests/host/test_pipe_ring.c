/*
 * test_pipe_ring.c - the byte ring of a pipe (kernel/pipe_ring.c) and the PIPE_BUF rule.
 *
 * Checks FIFO order across page boundaries and the wrap at PIPE_SIZE, the full/empty limits,
 * lazy page allocation and the restart at offset 0 when the ring drains, partial moves when the
 * copy function fails part-way (a bad user page) or a page cannot be allocated, and which writes
 * the PIPE_BUF rule lets in whole, in part or not at all.
 */
// SOURCES: kernel/pipe_ring.c tests/host/stubs.c
#include <string.h>

#include "check.h"
#include "stubs.h"

#include "kernel.h"
#include "pipe.h"
#include "uapi/errno.h"
#include "uapi/limits.h"

static struct pipe_ring ring;

static int plain_copy(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
	return 0;
}

/* A copy that fails (like a fault on a user page) once `copy_budget` bytes have been copied. */
static size_t copy_budget;

static int failing_copy(void *dst, const void *src, size_t n)
{
	if (n > copy_budget)
		return -EFAULT;
	copy_budget -= n;
	memcpy(dst, src, n);
	return 0;
}

/* Byte i of the test stream: a pattern that does not repeat with any page-related period. */
static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + i / 251);
}

static unsigned char buf[3 * PIPE_SIZE];
static unsigned char out[3 * PIPE_SIZE];

static void fill(size_t from, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = pattern(from + i);
}

/* Does out[0..n) hold the stream bytes from..from+n? */
static int matches(size_t from, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (out[i] != pattern(from + i))
			return 0;
	return 1;
}

static int pages_allocated(void)
{
	int n = 0;

	for (int i = 0; i < PIPE_PAGES; i++)
		n += ring.pages[i] != NULL;
	return n;
}

static void test_empty_ring(void)
{
	pipe_ring_init(&ring);
	CHECK_EQ(pipe_ring_used(&ring), 0);
	CHECK_EQ(pipe_ring_space(&ring), PIPE_SIZE);
	CHECK_EQ(pipe_ring_get(&ring, out, 10, plain_copy), 0);
	CHECK_EQ(pipe_ring_put(&ring, buf, 0, plain_copy), 0);
	CHECK_EQ(pages_allocated(), 0);
	pipe_ring_destroy(&ring);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

static void test_fifo_small(void)
{
	pipe_ring_init(&ring);
	memcpy(buf, "hello, ", 7);
	CHECK_EQ(pipe_ring_put(&ring, buf, 7, plain_copy), 7);
	memcpy(buf, "world", 5);
	CHECK_EQ(pipe_ring_put(&ring, buf, 5, plain_copy), 5);
	CHECK_EQ(pipe_ring_used(&ring), 12);
	CHECK_EQ(pages_allocated(), 1);
	CHECK_EQ(pipe_ring_get(&ring, out, 3, plain_copy), 3);
	CHECK(memcmp(out, "hel", 3) == 0);
	CHECK_EQ(pipe_ring_get(&ring, out, 100, plain_copy), 9);
	CHECK(memcmp(out, "lo, world", 9) == 0);
	CHECK_EQ(pipe_ring_used(&ring), 0);
	/* drained: the next write starts at the beginning of page 0 again */
	CHECK_EQ(ring.head, 0);
	CHECK_EQ(ring.tail, 0);
	pipe_ring_destroy(&ring);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

static void test_fill_to_capacity(void)
{
	pipe_ring_init(&ring);
	fill(0, PIPE_SIZE + 100);
	CHECK_EQ(pipe_ring_put(&ring, buf, PIPE_SIZE + 100, plain_copy), PIPE_SIZE);
	CHECK_EQ(pipe_ring_space(&ring), 0);
	CHECK_EQ(pages_allocated(), PIPE_PAGES);
	CHECK_EQ(pipe_ring_put(&ring, buf, 1, plain_copy), 0); /* full */
	CHECK_EQ(pipe_ring_get(&ring, out, PIPE_SIZE + 100, plain_copy), PIPE_SIZE);
	CHECK(matches(0, PIPE_SIZE));
	pipe_ring_destroy(&ring);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

/* Keep the ring partly full while streaming: the data wraps round PIPE_SIZE several times. */
static void test_wrap_stream(void)
{
	size_t written = 0, read = 0;
	const size_t total = 5 * PIPE_SIZE + 123;
	const size_t wsizes[] = { 1, 4095, 4096, 4097, 7000, 333, 65535 };
	const size_t rsizes[] = { 5000, 1, 4096, 17, 9999, 65536 };
	int ok = 1;

	pipe_ring_init(&ring);
	for (int step = 0; read < total; step++) {
		size_t w = MIN(wsizes[step % 7], total - written);
		size_t expect_w = MIN(w, PIPE_SIZE - (written - read));

		fill(written, w);
		long got = pipe_ring_put(&ring, buf, w, plain_copy);
		if (got != (long)expect_w)
			ok = 0;
		if (got > 0)
			written += (size_t)got;

		size_t r = rsizes[step % 6];
		size_t expect_r = MIN(r, written - read);
		got = pipe_ring_get(&ring, out, r, plain_copy);
		if (got != (long)expect_r || !matches(read, expect_r))
			ok = 0;
		if (got > 0)
			read += (size_t)got;
		if (pipe_ring_used(&ring) != written - read)
			ok = 0;
	}
	CHECK(ok);
	CHECK_EQ(read, total);
	pipe_ring_destroy(&ring);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

/* A write that straddles the end of the ring lands in the last and first pages, in order. */
static void test_wrap_exact(void)
{
	pipe_ring_init(&ring);
	fill(0, PIPE_SIZE);
	CHECK_EQ(pipe_ring_put(&ring, buf, PIPE_SIZE - 10, plain_copy), PIPE_SIZE - 10);
	CHECK_EQ(pipe_ring_get(&ring, out, PIPE_SIZE - 20, plain_copy), PIPE_SIZE - 20);
	/* 10 bytes left at the very end; write 30 more: 10 at the end, 20 at offset 0 */
	fill(PIPE_SIZE - 10, 30);
	CHECK_EQ(pipe_ring_put(&ring, buf, 30, plain_copy), 30);
	CHECK_EQ(pipe_ring_used(&ring), 40);
	CHECK_EQ(pipe_ring_get(&ring, out, 40, plain_copy), 40);
	CHECK(matches(PIPE_SIZE - 20, 40));
	pipe_ring_destroy(&ring);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

static void test_lazy_pages(void)
{
	pipe_ring_init(&ring);
	fill(0, 3 * PIPE_PAGE_BYTES);
	CHECK_EQ(pipe_ring_put(&ring, buf, PIPE_PAGE_BYTES + 1, plain_copy), PIPE_PAGE_BYTES + 1);
	CHECK_EQ(pages_allocated(), 2);
	CHECK(ring.pages[0] && ring.pages[1] && !ring.pages[2]);
	pipe_ring_destroy(&ring);
	CHECK_EQ(pages_allocated(), 0);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

/* A fault part-way: the bytes before the failing page-sized chunk count, the rest do not. */
static void test_copy_fault(void)
{
	pipe_ring_init(&ring);
	fill(0, 3 * PIPE_PAGE_BYTES);
	copy_budget = 0;
	CHECK_EQ(pipe_ring_put(&ring, buf, 100, failing_copy), -EFAULT);
	CHECK_EQ(pipe_ring_used(&ring), 0);

	copy_budget = PIPE_PAGE_BYTES; /* first chunk (one page) fits, second fails */
	CHECK_EQ(pipe_ring_put(&ring, buf, 2 * PIPE_PAGE_BYTES, failing_copy), PIPE_PAGE_BYTES);
	CHECK_EQ(pipe_ring_used(&ring), PIPE_PAGE_BYTES);

	copy_budget = 0;
	CHECK_EQ(pipe_ring_get(&ring, out, 10, failing_copy), -EFAULT);
	CHECK_EQ(pipe_ring_used(&ring), PIPE_PAGE_BYTES); /* nothing consumed */
	copy_budget = 100;
	CHECK_EQ(pipe_ring_get(&ring, out, 100, failing_copy), 100);
	CHECK(matches(0, 100));
	/* the next chunk ends at the page boundary: 3996 bytes > budget 0 */
	CHECK_EQ(pipe_ring_get(&ring, out, PIPE_PAGE_BYTES, failing_copy), -EFAULT);
	CHECK_EQ(pipe_ring_get(&ring, out, PIPE_PAGE_BYTES, plain_copy), PIPE_PAGE_BYTES - 100);
	CHECK(matches(100, PIPE_PAGE_BYTES - 100));
	pipe_ring_destroy(&ring);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

static void test_no_memory(void)
{
	pipe_ring_init(&ring);
	fill(0, 2 * PIPE_PAGE_BYTES);
	stub_fail_allocs_after(0);
	CHECK_EQ(pipe_ring_put(&ring, buf, 10, plain_copy), -ENOMEM);
	CHECK_EQ(pipe_ring_used(&ring), 0);
	stub_fail_allocs_after(1); /* page 0 yes, page 1 no: a partial write */
	CHECK_EQ(pipe_ring_put(&ring, buf, 2 * PIPE_PAGE_BYTES, plain_copy), PIPE_PAGE_BYTES);
	stub_fail_allocs_after(-1);
	CHECK_EQ(pipe_ring_get(&ring, out, 2 * PIPE_PAGE_BYTES, plain_copy), PIPE_PAGE_BYTES);
	CHECK(matches(0, PIPE_PAGE_BYTES));
	pipe_ring_destroy(&ring);
	CHECK_EQ(stub_outstanding_pages(), 0);
}

static void test_pipe_buf_rule(void)
{
	/* small writes: all or nothing */
	CHECK_EQ(pipe_write_chunk(1, 0, 0), 0);
	CHECK_EQ(pipe_write_chunk(1, 0, 1), 1);
	CHECK_EQ(pipe_write_chunk(100, 0, 99), 0);
	CHECK_EQ(pipe_write_chunk(100, 0, 100), 100);
	CHECK_EQ(pipe_write_chunk(PIPE_BUF, 0, PIPE_BUF - 1), 0);
	CHECK_EQ(pipe_write_chunk(PIPE_BUF, 0, PIPE_BUF), PIPE_BUF);
	CHECK_EQ(pipe_write_chunk(PIPE_BUF, 0, PIPE_SIZE), PIPE_BUF);
	/* large writes: whatever fits, in as many pieces as it takes */
	CHECK_EQ(pipe_write_chunk(PIPE_BUF + 1, 0, 1), 1);
	CHECK_EQ(pipe_write_chunk(PIPE_BUF + 1, 0, 0), 0);
	CHECK_EQ(pipe_write_chunk(PIPE_BUF + 1, 1, PIPE_SIZE), PIPE_BUF);
	CHECK_EQ(pipe_write_chunk(100000, 50000, PIPE_SIZE), 50000);
	CHECK_EQ(pipe_write_chunk(100000, 0, PIPE_SIZE), PIPE_SIZE);
	CHECK_EQ(pipe_write_chunk(100000, 99999, 1), 1);
}

int main(void)
{
	RUN(test_empty_ring);
	RUN(test_fifo_small);
	RUN(test_fill_to_capacity);
	RUN(test_wrap_stream);
	RUN(test_wrap_exact);
	RUN(test_lazy_pages);
	RUN(test_copy_fault);
	RUN(test_no_memory);
	RUN(test_pipe_buf_rule);
	return check_summary();
}
