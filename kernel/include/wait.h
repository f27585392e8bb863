/*
 * wait.h - wait queues: how a thread sleeps until something happens.
 *
 * A waitqueue is a list of sleeping threads. A thread that needs a condition (data in a pipe, a
 * child's exit, a key press) calls wait_event_interruptible(wq, condition): it queues itself,
 * re-checks the condition and sleeps until wake_up(wq) is called by whoever made the condition
 * true. Re-checking after queueing is what makes lost wake-ups impossible. The interruptible form
 * returns -EINTR (or a restart code) when a signal arrives first.
 */
#ifndef NIDO_WAIT_H
#define NIDO_WAIT_H

#include "list.h"
#include "spinlock.h"
#include "kerrno.h"

struct thread;

struct waitqueue {
	struct spinlock lock;
	struct list_head waiters;	/* of struct wait_entry */
};

struct wait_entry {
	struct thread *thread;
	struct list_head link;
};

void waitqueue_init(struct waitqueue *wq, const char *name);
void wake_up(struct waitqueue *wq);		/* wake every waiter */

/* Building blocks of wait_event_*: queue, set state, and dequeue. */
void prepare_to_wait(struct waitqueue *wq, struct wait_entry *we, int interruptible);
void finish_wait(struct waitqueue *wq, struct wait_entry *we);
void schedule(void);				/* give up the CPU until woken */
int signal_pending_current(void);		/* a signal would interrupt a sleep now */

/*
 * Sleep until `cond` is true. Returns 0, or -ERESTARTSYS when a signal is pending first (the
 * syscall layer turns it into EINTR or a restart, by the handler's SA_RESTART). `cond` is
 * evaluated with no lock held, after the thread is on the queue.
 */
#define wait_event_interruptible(wq, cond)                                      \
	({                                                                      \
		int _ret = 0;                                                   \
		struct wait_entry _we = { .thread = NULL };                     \
		for (;;) {                                                      \
			prepare_to_wait(&(wq), &_we, 1);                        \
			if (cond)                                               \
				break;                                          \
			if (signal_pending_current()) {                         \
				_ret = -ERESTARTSYS;                            \
				break;                                          \
			}                                                       \
			schedule();                                             \
		}                                                               \
		finish_wait(&(wq), &_we);                                       \
		_ret;                                                           \
	})

#define wait_event(wq, cond)                                                    \
	({                                                                      \
		struct wait_entry _we = { .thread = NULL };                     \
		for (;;) {                                                      \
			prepare_to_wait(&(wq), &_we, 0);                        \
			if (cond)                                               \
				break;                                          \
			schedule();                                             \
		}                                                               \
		finish_wait(&(wq), &_we);                                       \
	})

#endif
