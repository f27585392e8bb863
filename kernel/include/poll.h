/*
 * poll.h - how a file tells poll()/select() that it is ready, and how a poller waits for it.
 *
 * Every file that can make a reader or writer wait (pipe, tty, ...) has a ->poll operation that
 * does two things in one call:
 *
 *	unsigned myfile_poll(struct file *f, struct poll_table *pt)
 *	{
 *		poll_wait(pt, &my->read_wait);	  (each queue that announces a change)
 *		poll_wait(pt, &my->write_wait);
 *		return the events true now (POLLIN, POLLOUT, POLLHUP, ...);
 *	}
 *
 * poll_wait() hands each wait queue to the poller, which puts the polling thread on all of them
 * before it sleeps; whoever makes the file ready calls wake_up() on one of those queues, as it
 * does for its own blocked readers and writers, and the poller wakes and polls again. With
 * pt == NULL (or pt->queue == NULL) poll_wait() does nothing: the caller only wants the mask, as
 * on the poller's later passes, when it is already queued everywhere. (The idea is Linux's
 * poll_table and poll_wait().)
 *
 * Contract of ->poll: it does not sleep (the poller may already be marked as sleeping when it
 * calls it), takes only spinlocks, and calls poll_wait() for the same queues every time.
 * The returned mask may contain events nobody asked for; POLLERR, POLLHUP and POLLNVAL are
 * always reported (poll(2)).
 */
#ifndef NIDO_POLL_H
#define NIDO_POLL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "uaccess.h"
#include "uapi/poll.h"

struct waitqueue;
struct poll_table;

/* Queue the poller on wq: called through poll_wait() only. */
typedef void (*poll_queue_fn)(struct poll_table *pt, struct waitqueue *wq);

struct poll_table {
	poll_queue_fn queue; /* NULL: only the mask is wanted */
};

/* Tell the poller (if any) that the file announces changes on wq. */
static inline void poll_wait(struct poll_table *pt, struct waitqueue *wq)
{
	if (pt && pt->queue && wq)
		pt->queue(pt, wq);
}

/* Events reported whether asked for or not. */
#define POLL_ALWAYS (POLLERR | POLLHUP | POLLNVAL)

/* What select() maps its three sets to (Linux's POLLIN_SET, POLLOUT_SET, POLLEX_SET). */
#define POLL_SELECT_IN	(POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define POLL_SELECT_OUT (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define POLL_SELECT_EX	(POLLPRI)

/* ---- the wait loop shared by poll/ppoll (poll.c) and select/pselect6 (select.c) ---- */

struct file;
struct poller; /* one poll in progress, on the poller's stack (poll.c) */
struct linux_timespec;
struct linux_timeval;

/*
 * One pass over the caller's files: fill in the results and return how many are ready (> 0), or
 * 0. Each file is asked through poll_file(pw, f, pt), which registers the poller on the file's
 * queues when pt is not NULL (the first pass) and only reads the mask otherwise.
 */
typedef int (*poll_pass_fn)(void *ctx, struct poller *pw, struct poll_table *pt);

/* A file's events (all four "ready" bits when it has no ->poll, as on Linux). */
unsigned poll_file(struct poller *pw, struct file *f, struct poll_table *pt);

/*
 * Run passes until one finds something, the deadline passes or a signal arrives. timeout_ns < 0:
 * no deadline; 0: a single pass, no sleeping; > 0: until deadline (poll_deadline_after()) at the
 * latest. Returns the last pass's count (0 on timeout), -ERESTARTNOHAND for a signal, -ENOMEM.
 * Sleeps; call with no lock held.
 */
int poll_wait_loop(poll_pass_fn pass, void *ctx, int64_t timeout_ns, uint64_t deadline);
uint64_t poll_deadline_after(int64_t timeout_ns);

/* A user timeout as ns (-1: so far away it means forever): 0 or -EINVAL, as Linux checks. */
int poll_timespec_to_ns(const struct linux_timespec *ts, int64_t *ns);
int poll_timeval_to_ns(const struct linux_timeval *tv, int64_t *ns);
/*
 * Write the time left until deadline back to the user timespec/timeval utime (not for a zero or
 * infinite timeout). Returns ret, except that a faulting write turns -ERESTARTNOHAND into -EINTR.
 */
long poll_report_time_left(void __user *utime, bool timeval, int64_t timeout_ns, uint64_t deadline,
			   long ret);

/* ppoll/pselect6's sigmask argument: 0 or -EINVAL (sigsetsize != 8) / -EFAULT. */
int poll_get_sigset(const uint64_t __user *uset, size_t sigsetsize, uint64_t *set);
/* Run the wait under a temporary signal mask: begin before, end (with the result) after. */
void poll_sigmask_begin(uint64_t mask);
void poll_sigmask_end(long ret);

#endif
