/*
 * poll.c - poll and ppoll, and the wait loop that select and pselect6 (select.c) share.
 *
 * The model. A thread that polls N files asks each file twice for its state:
 *
 *   1. The registration pass calls every file's ->poll with a poll table. The file returns its
 *      ready mask and, through poll_wait(), names the wait queue(s) it will wake_up() when that
 *      mask changes; the poller puts itself on each of them (a poll_entry per queue, holding a
 *      reference to the file so the queue cannot go away under it).
 *   2. If nothing was ready, the poller marks itself as sleeping and asks every file again, now
 *      without a table. Only then does it sleep. Any wake_up() on one of its queues after the mark
 *      makes it runnable again, so schedule() returns; any change before the mark is seen by the
 *      second pass. That is the same "queue, mark, re-check, sleep" order that makes
 *      wait_event() race-free, done for many queues at once.
 *
 * After a wake-up (or a timeout, or a signal) the poller goes round again from step 2: it stays
 * queued everywhere until it returns, when every entry is removed and every file reference
 * dropped. The mark is made with prepare_to_wait() on a private wait queue that nobody wakes,
 * which is wait.h's way of saying "I am about to sleep".
 *
 * poll() and select() differ only in how the caller names the files and events (an array of
 * struct pollfd, or three bit sets) and in their error rules, so both are a "pass" function over
 * their own description, called by one loop (poll_wait_loop; select's pass is in select.c). Timeouts are absolute deadlines on
 * the monotonic clock; ppoll/select/pselect6 report the time left, as Linux does. A signal ends
 * the wait with -ERESTARTNOHAND: EINTR after a handler, a transparent restart otherwise. ppoll and
 * pselect6 run the wait under the caller's temporary signal mask and leave the restoring of the
 * old one to signal delivery when they were interrupted, so the handler runs under the temporary
 * mask (the reason those calls exist).
 */
#include "poll.h"

#include "file.h"
#include "kernel.h"
#include "kerrno.h"
#include "kmalloc.h"
#include "ktest.h"
#include "page.h"
#include "pipe.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "uaccess.h"
#include "vm.h"
#include "vfs.h"
#include "wait.h"
#include <arch.h>
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/resource.h"
#include "uapi/signal.h"
#include "uapi/time.h"

#define POLL_INLINE_ENTRIES 16 /* wait queues one poll call can watch without allocating */
/* What a file without ->poll reports: always ready for both (Linux's DEFAULT_POLLMASK). */
#define POLL_DEFAULT_MASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
#define POLL_STACK_FDS	  32 /* pollfds copied to the stack; more are kmalloc'ed */
#define NSEC_PER_SEC_U	  1000000000ULL
#define UNBLOCKABLE_SIGS  (SIGMASK(SIGKILL) | SIGMASK(SIGSTOP))

/* The poller on one wait queue. */
struct poll_entry {
	struct waitqueue *wq;
	struct wait_entry we;
	struct file *file; /* referenced: keeps wq alive */
};

/* Entries beyond the inline ones, a page at a time. */
struct poll_entry_page {
	struct poll_entry_page *next;
	int used;
	struct poll_entry entry[];
};

#define POLL_ENTRIES_PER_PAGE \
	((PAGE_SIZE_4K - sizeof(struct poll_entry_page)) / sizeof(struct poll_entry))

/* One thread's poll in progress. Lives on its stack. */
struct poller {
	struct poll_table pt; /* what ->poll sees; poller_queue() finds us from it */
	struct file *file;    /* the file whose ->poll is running: entries reference it */
	int error;	      /* -ENOMEM: an entry could not be allocated */
	int ninline;
	struct poll_entry inline_entry[POLL_INLINE_ENTRIES];
	struct poll_entry_page *pages;
	struct waitqueue self; /* never woken: prepare_to_wait on it marks us sleeping */
	struct wait_entry self_entry;
};

