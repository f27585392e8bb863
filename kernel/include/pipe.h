/*
 * pipe.h - pipes: a one-way stream of bytes between a writing and a reading end.
 *
 * A pipe is a bounded byte queue (the ring) plus the rules of pipe(7): a reader sleeps while the
 * ring is empty and sees end-of-file once every write end is closed; a writer sleeps while the
 * ring is full and gets EPIPE (and SIGPIPE) once every read end is closed; a write of at most
 * PIPE_BUF bytes is atomic, never interleaved with another writer's bytes.
 *
 * The ring (kernel/pipe_ring.c) is pure code with no locks and no knowledge of files, so that it
 * can be unit-tested on the host. kernel/pipe.c wraps it in the object behind the two file
 * descriptors pipe() returns, with the locking and sleeping.
 */
#ifndef NIDO_PIPE_H
#define NIDO_PIPE_H

#include <stdbool.h>
#include <stddef.h>

#include "param.h"

#define PIPE_PAGE_BYTES 4096			       /* page_alloc() hands out 4 KiB pages */
#define PIPE_SIZE	(PIPE_PAGES * PIPE_PAGE_BYTES) /* capacity: 65536, as on Linux */
/* PIPE_BUF of uapi/limits.h (not included here: its NGROUPS_MAX clashes with proc.h's) */
#define PIPE_ATOMIC 4096

/*
 * How the ring moves bytes between itself and the caller's buffer: copy_from_user() for a write,
 * copy_to_user() for a read, memcpy-like helpers in tests. Returns 0, or a negative errno when
 * the copy failed (the ring then counts none of that chunk as moved).
 */
typedef int (*pipe_copy_fn)(void *dst, const void *src, size_t n);

/*
 * The bytes in flight: PIPE_SIZE bytes of storage in PIPE_PAGES pages, each allocated when a
 * write first reaches it. head and tail count every byte ever written and read; byte number k
 * lives at offset k % PIPE_SIZE. When the ring drains, both go back to 0, so a pipe that never
 * holds more than a page at a time only ever uses its first page.
 * The caller serialises every call on one ring.
 */
struct pipe_ring {
	void *pages[PIPE_PAGES]; /* NULL until first written */
	size_t head;		 /* bytes written so far */
	size_t tail;		 /* bytes read so far; tail <= head <= tail + PIPE_SIZE */
};

void pipe_ring_init(struct pipe_ring *r);
void pipe_ring_destroy(struct pipe_ring *r); /* frees the pages; the data is dropped */

/* Bytes waiting to be read (FIONREAD). */
static inline size_t pipe_ring_used(const struct pipe_ring *r)
{
	return r->head - r->tail;
}

/* Bytes a write could add now without waiting. */
static inline size_t pipe_ring_space(const struct pipe_ring *r)
{
	return PIPE_SIZE - pipe_ring_used(r);
}

/*
 * Move up to n bytes from src into the ring (at most pipe_ring_space()). Returns the number of
 * bytes moved; 0 when n is 0 or the ring is full; a negative errno when nothing was moved
 * because a page could not be allocated (-ENOMEM) or the copy failed (its error, -EFAULT).
 * After an error part-way through, the bytes moved before it are counted and returned.
 */
long pipe_ring_put(struct pipe_ring *r, const void *src, size_t n, pipe_copy_fn copy);

/* Move up to n bytes out of the ring into dst; like pipe_ring_put() the other way round. */
long pipe_ring_get(struct pipe_ring *r, void *dst, size_t n, pipe_copy_fn copy);

/*
 * The PIPE_BUF rule for a write of `total` bytes of which `done` are already in the ring, when
 * the ring has `space` bytes free: how many bytes may go in now. 0 means "wait (or EAGAIN)".
 * A write of at most PIPE_BUF bytes goes in whole or not at all; a longer one goes in as the
 * space allows and may be interleaved with other writers.
 */
size_t pipe_write_chunk(size_t total, size_t done, size_t space);

/* ---- the pipe object (kernel/pipe.c) ---- */

struct pipe;
struct file;
struct poll_table;

#define PIPE_READ_END  0
#define PIPE_WRITE_END 1

/* A pipe with one read end and one write end counted as open, or NULL when out of memory. */
struct pipe *pipe_alloc(void);
/* Another open file of an end (a FIFO opened again); the matching release must follow. */
void pipe_open_end(struct pipe *p, int which);
/* An open file of an end is gone: wakes the other side; the last end frees the pipe. */
void pipe_release_end(struct pipe *p, int which);

/*
 * Read up to n bytes into buf, moved with copy (copy_to_user for user space). Returns the count
 * (as soon as any data was there, it does not wait for n), 0 at end-of-file or when n is 0,
 * -EAGAIN (nonblock, empty pipe), -ERESTARTSYS (a signal came before any data), -EFAULT.
 * May sleep.
 */
long pipe_read(struct pipe *p, void *buf, size_t n, bool nonblock, pipe_copy_fn copy);
/*
 * Write n bytes from buf, moved with copy (copy_from_user), sleeping for room unless nonblock.
 * Returns n; or, when something stopped it part-way, the count written so far; or, with nothing
 * written, -EPIPE (no reader left: SIGPIPE was sent to the caller), -EAGAIN, -ERESTARTSYS,
 * -EFAULT, -ENOMEM. Writes of at most PIPE_ATOMIC bytes are all or nothing. May sleep.
 */
long pipe_write(struct pipe *p, const void *buf, size_t n, bool nonblock, pipe_copy_fn copy);
/* POLL* events of one end (poll.h contract): IN/HUP for the read end, OUT/ERR for the write end. */
unsigned pipe_poll(struct pipe *p, int which, struct poll_table *pt);
/* Bytes waiting to be read (FIONREAD). */
size_t pipe_nread(struct pipe *p);

/*
 * A new pipe as two open files sharing one S_IFIFO inode: *rd (O_RDONLY) and *wr (O_WRONLY),
 * O_NONBLOCK from oflags on both. 0 or -ENOMEM; on failure nothing is left allocated.
 */
int pipe_create_files(unsigned oflags, struct file **rd, struct file **wr);

#endif
