/*
 * pipe_ring.c - the byte ring inside a pipe, and the PIPE_BUF rule.
 *
 * A pipe holds up to PIPE_SIZE (64 KiB) bytes that have been written and not yet read. They live
 * in a ring of PIPE_PAGES separately allocated pages rather than one 64 KiB block: a pipe then
 * needs no contiguous physical memory, and a pipe that carries little data (most of them: a
 * shell pipeline moves a line or a block at a time) costs a single page, because pages are
 * allocated only when a write first reaches them and the ring restarts at offset 0 whenever it
 * drains. The pages are kept until the pipe is destroyed.
 *
 * Positions are two free-running byte counters, head (written) and tail (read), so "empty"
 * (head == tail) and "full" (head == tail + PIPE_SIZE) need no extra flag, and the offset of
 * byte k is k % PIPE_SIZE. Copies are split at page boundaries, which are also the ring's wrap
 * point, and go through the caller's copy function, so the same code moves user memory in the
 * kernel (copy_from_user/copy_to_user, which may fail with -EFAULT) and plain memory in tests.
 *
 * Nothing here locks or sleeps: kernel/pipe.c serialises every call on a ring.
 */
#include "pipe.h"

#include "kernel.h"
#include "page.h"
#include "uapi/errno.h"
#include "uapi/limits.h"

_Static_assert((PIPE_SIZE & (PIPE_SIZE - 1)) == 0, "PIPE_SIZE must be a power of two");
_Static_assert(PIPE_BUF <= PIPE_SIZE, "an atomic write must fit in an empty pipe");
_Static_assert(PIPE_ATOMIC == PIPE_BUF, "pipe.h and uapi/limits.h disagree on PIPE_BUF");

/* An empty ring owning no pages. */
void pipe_ring_init(struct pipe_ring *r)
{
	for (int i = 0; i < PIPE_PAGES; i++)
		r->pages[i] = NULL;
	r->head = 0;
	r->tail = 0;
}

/* Free every page; whatever was still unread is gone. The ring is left empty and reusable. */
void pipe_ring_destroy(struct pipe_ring *r)
{
	for (int i = 0; i < PIPE_PAGES; i++) {
		if (r->pages[i])
			page_free(r->pages[i]);
		r->pages[i] = NULL;
	}
	r->head = 0;
	r->tail = 0;
}

/* Where byte number pos lives, and how many bytes from there on are in the same page. */
static size_t ring_offset(size_t pos, size_t *page, size_t *left_in_page)
{
	size_t off = pos & (PIPE_SIZE - 1);

	*page = off / PIPE_PAGE_BYTES;
	*left_in_page = PIPE_PAGE_BYTES - off % PIPE_PAGE_BYTES;
	return off % PIPE_PAGE_BYTES;
}

/* Copy in page-sized pieces: see pipe.h for the contract. */
long pipe_ring_put(struct pipe_ring *r, const void *src, size_t n, pipe_copy_fn copy)
{
	const char *from = src;
	size_t moved = 0;
	int err = 0;

	n = MIN(n, pipe_ring_space(r));
	while (moved < n) {
		size_t page, room;
		size_t off = ring_offset(r->head, &page, &room);
		size_t chunk = MIN(room, n - moved);

		if (!r->pages[page]) {
			r->pages[page] = page_alloc();
			if (!r->pages[page]) {
				err = -ENOMEM;
				break;
			}
		}
		err = copy((char *)r->pages[page] + off, from + moved, chunk);
		if (err)
			break;
		r->head += chunk;
		moved += chunk;
	}
	return moved ? (long)moved : err;
}

/* The mirror image of pipe_ring_put(); a drained ring restarts at offset 0. */
long pipe_ring_get(struct pipe_ring *r, void *dst, size_t n, pipe_copy_fn copy)
{
	char *to = dst;
	size_t moved = 0;
	int err = 0;

	n = MIN(n, pipe_ring_used(r));
	while (moved < n) {
		size_t page, room;
		size_t off = ring_offset(r->tail, &page, &room);
		size_t chunk = MIN(room, n - moved);

		err = copy(to + moved, (char *)r->pages[page] + off, chunk);
		if (err)
			break;
		r->tail += chunk;
		moved += chunk;
	}
	if (r->head == r->tail) {
		r->head = 0;
		r->tail = 0;
	}
	return moved ? (long)moved : err;
}

/* See pipe.h: all or nothing up to PIPE_BUF bytes, as much as fits beyond. */
size_t pipe_write_chunk(size_t total, size_t done, size_t space)
{
	size_t left = total - done;

	if (total <= PIPE_BUF)
		return space >= left ? left : 0;
	return MIN(space, left);
}
