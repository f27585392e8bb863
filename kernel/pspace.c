/*
 * pspace.c - creating, sizing and freeing pspaces.
 *
 * A pspace is a node in a tree: the root exists from boot, and every other pspace is created
 * nested in one that exists already (clone or unshare with CLONE_NEWPID). Its level is its depth
 * in the tree, which is also the index of its entry in the numbers[] of every struct pid made in
 * it or below it (see the head of pid.c). Nesting is limited to PSPACE_MAX_DEPTH levels below the
 * root; Linux allows 32 and nido defaults to the same, the error beyond it is ENOSPC either way.
 *
 * Each pspace carries an id, the inode number user space sees in /proc/PID/ns/pid as
 * "pid:[4026531836]". The root has Linux's fixed 0xEFFFFFFC; new pspaces count up from
 * 0xF0000000, where Linux's dynamically allocated proc inodes start. Ids are never reused, so
 * two pspaces that ever existed are never confused; after 2^28 creations pspace_create() fails
 * with ENOSPC rather than wrap.
 *
 * A pspace costs one kzalloc()ed struct (about 2 KiB, most of it the array of bitmap page
 * pointers) plus the bitmap pages its numbers need, allocated as they are used (pidmap.c), plus a
 * hash table once it holds more than 32 processes. The last pspace_put() gives all of it back.
 */
#include "pspace.h"

#include "err.h"
#include "kernel.h"
#include "kmalloc.h"
#include "uapi/errno.h"

struct spinlock pid_lock = SPINLOCK_INIT("pid");

static struct pspace root_pspace = {
	.magic = PSPACE_MAGIC,
	.refcount = 1,			/* the kernel's own, never dropped */
	.level = 0,
	.parent = NULL,
	.id = PSPACE_ROOT_ID,
	.map = {
		.last_pid = 0,
		.pid_max = PID_MAX_DEFAULT,
	},
	.hash = {
		.buckets = root_pspace.hash.inline_buckets,
		.mask = PIDHASH_MIN_BUCKETS - 1,
	},
};

static uint32_t next_id = PSPACE_FIRST_ID;	/* [pid_lock] 0 once every id has been used */

_Static_assert((PIDHASH_MIN_BUCKETS & (PIDHASH_MIN_BUCKETS - 1)) == 0, "buckets: power of 2");
_Static_assert((PIDHASH_MAX_BUCKETS & (PIDHASH_MAX_BUCKETS - 1)) == 0, "buckets: power of 2");

/* The root pspace. No reference is needed: it is never freed. */
struct pspace *pspace_root(void)
{
	return &root_pspace;
}

/* See pspace.h. O(1): nothing of the parent is copied, only a reference taken. */
struct pspace *pspace_create(struct pspace *parent)
{
	struct pspace *ps;
	int err;

	if (parent->level + 1 > PSPACE_MAX_DEPTH)
		return ERR_PTR(-ENOSPC);
	ps = kzalloc(sizeof(*ps));
	if (!ps)
		return ERR_PTR(-ENOMEM);

	ps->magic = PSPACE_MAGIC;
	ps->refcount = 1;
	ps->level = parent->level + 1;
	ps->parent = parent;
	ps->dead = false;
	ps->nr_pids = 0;
	ps->reaper = NULL;
	pidmap_init(&ps->map, PID_MAX_CHILD);
	ps->hash.buckets = ps->hash.inline_buckets;
	ps->hash.mask = PIDHASH_MIN_BUCKETS - 1;

	spin_lock(&pid_lock);
	assert(parent->magic == PSPACE_MAGIC && parent->refcount > 0);
	err = -ENOSPC;
	if (next_id == 0)
		goto bad;
	ps->id = next_id++;
	parent->refcount++;
	spin_unlock(&pid_lock);
	return ps;

bad:
	spin_unlock(&pid_lock);
	kfree(ps);
	return ERR_PTR(err);
}

