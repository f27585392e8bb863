/*
 * pid.c - struct pid, and how nido names its processes.
 *
 * Who is process 42? In nido the question has no answer until you say "seen from where".
 * Processes live in pspaces (pid spaces; Linux calls them pid namespaces), and a number means
 * something only inside one pspace. The identity of a process is a pair (pspace, nr), and since
 * pspaces nest, a process has one such pair for the pspace it was created in and one for each
 * pspace above it, up to the root. A container's init may be (container, 1) to itself,
 * (middle, 17) to the pspace the container was started from and (root, 4711) to the host. All
 * three name the same process; none of them is "the real pid".
 *
 * What the kernel keeps is none of those numbers but the object they all lead to, a struct pid.
 * It records the level of the pspace it was made in (the root is level 0, a pspace nested in it
 * level 1, and so on) and an array numbers[0..level] of (nr, pspace) pairs: numbers[0] is in the
 * root, numbers[level] in the process's own pspace, numbers[i] in the pspace at level i on the
 * path between them. A process points at struct pids, one per role: its thread, its thread group,
 * its process group, its session. Each struct pid lists the processes attached to it in each role,
 * so a process group is simply the list hanging off the struct pid of the group's leader.
 *
 * Integers exist only at the system call boundary. A number coming in, as in kill(42, sig), is
 * turned into a struct pid by pid_find(caller's pspace, 42): a hash lookup in that pspace's own
 * table. A number going out (getpid, fork's return value, si_pid, every line of /proc) is made by
 * pid_nr_in(pid, reader's pspace). Because a pspace's level is an index into numbers[], that is
 * one load and one compare: take numbers[ps->level] and check that its pspace is ps. If it is not,
 * or the pid was made above ps and has no entry at that level, the process is invisible from ps
 * and the answer is 0, which is what Linux shows too: getppid() is 0 in the init of a new pspace.
 * Visibility needs no rule of its own. You see your own pspace and those below it because only
 * their processes carry a number at your level. The kernel never stores a bare integer pid, so a
 * forgotten translation is a type error the compiler reports, not a wrong number a user sees.
 *
 * pid_alloc(ps) takes one number in every pspace from ps up to the root, innermost first, each
 * from that pspace's own bitmap (pidmap.c: sequential from a cursor, wrapping to 300, as Linux
 * does). When a level fails, because a pspace is full or a number asked for with clone3's set_tid
 * is taken, the numbers already taken at the inner levels are given back before the error is
 * returned, so a failed fork leaves no trace. A new struct pid enters the hashes only when every
 * level has its number, all under pid_lock, so nobody can find half a pid.
 *
 * The first process of a pspace gets number 1 there and is its init, its reaper: it adopts the
 * orphans of its pspace (the process code keeps it in ps->reaper). When it dies the pspace dies
 * with it. The process code kills every process left in it and calls pspace_mark_dead(), after
 * which every pid_alloc() that would number a process there fails with ENOMEM, as on Linux.
 *
 * Lifetimes are reference counts. A struct pid is held by the processes attached to it and by
 * whoever looked it up; the last pid_put() gives its numbers back at every level and frees it.
 * A struct pid holds a reference on its innermost pspace and every pspace holds one on its
 * parent, so a pspace outlives everything numbered in it and its ancestors outlive it. The root
 * is never freed. Numbers are released with the last reference rather than at exit, so a number
 * is never reused while anyone can still reach the struct pid that owns it.
 *
 * Other designs were argued on the Linux lists in 2005-2007; the posts are worth reading for
 * what each one costs:
 *  - Flat pspaces, as discussed with OpenVZ: every pspace separate from the others with its own
 *    pidmap, a (pspace, pid) pair as the only identity. Clean, but full isolation: the host's ps,
 *    kill, strace and gdb cannot reach inside, and the OpenVZ side thought management tools
 *    would need rewriting. Nesting fixes that here: the host sees a container's processes under
 *    host numbers, because they have numbers there too.
 *  - VServer's (XID, PID) contexts: one kind of pair everywhere, with flags on each context
 *    choosing between virtualised numbers and an "all seeing" view. Flexible, but what a number
 *    means depends on per-context flags, where here it depends only on the tree.
 *  - IBM's encoded vpids: kernel pid = (pspace id << 22) | vpid, so translating is a shift and a
 *    mask. Cheap, but the limits live in the bits (with 2^22 pids, 512 pspaces on 32-bit
 *    machines) and every one of the "about 40 places" where a number crosses the boundary must
 *    remember to convert, with nothing to catch the one that forgets.
 *  - Linux's hierarchical pid namespaces (Emelyanov, 2007), which nido follows: a tree of
 *    pspaces and numbers at every level. Emelyanov's series kept a global integer pid inside
 *    the kernel and translated at the boundary only; Bhattiprolu's wanted integers gone from the
 *    kernel altogether. nido takes the stricter side: inside the kernel a process is a pointer.
 *
 * Locking: one global pid_lock (defined in pspace.c) protects every pidmap, every hash, the
 * reference counts and the per-pspace counts. It is a leaf lock: inside it only the memory
 * allocators are called, which never call back into this code. The tasks[] lists of a struct pid
 * belong to the process code and are protected by its lock.
 */
