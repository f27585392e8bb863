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

#include <stddef.h>
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

#endif
