/*
 * pspace.h - pid spaces: the trees of number spaces processes are named in.
 *
 * A pspace is nido's pid namespace. Each one hands out its own numbers from its own bitmap
 * (struct pidmap) and finds the struct pid behind a number through its own hash. Pspaces form a
 * tree rooted at pspace_root(); a process created in a pspace gets a number there and in every
 * ancestor up to the root. The model, and why it looks the way it does, is explained at the top
 * of kernel/pid.c.
 *
 * Locking: every field marked [pid_lock] is protected by the one global pid_lock, which only
 * pidmap.c, pid.c and pspace.c take. Fields marked [const] never change after creation.
 */
#ifndef NIDO_PSPACE_H
#define NIDO_PSPACE_H

#include <stdbool.h>
#include <stdint.h>

#include "param.h"
#include "spinlock.h"

struct proc;	/* the process code's own business; a pspace only points at its reaper */
struct upid;

#define PIDMAP_PAGE_BYTES	4096			/* page_alloc() hands out 4 KiB pages */
#define PIDMAP_BITS_PER_PAGE	(PIDMAP_PAGE_BYTES * 8)	/* 32768 numbers per bitmap page */
#define PIDMAP_PAGES		(PID_MAX_LIMIT / PIDMAP_BITS_PER_PAGE)

/*
 * One page of a pspace's number bitmap: bit n set means number (page index * 32768 + n) is taken.
 * `bits` stays NULL until a number in its range is first handed out, so a pspace whose pid_max is
 * 4194304 but that only ever holds a few processes costs one page, not 128.
 */
struct pidmap_page {
	uint64_t *bits;		/* PIDMAP_PAGE_BYTES of bitmap, or NULL: all free */
	int nr_free;		/* clear bits once `bits` exists; full pages are skipped unread */
};

/* A pspace's number allocator. All fields [pid_lock]. */
struct pidmap {
	int last_pid;		/* the cursor: the number handed out last (ns_last_pid) */
	int pid_max;		/* numbers are < pid_max */
	int nr_pages;		/* pages allocated so far, for tests and /proc */
	struct pidmap_page pages[PIDMAP_PAGES];
};

/*
 * The nr -> struct pid index of one pspace: buckets of singly linked upid chains. It starts with
 * the buckets inside struct pspace and doubles (up to PIDHASH_MAX_BUCKETS) when the chains get
 * longer than two on average, so a lookup touches O(1) entries. [pid_lock]
 */
struct pidhash {
	struct upid **buckets;		/* `inline_buckets` or a kmalloc()ed array */
	unsigned int mask;		/* number of buckets - 1 */
	struct upid *inline_buckets[PIDHASH_MIN_BUCKETS];
};

#define PSPACE_MAGIC		0x50535043u	/* "PSPC" */
#define PSPACE_MAGIC_DEAD	0x64656164u	/* written just before a pspace is freed */
#define PSPACE_ROOT_ID		0xEFFFFFFCu	/* Linux's PROC_PID_INIT_INO: "pid:[4026531836]" */

struct pspace {
	uint32_t magic;			/* PSPACE_MAGIC while alive */
	int refcount;			/* [pid_lock] see "Lifetimes" in pid.c */
	unsigned int level;		/* [const] 0 for the root, parent's level + 1 below */
	struct pspace *parent;		/* [const] NULL for the root; holds a reference */
	uint32_t id;			/* [const] the inode number /proc/PID/ns/pid shows */
	bool dead;			/* [pid_lock] its init has died: no new numbers (ENOMEM) */
	unsigned int nr_pids;		/* [pid_lock] struct pids holding a number here */
	struct proc *reaper;		/* init, which adopts orphans; owned by the process code */
	struct pidmap map;		/* [pid_lock] */
	struct pidhash hash;		/* [pid_lock] */
};

/* The lock behind every [pid_lock] field above. Leaf lock: nothing else is taken inside it
 * except the memory allocators. */
extern struct spinlock pid_lock;

/* The pspace the first process lives in; it exists from boot and is never freed. */
struct pspace *pspace_root(void);

/*
 * A new, empty pspace nested in `parent`, holding one reference for the caller (and one on
 * `parent`). ERR_PTR(-ENOSPC) past PSPACE_MAX_DEPTH levels below the root, ERR_PTR(-ENOMEM).
 */
struct pspace *pspace_create(struct pspace *parent);

/* Take and drop references. The last pspace_put() frees the bitmap pages and the hash, then
 * drops the pspace's reference on its parent. pspace_put(NULL) does nothing. */
struct pspace *pspace_get(struct pspace *ps);
void pspace_put(struct pspace *ps);

/* True when `ancestor` is `ps` or one of its ancestors: ps's processes are visible from it. */
bool pspace_is_ancestor(const struct pspace *ancestor, const struct pspace *ps);

/* The init of `ps` has died: every later pid_alloc() that would number a process here fails
 * with ENOMEM (Linux's documented, if odd, choice). Cannot be undone. */
void pspace_mark_dead(struct pspace *ps);
bool pspace_is_dead(const struct pspace *ps);

/*
 * /proc/sys/kernel/ns_last_pid and pid_max, per pspace. The next number handed out is the first
 * free one after last_pid. Setting last_pid accepts 0..pid_max; pid_max accepts
 * RESERVED_PIDS + 1..PID_MAX_LIMIT; anything else gives -EINVAL and changes nothing. As on Linux,
 * numbers already at or above a lowered pid_max stay in use until their processes are gone.
 * Privilege is checked by the caller.
 */
int pspace_last_pid(const struct pspace *ps);
int pspace_set_last_pid(struct pspace *ps, int last_pid);
int pspace_pid_max(const struct pspace *ps);
int pspace_set_pid_max(struct pspace *ps, int pid_max);

/*
 * The bitmap allocator of one pspace (kernel/pidmap.c). The caller holds pid_lock.
 * pidmap_alloc: the next free number after the cursor, wrapping to RESERVED_PIDS (or to 1 while
 *   the cursor has not passed RESERVED_PIDS); moves the cursor. -EAGAIN when every number
 *   below pid_max is taken, -ENOMEM when a bitmap page cannot be allocated.
 * pidmap_alloc_nr: exactly `nr`, without moving the cursor. -EINVAL when nr is not in
 *   1..pid_max-1, -EEXIST when it is taken, -ENOMEM.
 * pidmap_next_busy: the smallest taken number >= nr, or 0 when there is none.
 */
void pidmap_init(struct pidmap *map, int pid_max);
void pidmap_destroy(struct pidmap *map);
int pidmap_alloc(struct pidmap *map);
int pidmap_alloc_nr(struct pidmap *map, int nr);
void pidmap_free(struct pidmap *map, int nr);
bool pidmap_busy(const struct pidmap *map, int nr);
int pidmap_next_busy(const struct pidmap *map, int nr);

#endif
