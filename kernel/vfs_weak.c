/*
 * vfs_weak.c - stand-ins for what the VFS calls in other subsystems that are still being written.
 *
 * Like the weak stubs in arch/x86_64/platform.c, each definition here is weak: the real one
 * (uaccess from "mem", the scheduler and wait queues from the process core, the clocks) replaces
 * it at link time as soon as it exists, and this file can then be deleted. Until then the
 * kernel has no user processes, so "no user memory" (-EFAULT) and "no current thread" (NULL)
 * are the true answers, and nothing ever waits on a sleeping lock.
 */
#include "kernel.h"
#include "ktime.h"
#include "proc.h"
#include "uaccess.h"
#include "wait.h"
#include "uapi/errno.h"

#define WEAK __attribute__((weak))

WEAK int copy_from_user(void *dst, const void __user *src, size_t n)
{
	(void)dst, (void)src, (void)n;
	return -EFAULT;
}

WEAK int copy_to_user(void __user *dst, const void *src, size_t n)
{
	(void)dst, (void)src, (void)n;
	return -EFAULT;
}

WEAK int clear_user(void __user *dst, size_t n)
{
	(void)dst, (void)n;
	return -EFAULT;
}

WEAK long strncpy_from_user(char *dst, const char __user *src, size_t max)
{
	(void)dst, (void)src, (void)max;
	return -EFAULT;
}

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

WEAK bool user_range_ok(const void __user *p, size_t n)
{
	(void)p, (void)n;
	return false;
}