/* Put the poller on wq (the poll_table's queue function). */
static void poller_queue(struct poll_table *pt, struct waitqueue *wq)
{
	struct poller *pw = container_of(pt, struct poller, pt);
	struct poll_entry *e;

	if (pw->ninline < POLL_INLINE_ENTRIES) {
		e = &pw->inline_entry[pw->ninline++];
	} else {
		struct poll_entry_page *pg = pw->pages;
		if (!pg || pg->used == (int)POLL_ENTRIES_PER_PAGE) {
			pg = page_alloc();
			if (!pg) {
				pw->error = -ENOMEM;
				return;
			}
			pg->next = pw->pages;
			pg->used = 0;
			pw->pages = pg;
		}
		e = &pg->entry[pg->used++];
	}
	file_get(pw->file);
	e->file = pw->file;
	e->wq = wq;
	e->we.thread = NULL;
	prepare_to_wait(wq, &e->we, 1);
}

static void poller_init(struct poller *pw)
{
	pw->pt.queue = poller_queue;
	pw->file = NULL;
	pw->error = 0;
	pw->ninline = 0;
	pw->pages = NULL;
	waitqueue_init(&pw->self, "poll-self");
	pw->self_entry.thread = NULL;
}

static void poll_entry_remove(struct poll_entry *e)
{
	finish_wait(e->wq, &e->we);
	file_put(e->file);
}

/* Leave every queue, drop every file, free the pages; the thread is runnable afterwards. */
static void poller_free(struct poller *pw)
{
	for (int i = 0; i < pw->ninline; i++)
		poll_entry_remove(&pw->inline_entry[i]);
	while (pw->pages) {
		struct poll_entry_page *pg = pw->pages;
		for (int i = 0; i < pg->used; i++)
			poll_entry_remove(&pg->entry[i]);
		pw->pages = pg->next;
		page_free(pg);
	}
	pw->ninline = 0;
	finish_wait(&pw->self, &pw->self_entry);
}

/* Ask one file for its mask, registering on its queues when pt is not NULL. */
unsigned poll_file(struct poller *pw, struct file *f, struct poll_table *pt)
{
	if (!f->ops || !f->ops->poll)
		return POLL_DEFAULT_MASK;
	pw->file = f;
	return f->ops->poll(f, pt);
}

/* The absolute deadline of a relative timeout (timeout_ns > 0), on the monotonic clock. */
uint64_t poll_deadline_after(int64_t timeout_ns)
{
	return timeout_ns > 0 ? arch_clock_ns() + (uint64_t)timeout_ns : 0;
}

/*
 * Run passes until one finds something, the deadline passes or a signal arrives. timeout_ns < 0
 * means no deadline; 0 means a single pass without sleeping; > 0 means sleep until deadline at
 * most. Returns the last pass's count (0 on timeout), -ERESTARTNOHAND for a signal, or -ENOMEM.
 */
int poll_wait_loop(poll_pass_fn pass, void *ctx, int64_t timeout_ns, uint64_t deadline)
{
	struct poller pw;
	int count;

	poller_init(&pw);
	count = pass(ctx, &pw, timeout_ns ? &pw.pt : NULL);
	while (count == 0 && timeout_ns != 0) {
		if (pw.error) {
			count = pw.error;
			break;
		}
		prepare_to_wait(&pw.self, &pw.self_entry, 1);
		count = pass(ctx, &pw, NULL);
		if (count)
			break;
		if (signal_pending_current()) {
			count = -ERESTARTNOHAND;
			break;
		}
		if (timeout_ns < 0) {
			schedule();
			continue;
		}
		uint64_t now = arch_clock_ns();
		if (now >= deadline)
			break;
		schedule_timeout((int64_t)(deadline - now));
	}
	poller_free(&pw);
	return count;
}

/* ---- poll and ppoll ---- */

struct poll_args {
	struct linux_pollfd *fds;
	unsigned nfds;
};

/* poll(2)'s pass: negative fds are skipped, closed ones answer POLLNVAL. */
static int poll_pass(void *ctx, struct poller *pw, struct poll_table *pt)
{
	struct poll_args *a = ctx;
	int count = 0;

	for (unsigned i = 0; i < a->nfds; i++) {
		struct linux_pollfd *pfd = &a->fds[i];
		unsigned mask;

		pfd->revents = 0;
		if (pfd->fd < 0)
			continue;
		struct file *f = fget(pfd->fd);
		if (!f) {
			mask = POLLNVAL;
		} else {
			mask = poll_file(pw, f, pt);
			mask &= (uint16_t)pfd->events | POLL_ALWAYS;
			file_put(f);
		}
		if (mask) {
			pfd->revents = (int16_t)mask;
			count++;
			pt = NULL; /* an answer is ready: no need to queue on the rest */
		}
	}
	return count;
}

