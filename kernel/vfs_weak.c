/*
 * vfs_weak.c - stand-ins for what the VFS calls in other subsystems that are still being written.
 *
 * Like the weak stubs in arch/x86_64/platform.c, each definition here is weak: the real one
 * (the scheduler and wait queues from the process core, the realtime clock) replaces
 * it at link time as soon as it exists, and this file can then be deleted. Until then the
 * kernel has no user processes, so "no current thread" (NULL) is the true answer, and nothing
 * ever waits on a sleeping lock. (uaccess has landed: its stand-ins are gone.)
 */
#include "kernel.h"
#include "ktime.h"
#include "proc.h"
#include "wait.h"

#define WEAK __attribute__((weak))

WEAK struct thread *current_thread(void)
{
	return NULL;
}

WEAK void waitqueue_init(struct waitqueue *wq, const char *name)
{
	spinlock_init(&wq->lock, name);
	list_init(&wq->waiters);
}

WEAK void prepare_to_wait(struct waitqueue *wq, struct wait_entry *we, int interruptible)
{
	(void)wq, (void)we, (void)interruptible;
}

WEAK void finish_wait(struct waitqueue *wq, struct wait_entry *we)
{
	(void)wq, (void)we;
}

WEAK void schedule(void)
{
}

WEAK void wake_up(struct waitqueue *wq)
{
	(void)wq;
}

WEAK int signal_pending_current(void)
{
	return 0;
}

WEAK uint64_t time_realtime_ns(void)
{
	return 0;
}

