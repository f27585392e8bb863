/*
 * test_kmalloc.c - kernel/kmalloc.c on the host, over a small arena of pages.
 *
 * The test supplies the page allocator (first fit over a 256-page arena, with a count of pages
 * out), the locks and a panic() that jumps back into the test, so the DEBUG checks can be
 * exercised: double free, a pointer into a block, a pointer kmalloc never returned, a write
 * after free. It does not link tests/host/stubs.c, whose kmalloc would clash with the real one.
 */
// SOURCES: kernel/kmalloc.c
// CFLAGS: -DDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernel.h"
#include "kmalloc.h"
#include "page.h"
#include "spinlock.h"

char *strstr(const char *haystack, const char *needle);	/* kernel string.h lacks it */

#define PAGE		4096
#define ARENA_PAGES	256

static uint8_t *arena;
static bool page_used[ARENA_PAGES];
static long pages_out;

void *pages_alloc(size_t n)
{
	for (size_t i = 0; i + n <= ARENA_PAGES; i++) {
		size_t j = 0;
		while (j < n && !page_used[i + j])
			j++;
		if (j == n) {
			for (j = 0; j < n; j++)
				page_used[i + j] = true;
			pages_out += (long)n;
			memset(arena + i * PAGE, 0xa5, n * PAGE);
			return arena + i * PAGE;
		}
	}
	return NULL;
}

void pages_free(void *p, size_t n)
{
	size_t first = (size_t)((uint8_t *)p - arena) / PAGE;

	for (size_t j = 0; j < n; j++) {
		if (!page_used[first + j])
			abort();
		page_used[first + j] = false;
	}
	pages_out -= (long)n;
}

void *page_alloc(void)
{
	return pages_alloc(1);
}

void page_free(void *p)
{
	pages_free(p, 1);
}

void spin_lock(struct spinlock *l)
{
	l->locked = 1;
}

void spin_unlock(struct spinlock *l)
{
	l->locked = 0;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

static jmp_buf panic_jmp;
static bool panic_expected;
static char panic_msg[256];

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);
	if (panic_expected)
		longjmp(panic_jmp, 1);
	fprintf(stderr, "unexpected panic: %s\n", panic_msg);
	abort();
}

/* Run `stmt`, which must panic with a message containing `word`. */
#define CHECK_PANICS(stmt, word)                                                     \
	do {                                                                         \
		panic_msg[0] = '\0';                                                 \
		panic_expected = true;                                               \
		if (setjmp(panic_jmp) == 0) {                                        \
			stmt;                                                        \
		}                                                                    \
		panic_expected = false;                                              \
		CHECK(strstr(panic_msg, word) != NULL);                              \
	} while (0)

/* A fresh allocator over an empty arena. */
static void fresh(void)
{
	memset(page_used, 0, sizeof(page_used));
	pages_out = 0;
	CHECK_EQ(kmalloc_init((uintptr_t)arena, ARENA_PAGES), 0);
	CHECK_EQ(pages_out, 1);		/* the tag table: 256 pages * 8 bytes */
}

static void test_size_classes(void)
{
	CHECK_EQ(kmalloc_size_class(0), 0);
	CHECK_EQ(kmalloc_size_class(1), 0);
	CHECK_EQ(kmalloc_size_class(16), 0);
	CHECK_EQ(kmalloc_size_class(17), 1);
	CHECK_EQ(kmalloc_size_class(32), 1);
	CHECK_EQ(kmalloc_size_class(33), 2);
	CHECK_EQ(kmalloc_size_class(512), 5);
	CHECK_EQ(kmalloc_size_class(1000), 6);
	CHECK_EQ(kmalloc_size_class(2048), 7);
	CHECK_EQ(kmalloc_size_class(2049), -1);
	CHECK_EQ(kmalloc_size_class(1 << 20), -1);
}