/* The most descriptors a poll or select may name: the caller's RLIMIT_NOFILE. */
static uint64_t nofile_limit(void)
{
	struct proc *p = current_proc();
	uint64_t lim = p ? p->rlim[RLIMIT_NOFILE].cur : 0;

	return lim ? lim : NR_OPEN_DEFAULT;
}

/*
 * The common part of poll and ppoll: copy the pollfds in, wait, copy revents back. Returns the
 * number of ready fds, 0 on timeout, or -errno / -ERESTARTNOHAND.
 */
static long do_poll(struct linux_pollfd __user *ufds, unsigned nfds, int64_t timeout_ns,
		    uint64_t deadline)
{
	struct linux_pollfd stack_fds[POLL_STACK_FDS];
	struct poll_args a = { .fds = stack_fds, .nfds = nfds };
	long ret;

	if (nfds > nofile_limit())
		return -EINVAL;
	if (nfds > POLL_STACK_FDS) {
		a.fds = kmalloc(nfds * sizeof(*a.fds));
		if (!a.fds)
			return -ENOMEM;
	}
	/* poll(NULL, 0, ms) is a common way to sleep: copy nothing rather than check NULL */
	if (nfds && copy_from_user(a.fds, ufds, nfds * sizeof(*a.fds))) {
		ret = -EFAULT;
		goto out;
	}
	ret = poll_wait_loop(poll_pass, &a, timeout_ns, deadline);
	if (ret < 0)
		goto out;
	for (unsigned i = 0; i < nfds; i++) {
		if (put_user(a.fds[i].revents, &ufds[i].revents)) {
			ret = -EFAULT;
			break;
		}
	}
out:
	if (a.fds != stack_fds)
		kfree(a.fds);
	return ret;
}

long sys_poll(struct linux_pollfd __user *ufds, unsigned nfds, int timeout_ms)
{
	int64_t timeout_ns = timeout_ms < 0 ? -1 : (int64_t)timeout_ms * 1000000;

	return do_poll(ufds, nfds, timeout_ns, poll_deadline_after(timeout_ns));
}

/* ---- timeouts and temporary signal masks (ppoll here, select and pselect6 in select.c) ---- */

/* A user timespec as a relative timeout in ns: 0, or -EFAULT / -EINVAL (Linux's checks). */
int poll_timespec_to_ns(const struct linux_timespec *ts, int64_t *ns)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (int64_t)NSEC_PER_SEC_U)
		return -EINVAL;
	if (ts->tv_sec > INT64_MAX / (int64_t)NSEC_PER_SEC_U - 1)
		*ns = -1; /* centuries: as good as forever */
	else
		*ns = ts->tv_sec * (int64_t)NSEC_PER_SEC_U + ts->tv_nsec;
	return 0;
}

int poll_timeval_to_ns(const struct linux_timeval *tv, int64_t *ns)
{
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
		return -EINVAL;
	if (tv->tv_sec > INT64_MAX / (int64_t)NSEC_PER_SEC_U - 1)
		*ns = -1;
	else
		*ns = tv->tv_sec * (int64_t)NSEC_PER_SEC_U + tv->tv_usec * 1000;
	return 0;
}

/* Nanoseconds left until deadline (0 when past it). */
static uint64_t time_left(uint64_t deadline)
{
	uint64_t now = arch_clock_ns();

	return deadline > now ? deadline - now : 0;
}

/*
 * Write the time left back to the caller's timespec or timeval, as Linux does for ppoll, select
 * and pselect6 (not when the timeout was 0 or infinite). A write that faults is ignored, except
 * that the call then cannot be restarted with a stale timeout: -ERESTARTNOHAND becomes -EINTR.
 */