#include "pid.h"

#include "err.h"
#include "kernel.h"
#include "kmalloc.h"
#include "uapi/errno.h"

/* The struct pid that `upid` is the entry numbers[upid->ps->level] of. */
static struct pid *upid_to_pid(struct upid *upid)
{
	struct upid *numbers = upid - upid->ps->level;

	return container_of(numbers, struct pid, numbers);
}

/* The head of the chain `nr` belongs on. Caller holds pid_lock. */
static struct upid **bucket_of(struct pidhash *hash, int nr)
{
	/* Numbers are handed out sequentially, so their low bits spread them evenly. */
	return &hash->buckets[(unsigned int)nr & hash->mask];
}

/* The upid numbered `nr` in `ps`, or NULL. Caller holds pid_lock. */
static struct upid *pidhash_lookup(struct pspace *ps, int nr)
{
	struct upid *upid;

	for (upid = *bucket_of(&ps->hash, nr); upid; upid = upid->hash_next)
		if (upid->nr == nr)
			return upid;
	return NULL;
}

/*
 * Double the buckets of `ps` once its chains get longer than two on average. Growing is only an
 * optimisation: when memory is short the table stays as it is and lookups get a little slower.
 */
static void pidhash_maybe_grow(struct pspace *ps)
{
	struct pidhash *hash = &ps->hash;
	unsigned int old_size = hash->mask + 1;
	unsigned int new_size = old_size * 2;
	struct upid **buckets;

	if (ps->nr_pids <= 2 * old_size || new_size > PIDHASH_MAX_BUCKETS)
		return;
	buckets = kzalloc(new_size * sizeof(*buckets));
	if (!buckets)
		return;
	for (unsigned int i = 0; i < old_size; i++) {
		struct upid *upid = hash->buckets[i], *next;

		for (; upid; upid = next) {
			struct upid **head = &buckets[(unsigned int)upid->nr & (new_size - 1)];

			next = upid->hash_next;
			upid->hash_next = *head;
			*head = upid;
		}
	}
	if (hash->buckets != hash->inline_buckets)
		kfree(hash->buckets);
	hash->buckets = buckets;
	hash->mask = new_size - 1;
}

/* Make `upid` findable in its pspace. Caller holds pid_lock. */
static void pidhash_insert(struct upid *upid)
{
	struct upid **head = bucket_of(&upid->ps->hash, upid->nr);

	upid->hash_next = *head;
	*head = upid;
}

/* Unlink `upid` from its chain; chains are short, so finding the link before it is cheap. */
static void pidhash_remove(struct upid *upid)
{
	struct upid **link = bucket_of(&upid->ps->hash, upid->nr);

	while (*link != upid)
		link = &(*link)->hash_next;
	*link = upid->hash_next;
}

/*
 * Take a number in `ps`: *want if the caller asked for one, else the next free one. The number,
 * or a negative errno. Caller holds pid_lock.
 */
static int take_number(struct pspace *ps, const int *want)
{
	if (!want)
		return pidmap_alloc(&ps->map);
	/* Only init may be created with a chosen number while the pspace has no init (Linux). */
	if (*want < 1 || *want >= ps->map.pid_max || (*want != 1 && !pidmap_busy(&ps->map, 1)))
		return -EINVAL;
	return pidmap_alloc_nr(&ps->map, *want);
}

/* See pid.h for the contract. */
struct pid *pid_alloc(struct pspace *ps, const int *set_tid, size_t set_tid_size)
{
	struct pid *pid;
	struct pspace *p;
	int i, nr, err;

	if (set_tid_size > (size_t)ps->level + 1 || (set_tid_size && !set_tid))
		return ERR_PTR(-EINVAL);
	pid = kmalloc(sizeof(*pid) + (ps->level + 1) * sizeof(pid->numbers[0]));
	if (!pid)
		return ERR_PTR(-ENOMEM);

	spin_lock(&pid_lock);
	assert(ps->magic == PSPACE_MAGIC);
	p = ps;
	for (i = ps->level; i >= 0; i--, p = p->parent) {
		size_t k = ps->level - i;	/* set_tid index: 0 is innermost */

		nr = take_number(p, k < set_tid_size ? &set_tid[k] : NULL);
		if (nr < 0) {
			err = nr;
			goto undo;
		}
		pid->numbers[i].nr = nr;
		pid->numbers[i].ps = p;
	}
	/*
	 * i is -1 here: from now on, undo gives back every level. Linux only checks the innermost
	 * pspace; checking them all costs nothing and closes the window in which a process being
	 * killed with a dying outer pspace could still add a member to it.
	 */
	err = -ENOMEM;
	for (p = ps; p; p = p->parent)
		if (p->dead)
			goto undo;

