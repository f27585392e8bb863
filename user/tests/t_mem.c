/*
 * t_mem.c - the address space calls: brk, anonymous mmap, munmap, mprotect, and what a process
 * that touches memory it may not touch gets (SIGSEGV, seen by its parent as WTERMSIG 11).
 */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "tap.h"

#define PAGE 4096

static volatile char *target;	/* what the child below touches */

static int child_write(void *arg)
{
	(void)arg;
	target[0] = 1;
	return 0;
}

static int child_read(void *arg)
{
	(void)arg;
	return target[0] == 123 ? 0 : 1;
}

/* The brk syscall never returns an errno: the new break, or the old one when it cannot move. */
static void test_brk(void)
{
	uintptr_t start = (uintptr_t)syscall(SYS_brk, 0);
	uintptr_t grown = (uintptr_t)syscall(SYS_brk, start + 8 * PAGE);

	CHECK(start != 0, "brk(0) returns the current break");
	CHECK(grown == start + 8 * PAGE, "brk grows the heap by 8 pages");
	if (grown == start + 8 * PAGE) {
		char *p = (char *)start;
		int zero = 1;

		for (int i = 0; i < 8 * PAGE; i++)
			zero &= p[i] == 0;
		memset(p, 0x5a, 8 * PAGE);
		CHECK(zero && p[8 * PAGE - 1] == 0x5a, "new heap pages are zero and writable");
	}
	CHECK((uintptr_t)syscall(SYS_brk, (uintptr_t)1 << 46) == grown,
	      "an impossible brk returns the old break");
	CHECK((uintptr_t)syscall(SYS_brk, start) == start, "brk shrinks back");

	/* (musl's sbrk() only answers sbrk(0): its malloc owns the break) */
	CHECK(sbrk(0) == (void *)start, "sbrk(0) is the break");
}

static void test_mmap(void)
{
	size_t len = 256 * PAGE;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ok = 1;

	if (!CHECK(p != MAP_FAILED, "mmap 1 MiB anonymous"))
		return;
	CHECK(((uintptr_t)p & (PAGE - 1)) == 0, "mmap returns a page-aligned address");
	for (size_t i = 0; i < len; i += PAGE / 2)
		ok &= p[i] == 0;
	CHECK(ok, "anonymous memory starts zeroed");
	for (size_t i = 0; i < len; i++)
		p[i] = (char)(i * 7);
	ok = 1;
	for (size_t i = 0; i < len; i++)
		ok &= p[i] == (char)(i * 7);
	CHECK(ok, "1 MiB written and read back");
	CHECK_EQ(munmap(p + PAGE, PAGE), 0, "munmap one page from the middle");
	target = p + PAGE;
	tap_killed(tap_run_child(child_read, NULL), SIGSEGV, "reading an unmapped page kills (SIGSEGV)");
	CHECK(p[0] == 0 && p[2 * PAGE] == (char)(2 * PAGE * 7), "pages around the hole survive");
	CHECK_EQ(munmap(p, len), 0, "munmap the rest (hole included)");
	CHECK_EQ(munmap(p, len), 0, "munmap of an already unmapped range is not an error");

	CHECK_ERRNO(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL,
		    "mmap of length 0");
	/* raw syscalls: musl's mprotect() rounds the address down before the kernel sees it */
	CHECK_ERRNO(syscall(SYS_munmap, (char *)p + 1, PAGE), EINVAL,
		    "munmap of an unaligned address");
	CHECK_ERRNO(syscall(SYS_mprotect, (char *)p + 1, PAGE, PROT_READ), EINVAL,
		    "mprotect of an unaligned address");

	/* MAP_FIXED puts the mapping exactly there */
	char *hint = mmap(NULL, 4 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *fixed = mmap(hint + PAGE, PAGE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	CHECK(hint != MAP_FAILED && fixed == hint + PAGE, "MAP_FIXED maps at the given address");
	if (fixed == hint + PAGE) {
		fixed[10] = 'x';
		CHECK(fixed[10] == 'x', "the MAP_FIXED page is writable");
	}
	munmap(hint, 4 * PAGE);
}

static void test_mprotect(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED, "mmap 2 pages for mprotect"))
		return;
	p[0] = 123;
	target = p;
	CHECK_EQ(mprotect(p, PAGE, PROT_READ), 0, "mprotect(PROT_READ)");
	CHECK(p[0] == 123, "a read-only page can still be read");
	tap_killed(tap_run_child(child_write, NULL), SIGSEGV,
		   "writing a PROT_READ page kills the child with SIGSEGV");
	CHECK_EQ(mprotect(p, PAGE, PROT_NONE), 0, "mprotect(PROT_NONE)");
	tap_killed(tap_run_child(child_read, NULL), SIGSEGV,
		   "reading a PROT_NONE page kills the child with SIGSEGV");
	CHECK_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0, "mprotect back to read-write");
	p[0]++;
	CHECK(p[0] == 124, "the page keeps its contents and is writable again");
	tap_exited(tap_run_child(child_read, NULL), 1, "a child reads it too (sees 124, exits 1)");
	p[PAGE] = 5;
	CHECK(p[PAGE] == 5, "mprotect of the first page left the second alone");
	munmap(p, 2 * PAGE);
	target = NULL;
	tap_killed(tap_run_child(child_write, NULL), SIGSEGV, "writing through NULL kills (SIGSEGV)");
}

static void test_malloc(void)
{
	char *small[64], *big = malloc(1 << 20);
	int ok = 1;

	for (int i = 0; i < 64; i++) {
		small[i] = malloc((size_t)i * 13 + 1);
		ok &= small[i] != NULL;
		if (small[i])
			memset(small[i], i, (size_t)i * 13 + 1);
	}
	CHECK(big != NULL, "malloc(1 MiB)");
	if (big)
		memset(big, 0xaa, 1 << 20);
	for (int i = 0; i < 64 && ok; i++)
		for (int j = 0; j < i * 13 + 1; j++)
			ok &= small[i][j] == (char)i;
	CHECK(ok, "64 small blocks keep their contents next to a 1 MiB block");
	for (int i = 0; i < 64; i++)
		free(small[i]);
	big = realloc(big, 4 << 20);
	CHECK(big && (unsigned char)big[(1 << 20) - 1] == 0xaa, "realloc to 4 MiB keeps the data");
	free(big);
}

int main(void)
{
	test_brk();
	test_mmap();
	test_mprotect();
	test_malloc();
	return tap_done();
}
