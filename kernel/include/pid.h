/*
 * pid.h - struct pid: the kernel's name for a process, a thread group, a group or a session.
 *
 * The kernel never stores a bare integer pid. It holds a struct pid, which carries one number per
 * pspace level, and turns it into an integer only at the system call boundary, for the pspace of
 * whoever is asking: pid_nr_in(pid, ps). The other way round, pid_find(ps, nr) turns a number a
 * process passed in into the struct pid it means in that process's pspace. The essay at the top
 * of kernel/pid.c explains the model.
 */
#ifndef NIDO_PID_H
#define NIDO_PID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "list.h"
#include "pspace.h"

/* The roles a struct pid plays for the processes attached to it. */
enum pid_type {
	PIDTYPE_PID,		/* the thread itself */
	PIDTYPE_TGID,		/* the thread group (process) it leads */
	PIDTYPE_PGID,		/* the process group it names */
	PIDTYPE_SID,		/* the session it names */
	PIDTYPE_MAX,
};

/* One (pspace, number) pair of a struct pid, and its link in that pspace's hash chain. */
struct upid {
	int nr;				/* [const] the number in `ps` */
	struct pspace *ps;		/* [const] */
	struct upid *hash_next;		/* [pid_lock] next upid in the same bucket of ps->hash */
};

#define PID_MAGIC	0x50494421u	/* "PID!" */
#define PID_MAGIC_DEAD	0x70696421u	/* written just before a struct pid is freed */

struct pid {
	uint32_t magic;			/* PID_MAGIC while alive */
	int refcount;			/* [pid_lock] */
	unsigned int level;		/* [const] level of the innermost pspace */
	/* Processes attached in each role; protected by the process code's lock. */
	struct list_head tasks[PIDTYPE_MAX];
	/* numbers[0] is in the root pspace, numbers[level] in the process's own. [const] */
	struct upid numbers[];
};

/*
 * A new struct pid with a number in `ps` and in each of its ancestors, holding one reference
 * (and one on `ps`). Numbers are chosen innermost first. set_tid, if set_tid_size > 0, asks for
 * specific numbers, set_tid[0] in `ps`, set_tid[1] in its parent and so on (clone3's set_tid);
 * levels past set_tid_size get the next free number. Errors, as ERR_PTR():
 *   -EINVAL  set_tid_size > ps->level + 1; a requested number outside 1..pid_max-1; a number
 *            other than 1 requested in a pspace that has no number 1 (no init yet)
 *   -EEXIST  a requested number is taken
 *   -EAGAIN  a pspace has no free number below its pid_max
 *   -ENOMEM  out of memory, or a pspace on the way is dead (its init has exited)
 * On failure no number is left taken at any level. Privilege for set_tid is checked by the caller.
 */
struct pid *pid_alloc(struct pspace *ps, const int *set_tid, size_t set_tid_size);

/* References. The last pid_put() gives the numbers back at every level, frees the struct pid and
 * drops its reference on the innermost pspace. Both accept NULL. */
struct pid *pid_get(struct pid *pid);
void pid_put(struct pid *pid);

/* The number of `pid` in `ps`, or 0 when `pid` is not visible from `ps` (lives above or beside
 * it). O(1), no lock: a pid's numbers never change. */
int pid_nr_in(const struct pid *pid, const struct pspace *ps);

/* The pspace `pid` was created in: its innermost. */
struct pspace *pid_pspace(const struct pid *pid);

/*
 * The struct pid numbered `nr` in `ps`, or NULL. The caller gets a new reference and must
 * pid_put() it: without one, the pid could be freed by another CPU the moment the lookup returns.
 */
struct pid *pid_find(struct pspace *ps, int nr);

/* Like pid_find() for the smallest number >= nr that is in use in `ps` (for walking a pspace,
 * as /proc and the killing of a dead pspace do). NULL when there is none. */
struct pid *pid_find_ge(struct pspace *ps, int nr);

/*
 * Attach a process's list node to `pid` in role `type`, and detach it. The caller holds the
 * process code's lock and keeps its own reference on `pid` for as long as the node is attached.
 */
void pid_attach(struct pid *pid, enum pid_type type, struct list_head *node);
void pid_detach(struct list_head *node);
bool pid_has_tasks(const struct pid *pid, enum pid_type type);

#endif
