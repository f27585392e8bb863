/*
 * malloc.c - the heap: malloc, free, calloc, realloc and the aligned variants.
 *
 * Two sources of memory:
 *
 *  - Small requests (below MMAP_THRESHOLD) are carved out of chunks taken from the kernel with
 *    brk() (or, if brk cannot grow, with mmap()). Free blocks sit on one list sorted by address,
 *    so a freed block can be merged with a free neighbour on either side; allocation takes the
 *    first free block that is big enough and splits off the rest (first fit, as in K&R).
 *  - Large requests get their own anonymous mmap() and go straight back with munmap() when
 *    freed, so a big temporary buffer does not leave a hole in the heap.
 *
 * Every block starts with a 16-byte header; the pointer handed out is just after it, so it is
 * 16-byte aligned as x86_64 requires for any object (SSE loads of long double and __int128).
 *
 *	+--------------+---------------+--------------------------------+
 *	| size (bytes) | next / magic  | payload ...                    |
 *	+--------------+---------------+--------------------------------+
 *	^ block                        ^ pointer returned by malloc()
 *
 * While a block is free, `next` links the free list; while it is in use it holds a magic number
 * saying where it came from, which lets free() catch pointers malloc never returned and double
 * frees, and abort loudly instead of corrupting the heap.
 *
 * Not thread-safe: nido's libc has no threads yet.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "libc.h"
#include "syscall.h"

#define ALIGN		16
#define MMAP_THRESHOLD	(128 * 1024)	/* requests this big get their own mapping */
#define GROW_MIN	(256 * 1024)	/* take at least this much from the kernel at a time */

#define MAGIC_HEAP	((struct block *)0x6e69646f48454150ul)	/* "nidoHEAP" */
#define MAGIC_MMAP	((struct block *)0x6e69646f4d4d4150ul)	/* "nidoMMAP" */
#define MAGIC_ALIGNED	((struct block *)0x6e69646f414c4947ul)	/* "nidoALIG" */

struct block {
	size_t size;		/* whole block, header included; a multiple of ALIGN */
	struct block *next;	/* free: next free block by address; in use: a MAGIC_* */
};

_Static_assert(sizeof(struct block) == ALIGN, "the header keeps payloads 16-byte aligned");

static struct block *free_list;	/* free heap blocks, sorted by address */
static uintptr_t brk_end;	/* current program break, 0 until first used */

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) & ~(to - 1);
}

static struct block *header_of(void *ptr)
{
	return (struct block *)ptr - 1;
}

static _Noreturn void heap_corrupt(const char *what, void *ptr)
{
	char msg[96];
	int n = snprintf(msg, sizeof(msg), "malloc: %s %p\n", what, ptr);

	write(STDERR_FILENO, msg, (size_t)n);
	abort();
}

/*
 * Put a free block on the list at its address-ordered place and merge it with the blocks right
 * before and after it when they touch.
 */
static void free_list_insert(struct block *b)
{
	struct block *prev = NULL, *cur = free_list;

	while (cur && cur < b) {
		prev = cur;
		cur = cur->next;
	}
	if (cur == b)
		heap_corrupt("double free of", b + 1);

	if (cur && (char *)b + b->size == (char *)cur) {
		b->size += cur->size;
		b->next = cur->next;
	} else {
		b->next = cur;
	}
	if (prev && (char *)prev + prev->size == (char *)b) {
		prev->size += b->size;
		prev->next = b->next;
	} else if (prev) {
		prev->next = b;
	} else {
		free_list = b;
	}
}

/*
 * Get at least `need` more bytes from the kernel and add them to the free list. brk() is tried
 * first; the kernel answers a failed brk with the old break, never an errno. If brk cannot grow
 * (or something else moved it), fall back to an anonymous mapping.
 */
static int heap_grow(size_t need)
{
	size_t len = round_up(need > GROW_MIN ? need : GROW_MIN, __page_size);
	struct block *b;

	if (!brk_end)
		brk_end = (uintptr_t)__syscall(SYS_brk, 0);
	if ((uintptr_t)__syscall(SYS_brk, brk_end + len) == brk_end + len) {
		b = (struct block *)brk_end;
		brk_end += len;
	} else {
		b = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (b == MAP_FAILED)
			return -1;
	}
	b->size = len;
	free_list_insert(b);
	return 0;
}