long poll_report_time_left(void __user *utime, bool timeval, int64_t timeout_ns, uint64_t deadline,
			   long ret)
{
	int err;

	if (!utime || timeout_ns <= 0)
		return ret;
	uint64_t left = time_left(deadline);
	if (timeval) {
		struct linux_timeval tv = { .tv_sec = (int64_t)(left / NSEC_PER_SEC_U),
					    .tv_usec = (int64_t)(left % NSEC_PER_SEC_U) / 1000 };
		err = copy_to_user(utime, &tv, sizeof(tv));
	} else {
		struct linux_timespec ts = { .tv_sec = (int64_t)(left / NSEC_PER_SEC_U),
					     .tv_nsec = (int64_t)(left % NSEC_PER_SEC_U) };
		err = copy_to_user(utime, &ts, sizeof(ts));
	}
	if (err && ret == -ERESTARTNOHAND)
		ret = -EINTR;
	return ret;
}

/* Install a temporary signal mask for the wait (sigsuspend-style); the old one is saved. */
void poll_sigmask_begin(uint64_t mask)
{
	struct thread *t = current_thread();

	spin_lock(&t->proc->sighand->lock);
	t->saved_sigmask = t->sig_blocked;
	t->sig_blocked = mask & ~UNBLOCKABLE_SIGS;
	spin_unlock(&t->proc->sighand->lock);
}

/*
 * The wait is over. If a signal interrupted it, the temporary mask stays until the signal is
 * delivered (signal delivery restores saved_sigmask: restore_sigmask); otherwise restore now.
 */
void poll_sigmask_end(long ret)
{
	struct thread *t = current_thread();

	spin_lock(&t->proc->sighand->lock);
	if (ret == -ERESTARTNOHAND)
		t->restore_sigmask = 1;
	else
		t->sig_blocked = t->saved_sigmask;
	spin_unlock(&t->proc->sighand->lock);
}

/* Read a user sigset of sigsetsize bytes (which must be 8). */
int poll_get_sigset(const uint64_t __user *uset, size_t sigsetsize, uint64_t *set)
{
	if (sigsetsize != SIGSET_SIZE)
		return -EINVAL;
	return copy_from_user(set, uset, sizeof(*set)) ? -EFAULT : 0;
}

long sys_ppoll(struct linux_pollfd __user *ufds, unsigned nfds, struct linux_timespec __user *uts,
	       const linux_sigset_t __user *usigmask, size_t sigsetsize)
{
	struct linux_timespec ts;
	int64_t timeout_ns = -1;
	uint64_t mask, deadline;
	long ret;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		ret = poll_timespec_to_ns(&ts, &timeout_ns);
		if (ret)
			return ret;
	}
	if (usigmask) {
		ret = poll_get_sigset(usigmask, sigsetsize, &mask);
		if (ret)
			return ret;
		poll_sigmask_begin(mask);
	}
	deadline = poll_deadline_after(timeout_ns);
	ret = do_poll(ufds, nfds, timeout_ns, deadline);
	if (usigmask)
		poll_sigmask_end(ret);
	return poll_report_time_left(uts, false, timeout_ns, deadline, ret);
}

/* ---- tests (one thread: no one else can wake us, so only timeouts and ready files) ---- */

struct ktest_files {
	struct file *f[4];
	unsigned events[4];
	unsigned revents[4];
	int n;
};

/* A pass over kernel file pointers, with poll(2)'s rules. */
static int ktest_files_pass(void *ctx, struct poller *pw, struct poll_table *pt)
{
	struct ktest_files *k = ctx;
	int count = 0;

	for (int i = 0; i < k->n; i++) {
		k->revents[i] = poll_file(pw, k->f[i], pt) & (k->events[i] | POLL_ALWAYS);
		if (k->revents[i])
			count++;
	}
	return count;
}

static int ktest_copy(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
	return 0;
}

/* A pipe as two files, in k->f[0] (read end) and k->f[1] (write end). */
static bool ktest_pipe_files(struct ktest_files *k)
{
	k->n = 2;
	k->events[0] = POLLIN;
	k->events[1] = POLLOUT;
	return pipe_create_files(O_NONBLOCK, &k->f[0], &k->f[1]) == 0;
}