/* Three pages' worth of blocks of every class: aligned, disjoint, and all given back. */
static void test_every_class(void)
{
	static void *blocks[3 * PAGE / 16];

	fresh();
	for (size_t size = 16; size <= 2048; size *= 2) {
		size_t n = 3 * PAGE / size;
		int bad = 0;

		for (size_t i = 0; i < n; i++) {
			blocks[i] = kmalloc(size - 3);
			CHECK(blocks[i] != NULL);
			bad += (uintptr_t)blocks[i] % size != 0;
			bad += (uint8_t *)blocks[i] < arena ||
			       (uint8_t *)blocks[i] >= arena + ARENA_PAGES * PAGE;
			memset(blocks[i], (int)i, size);
		}
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < size; j++)
				bad += ((uint8_t *)blocks[i])[j] != (uint8_t)i;
		CHECK_EQ(bad, 0);
		for (size_t i = 0; i < n; i++)
			kfree(blocks[i]);
	}
	/* left: the tag table, one page of slab descriptors, one spare slab per class */
	CHECK_EQ(pages_out, 1 + 1 + 8);
}

static void test_large_blocks(void)
{
	fresh();
	void *a = kmalloc(2049), *b = kmalloc(5000), *c = kzalloc(3 * PAGE);

	CHECK(a && b && c);
	CHECK_EQ((uintptr_t)a % PAGE, 0);
	CHECK_EQ((uintptr_t)b % PAGE, 0);
	CHECK_EQ(pages_out, 1 + 1 + 2 + 3);
	int nonzero = 0;
	for (int i = 0; i < 3 * PAGE; i++)
		nonzero += ((uint8_t *)c)[i] != 0;
	CHECK_EQ(nonzero, 0);
	kfree(b);
	kfree(a);
	kfree(c);
	CHECK_EQ(pages_out, 1);
	CHECK(kmalloc(ARENA_PAGES * PAGE) == NULL);
	CHECK_PANICS(kfree((uint8_t *)kmalloc(3 * PAGE) + PAGE), "not returned");
	void *d = kmalloc(3 * PAGE);
	CHECK_PANICS(kfree((uint8_t *)d + 8), "inside a large block");
}

static void test_misuse_panics(void)
{
	int local;

	fresh();
	uint8_t *p = kmalloc(32), *q = kmalloc(64);
	kfree(p);
	CHECK_PANICS(kfree(p), "twice");
	CHECK_PANICS(kfree(q + 8), "inside a 64-byte block");
	CHECK_PANICS(kfree(&local), "not returned by kmalloc");
	kfree(q);
	kfree(NULL);
}

static void test_write_after_free_caught(void)
{
	fresh();
	uint8_t *p = kmalloc(128);

	kfree(p);
	for (int i = 8; i < 128; i++)
		CHECK_EQ(p[i], 0x6b);		/* poisoned */
	p[50] = 1;				/* the bug */
	CHECK_PANICS(kmalloc(100), "written after free");
}

/* Fill the arena with 2000-byte blocks until kmalloc says no; free them all. */
static int fill_and_empty(void)
{
	static void *blocks[ARENA_PAGES * 2];
	int n = 0;

	while (n < (int)(sizeof(blocks) / sizeof(blocks[0])) && (blocks[n] = kmalloc(2000)))
		n++;
	CHECK(kmalloc(16) == NULL);
	for (int i = n; i-- > 0;)
		kfree(blocks[i]);
	return n;
}

/* Running out of pages gives NULL, everything can be freed, and a second fill gets as far. */
static void test_out_of_memory(void)
{
	fresh();
	int n = fill_and_empty();
	long out = pages_out;

	/* two blocks a page; the rest went to the tag table and slab descriptors */
	CHECK(n >= (ARENA_PAGES - 8) * 2);
	CHECK_EQ(fill_and_empty(), n);
	CHECK_EQ(pages_out, out);
	CHECK(out <= 1 + 5 + 1);	/* tag table, descriptor pages, the spare slab */
	void *p = kmalloc(16);
	CHECK(p != NULL);
	kfree(p);
}

/* Allocating and freeing one block over and over keeps using the same page. */
static void test_no_page_churn(void)
{
	fresh();
	void *first = kmalloc(40);

	kfree(first);
	long out = pages_out;
	for (int i = 0; i < 1000; i++) {
		void *p = kmalloc(40);
		if (p != first)
			CHECK(0);
		kfree(p);
	}
	CHECK_EQ(pages_out, out);
}

int main(void)
{
	arena = aligned_alloc(PAGE, ARENA_PAGES * PAGE);
	RUN(test_size_classes);
	RUN(test_every_class);
	RUN(test_large_blocks);
	RUN(test_misuse_panics);
	RUN(test_write_after_free_caught);
	RUN(test_out_of_memory);
	RUN(test_no_page_churn);
	free(arena);
	return check_summary();
}