/* First fit: take the first free block of at least `size` bytes, splitting off the rest. */
static struct block *heap_take(size_t size)
{
	for (struct block **link = &free_list; *link; link = &(*link)->next) {
		struct block *b = *link;

		if (b->size < size)
			continue;
		if (b->size - size >= 2 * ALIGN) {
			struct block *rest = (struct block *)((char *)b + size);

			rest->size = b->size - size;
			rest->next = b->next;
			*link = rest;
			b->size = size;
		} else {
			*link = b->next;
		}
		b->next = MAGIC_HEAP;
		return b;
	}
	return NULL;
}

void *malloc(size_t n)
{
	size_t size;
	struct block *b;

	if (n > PTRDIFF_MAX - 2 * MMAP_THRESHOLD) {
		errno = ENOMEM;
		return NULL;
	}
	size = round_up(n + sizeof(struct block), ALIGN);

	if (size >= MMAP_THRESHOLD) {
		size = round_up(size, __page_size);
		b = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (b == MAP_FAILED) {
			errno = ENOMEM;
			return NULL;
		}
		b->size = size;
		b->next = MAGIC_MMAP;
		return b + 1;
	}

	b = heap_take(size);
	if (!b) {
		if (heap_grow(size) < 0) {
			errno = ENOMEM;
			return NULL;
		}
		b = heap_take(size);
	}
	return b + 1;
}

/* The block a payload pointer belongs to, looking through aligned_alloc's extra header. */
static struct block *block_of(void *ptr)
{
	struct block *h = header_of(ptr);

	if (h->next == MAGIC_ALIGNED)
		h = header_of((char *)ptr - h->size);
	if (h->next != MAGIC_HEAP && h->next != MAGIC_MMAP)
		heap_corrupt("free of a pointer malloc did not return (or a double free):", ptr);
	return h;
}

void free(void *ptr)
{
	struct block *b;

	if (!ptr)
		return;
	b = block_of(ptr);
	if (b->next == MAGIC_MMAP) {
		b->next = NULL;
		munmap(b, b->size);
		return;
	}
	free_list_insert(b);
}

void *calloc(size_t nmemb, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(nmemb, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(total);
	if (p)
		memset(p, 0, total);
	return p;
}

/* How many bytes the caller may use at ptr. */
static size_t usable_size(void *ptr)
{
	struct block *b = block_of(ptr);

	return (size_t)((char *)b + b->size - (char *)ptr);
}

/*
 * Keep the block when it is already big enough (a shrink leaves the slack in place); otherwise
 * allocate, copy and free. For the aligned case the copy keeps the data but not the alignment,
 * as C allows.
 */
void *realloc(void *ptr, size_t n)
{
	size_t have;
	void *p;

	if (!ptr)
		return malloc(n);
	if (n == 0) {
		free(ptr);
		return NULL;
	}
	have = usable_size(ptr);
	if (n <= have && (n >= have / 2 || have < MMAP_THRESHOLD))
		return ptr;
	p = malloc(n);
	if (!p)
		return NULL;
	memcpy(p, ptr, n < have ? n : have);
	free(ptr);
	return p;
}

void *reallocarray(void *ptr, size_t nmemb, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(nmemb, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(ptr, total);
}

/*
 * Alignments above 16: allocate extra, pick the aligned address inside, and put a second header
 * just before it whose size field is the distance back to the real payload.
 */
void *aligned_alloc(size_t align, size_t n)
{
	char *raw, *p;
	struct block *h;

	if (align == 0 || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (align <= ALIGN)
		return malloc(n);
	if (n > PTRDIFF_MAX - align - ALIGN) {
		errno = ENOMEM;
		return NULL;
	}
	raw = malloc(n + align + ALIGN);
	if (!raw)
		return NULL;
	p = (char *)round_up((uintptr_t)raw + ALIGN, align);
	h = header_of(p);
	h->size = (size_t)(p - raw);
	h->next = MAGIC_ALIGNED;
	return p;
}

int posix_memalign(void **out, size_t align, size_t n)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = aligned_alloc(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}