KTEST(poll, no_wait_when_timeout_is_zero)
{
	struct ktest_files k;

	if (!ktest_pipe_files(&k)) {
		KEXPECT(!"set-up failed");
		return;
	}
	KEXPECT_EQ(poll_wait_loop(ktest_files_pass, &k, 0, 0), 1); /* only the write end */
	KEXPECT_EQ(k.revents[0], 0);
	KEXPECT_EQ(k.revents[1], POLLOUT);
	pipe_write(k.f[0]->priv, "x", 1, true, ktest_copy);
	KEXPECT_EQ(poll_wait_loop(ktest_files_pass, &k, 0, 0), 2);
	KEXPECT_EQ(k.revents[0], POLLIN);
	file_put(k.f[1]);
	k.events[0] = 0; /* POLLHUP is reported unasked */
	k.n = 1;
	KEXPECT_EQ(poll_wait_loop(ktest_files_pass, &k, 0, 0), 1);
	KEXPECT_EQ(k.revents[0], POLLHUP);
	file_put(k.f[0]);
}

/* The registration pass queues on one wait queue per pipe end and pins each file. */
KTEST(poll, registration_and_cleanup)
{
	struct ktest_files k;
	struct poller pw;

	if (!ktest_pipe_files(&k)) {
		KEXPECT(!"set-up failed");
		return;
	}
	int ref0 = k.f[0]->refcount, ref1 = k.f[1]->refcount;
	k.events[1] = 0; /* nothing ready: both get registered */
	poller_init(&pw);
	KEXPECT_EQ(ktest_files_pass(&k, &pw, &pw.pt), 0);
	KEXPECT_EQ(pw.ninline, 2);
	KEXPECT_EQ(k.f[0]->refcount, ref0 + 1);
	KEXPECT_EQ(k.f[1]->refcount, ref1 + 1);
	KEXPECT_EQ(ktest_files_pass(&k, &pw, NULL), 0); /* later passes register nothing */
	KEXPECT_EQ(pw.ninline, 2);
	poller_free(&pw);
	KEXPECT_EQ(k.f[0]->refcount, ref0);
	KEXPECT_EQ(k.f[1]->refcount, ref1);
	KEXPECT(!current_thread() || current_thread()->state == THREAD_RUNNABLE);
	file_put(k.f[0]);
	file_put(k.f[1]);
}

/* Nothing becomes ready: the wait ends at the deadline, not before. */
KTEST(poll, timeout_expires)
{
	struct ktest_files k;

	if (!ktest_pipe_files(&k)) {
		KEXPECT(!"set-up failed");
		return;
	}
	k.n = 1; /* the empty read end only */
	uint64_t start = arch_clock_ns();
	int64_t timeout = 20 * 1000 * 1000;
	KEXPECT_EQ(poll_wait_loop(ktest_files_pass, &k, timeout, poll_deadline_after(timeout)), 0);
	uint64_t took = arch_clock_ns() - start;
	KEXPECT(took >= (uint64_t)timeout);
	KEXPECT(took < 2000ULL * 1000 * 1000);
	KEXPECT(!current_thread() || current_thread()->state == THREAD_RUNNABLE);
	file_put(k.f[0]);
	file_put(k.f[1]);
}

KTEST(poll, timeouts)
{
	struct linux_timespec ts = { .tv_sec = 1, .tv_nsec = 5 };
	struct linux_timeval tv = { .tv_sec = 2, .tv_usec = 7 };
	int64_t ns;

	KEXPECT_EQ(poll_timespec_to_ns(&ts, &ns), 0);
	KEXPECT_EQ(ns, 1000000005);
	KEXPECT_EQ(poll_timeval_to_ns(&tv, &ns), 0);
	KEXPECT_EQ(ns, 2000007000);
	ts.tv_nsec = 1000000000;
	KEXPECT_EQ(poll_timespec_to_ns(&ts, &ns), -EINVAL);
	ts.tv_nsec = 0;
	ts.tv_sec = -1;
	KEXPECT_EQ(poll_timespec_to_ns(&ts, &ns), -EINVAL);
	tv.tv_usec = 1000000;
	KEXPECT_EQ(poll_timeval_to_ns(&tv, &ns), -EINVAL);
	tv.tv_usec = -1;
	KEXPECT_EQ(poll_timeval_to_ns(&tv, &ns), -EINVAL);
	ts.tv_sec = INT64_MAX;
	KEXPECT_EQ(poll_timespec_to_ns(&ts, &ns), 0);
	KEXPECT_EQ(ns, -1); /* forever */
}
