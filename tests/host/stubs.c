/*
 * stubs.c - the kernel's memory, lock and console interfaces, for host unit tests.
 *
 * Memory comes from malloc() and is counted (see stubs.h). Fresh kmalloc() and page_alloc()
 * memory is filled with garbage, since the kernel promises nothing about it; AddressSanitizer
 * catches reads past the end and after free. The host tests are single-threaded, so a spinlock is
 * a flag: taking one that is held is a self-deadlock in the kernel and aborts the test here, and
 * so does releasing one that is not held.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "kmalloc.h"
#include "page.h"
#include "spinlock.h"
#include "stubs.h"

#define STUB_PAGE_SIZE 4096

static long outstanding_kmalloc, outstanding_pages;
static long allocs_left = -1;	/* -1: never fail */

long stub_outstanding_kmalloc(void)
{
	return outstanding_kmalloc;
}

long stub_outstanding_pages(void)
{
	return outstanding_pages;
}

void stub_fail_allocs_after(long n)
{
	allocs_left = n;
}

/* Whether the next allocation is allowed to succeed. */
static int may_allocate(void)
{
	if (allocs_left < 0)
		return 1;
	if (allocs_left == 0)
		return 0;
	allocs_left--;
	return 1;
}

void *kmalloc(size_t size)
{
	void *p;

	if (!may_allocate())
		return NULL;
	p = malloc(size ? size : 1);
	if (!p)
		return NULL;
	memset(p, 0xa5, size);
	outstanding_kmalloc++;
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	outstanding_kmalloc--;
	free(p);
}

void *page_alloc(void)
{
	void *p;

	if (!may_allocate())
		return NULL;
	p = aligned_alloc(STUB_PAGE_SIZE, STUB_PAGE_SIZE);
	if (!p)
		return NULL;
	memset(p, 0x5a, STUB_PAGE_SIZE);
	outstanding_pages++;
	return p;
}

void *page_alloc_zeroed(void)
{
	void *p = page_alloc();

	if (p)
		memset(p, 0, STUB_PAGE_SIZE);
	return p;
}

void page_free(void *page)
{
	if (!page)
		return;
	outstanding_pages--;
	free(page);
}

void spinlock_init(struct spinlock *l, const char *name)
{
	l->locked = 0;
	l->name = name;
	l->cpu = -1;
}

void spin_lock(struct spinlock *l)
{
	if (l->locked)
		panic("spin_lock: %s already held (self-deadlock)", l->name);
	l->locked = 1;
	l->cpu = 0;
}

void spin_unlock(struct spinlock *l)
{
	if (!l->locked)
		panic("spin_unlock: %s not held", l->name);
	l->locked = 0;
	l->cpu = -1;
}

int spin_holding(struct spinlock *l)
{
	return l->locked && l->cpu == 0;
}

void push_off(void)
{
}

void pop_off(void)
{
}

int kvprintf(const char *fmt, va_list ap)
{
	return vprintf(fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "panic: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}