	pid->magic = PID_MAGIC;
	pid->refcount = 1;
	pid->level = ps->level;
	for (int t = 0; t < PIDTYPE_MAX; t++)
		list_init(&pid->tasks[t]);
	for (i = 0; i <= (int)ps->level; i++) {
		struct upid *upid = &pid->numbers[i];

		pidhash_insert(upid);
		upid->ps->nr_pids++;
		pidhash_maybe_grow(upid->ps);
	}
	ps->refcount++;		/* pspace_get(), with pid_lock already held */
	spin_unlock(&pid_lock);
	return pid;

undo:
	/* Levels i+1..level hold numbers: give them back. */
	while (++i <= (int)ps->level)
		pidmap_free(&pid->numbers[i].ps->map, pid->numbers[i].nr);
	/*
	 * A pspace whose very first process failed to appear starts again at 1, so that its
	 * init is 1 when it does appear. Linux does this for the innermost pspace; doing it for
	 * any empty one on the way keeps the rule true for pspaces nobody has entered yet, too.
	 */
	for (p = ps; p; p = p->parent)
		if (p->nr_pids == 0 && !p->dead)
			p->map.last_pid = 0;
	spin_unlock(&pid_lock);
	kfree(pid);
	return ERR_PTR(err);
}

/* Take a reference on `pid`, which the caller already holds one on. */
struct pid *pid_get(struct pid *pid)
{
	if (!pid)
		return NULL;
	spin_lock(&pid_lock);
	assert(pid->magic == PID_MAGIC && pid->refcount > 0);
	pid->refcount++;
	spin_unlock(&pid_lock);
	return pid;
}

/* Drop a reference; the last one unhashes the numbers, frees them and the struct pid. */
void pid_put(struct pid *pid)
{
	struct pspace *ps;

	if (!pid)
		return;
	spin_lock(&pid_lock);
	assert(pid->magic == PID_MAGIC && pid->refcount > 0);
	if (--pid->refcount > 0) {
		spin_unlock(&pid_lock);
		return;
	}
	for (unsigned int i = 0; i <= pid->level; i++) {
		struct upid *upid = &pid->numbers[i];

		pidhash_remove(upid);
		pidmap_free(&upid->ps->map, upid->nr);
		upid->ps->nr_pids--;
	}
	spin_unlock(&pid_lock);

	ps = pid_pspace(pid);
	pid->magic = PID_MAGIC_DEAD;
	kfree(pid);
	pspace_put(ps);
}

/* The number of `pid` in `ps`, 0 when invisible from there. */
int pid_nr_in(const struct pid *pid, const struct pspace *ps)
{
	const struct upid *upid;

	if (!pid || !ps || ps->level > pid->level)
		return 0;
	upid = &pid->numbers[ps->level];
	return upid->ps == ps ? upid->nr : 0;
}

/* The innermost pspace of `pid`. No lock: it never changes, and pid holds a reference on it. */
struct pspace *pid_pspace(const struct pid *pid)
{
	return pid->numbers[pid->level].ps;
}

/* The struct pid numbered `nr` in `ps`, with a reference for the caller, or NULL. */
struct pid *pid_find(struct pspace *ps, int nr)
{
	struct upid *upid;
	struct pid *pid = NULL;

	spin_lock(&pid_lock);
	upid = pidhash_lookup(ps, nr);
	if (upid) {
		pid = upid_to_pid(upid);
		pid->refcount++;
	}
	spin_unlock(&pid_lock);
	return pid;
}

/* The struct pid with the smallest number >= nr in `ps`, with a reference, or NULL. */
struct pid *pid_find_ge(struct pspace *ps, int nr)
{
	struct pid *pid = NULL;

	spin_lock(&pid_lock);
	nr = pidmap_next_busy(&ps->map, nr);
	if (nr > 0) {
		/* Numbers are taken and hashed under one hold of pid_lock: a taken one is found. */
		struct upid *upid = pidhash_lookup(ps, nr);

		assert(upid);
		pid = upid_to_pid(upid);
		pid->refcount++;
	}
	spin_unlock(&pid_lock);
	return pid;
}

/* Hang `node` on pid's list for role `type`. Caller holds the process code's lock. */
void pid_attach(struct pid *pid, enum pid_type type, struct list_head *node)
{
	list_add_tail(node, &pid->tasks[type]);
}

/* Take `node` off whichever pid list it hangs on. Caller holds the process code's lock. */
void pid_detach(struct list_head *node)
{
	list_del(node);
}

/* Whether any process is attached in role `type`. Caller holds the process code's lock. */
bool pid_has_tasks(const struct pid *pid, enum pid_type type)
{
	return !list_empty(&pid->tasks[type]);
}