/* Take a reference on `ps`, which the caller already holds one on (directly or via a pid). */
struct pspace *pspace_get(struct pspace *ps)
{
	if (!ps)
		return NULL;
	spin_lock(&pid_lock);
	assert(ps->magic == PSPACE_MAGIC && ps->refcount > 0);
	ps->refcount++;
	spin_unlock(&pid_lock);
	return ps;
}

/* Free a pspace nobody refers to any more. It holds no numbers: each would hold a reference. */
static void pspace_free(struct pspace *ps)
{
	assert(ps != &root_pspace && ps->nr_pids == 0);
	pidmap_destroy(&ps->map);
	if (ps->hash.buckets != ps->hash.inline_buckets)
		kfree(ps->hash.buckets);
	ps->magic = PSPACE_MAGIC_DEAD;
	kfree(ps);
}

/*
 * Drop a reference. Freeing a pspace drops its reference on the parent, which may free that too;
 * the loop walks up instead of recursing, so a chain 256 deep needs no more stack than one.
 */
void pspace_put(struct pspace *ps)
{
	while (ps) {
		struct pspace *parent = ps->parent;
		bool last;

		spin_lock(&pid_lock);
		assert(ps->magic == PSPACE_MAGIC && ps->refcount > 0);
		last = --ps->refcount == 0;
		spin_unlock(&pid_lock);
		if (!last)
			return;
		pspace_free(ps);
		ps = parent;
	}
}

/* Walk up from `ps` to the level of `ancestor`; O(depth). No lock: parents never change. */
bool pspace_is_ancestor(const struct pspace *ancestor, const struct pspace *ps)
{
	if (!ancestor || !ps || ancestor->level > ps->level)
		return false;
	while (ps->level > ancestor->level)
		ps = ps->parent;
	return ps == ancestor;
}

/* Called by the process code when the init of `ps` has exited. */
void pspace_mark_dead(struct pspace *ps)
{
	spin_lock(&pid_lock);
	ps->dead = true;
	spin_unlock(&pid_lock);
}

/* Whether pspace_mark_dead() has been called; it stays true. */
bool pspace_is_dead(const struct pspace *ps)
{
	bool dead;

	spin_lock(&pid_lock);
	dead = ps->dead;
	spin_unlock(&pid_lock);
	return dead;
}

/* ns_last_pid: the number handed out last by the cursor (0 in a fresh pspace). */
int pspace_last_pid(const struct pspace *ps)
{
	int last;

	spin_lock(&pid_lock);
	last = ps->map.last_pid;
	spin_unlock(&pid_lock);
	return last;
}

/* ns_last_pid: 0..pid_max, as Linux's sysctl bounds it. The next number is last_pid + 1. */
int pspace_set_last_pid(struct pspace *ps, int last_pid)
{
	int err = -EINVAL;

	spin_lock(&pid_lock);
	if (last_pid >= 0 && last_pid <= ps->map.pid_max) {
		ps->map.last_pid = last_pid;
		err = 0;
	}
	spin_unlock(&pid_lock);
	return err;
}

/* pid_max: every number handed out from now on is below it. */
int pspace_pid_max(const struct pspace *ps)
{
	int max;

	spin_lock(&pid_lock);
	max = ps->map.pid_max;
	spin_unlock(&pid_lock);
	return max;
}

/*
 * pid_max: RESERVED_PIDS + 1..PID_MAX_LIMIT, as Linux's sysctl bounds it. Lowering it below
 * numbers in use is allowed, as on Linux: they stay valid, only new numbers must be below it.
 * An ancestor's pid_max still limits the numbers taken there, so a child cannot escape it.
 */
int pspace_set_pid_max(struct pspace *ps, int pid_max)
{
	if (pid_max < RESERVED_PIDS + 1 || pid_max > PID_MAX_LIMIT)
		return -EINVAL;
	spin_lock(&pid_lock);
	ps->map.pid_max = pid_max;
	spin_unlock(&pid_lock);
	return 0;
}
