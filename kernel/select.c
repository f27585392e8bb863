/*
 * select.c - select and pselect6: poll(2) for three bit sets of descriptors.
 *
 * select() names the descriptors it watches with three bitmaps (fd_set: bit n of word n / 64 is
 * fd n) for "readable", "writable" and "exceptional condition", and answers by overwriting them
 * with the subsets that are ready. Underneath it is poll: each named fd is polled once per pass
 * (poll.c's poll_wait_loop does the queueing and sleeping) and its events are sorted into the
 * three answers by Linux's POLLIN_SET / POLLOUT_SET / POLLEX_SET (poll.h: POLL_SELECT_*), so an
 * end-of-file or a hang-up counts as readable, and an error as readable and writable.
 *
 * Linux's rules that differ from poll: a set that names a descriptor that is not open fails the
 * whole call with EBADF (checked before waiting); the return value counts (fd, set) pairs, so an
 * fd ready for reading and writing counts twice; descriptors at or past the size of the fd table
 * are not looked at; the time left is written back into the caller's timeval (select) or
 * timespec (pselect6).
 */
#include "poll.h"

#include "file.h"
#include "kernel.h"
#include "kerrno.h"
#include "kmalloc.h"
#include "ktest.h"
#include "proc.h"
#include "string.h"
#include "uaccess.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/time.h"

#define FDSET_WORDS(n) (((size_t)(n) + 63) / 64)

struct select_args {
	int n;
	uint64_t *in, *out, *ex;	     /* what the caller asks; NULL: that set was NULL */
	uint64_t *res_in, *res_out, *res_ex; /* the answer, one word array each */
};

static bool fdset_has(const uint64_t *set, int fd)
{
	return set && (set[fd / 64] >> (fd % 64)) & 1;
}

/* select(2)'s pass: every fd named in a set is polled; each satisfied (fd, set) pair counts. */
static int select_pass(void *ctx, struct poller *pw, struct poll_table *pt)
{
	struct select_args *a = ctx;
	size_t words = FDSET_WORDS(a->n);
	int count = 0;

	memset(a->res_in, 0, words * 8);
	memset(a->res_out, 0, words * 8);
	memset(a->res_ex, 0, words * 8);
	for (int fd = 0; fd < a->n; fd++) {
		bool in = fdset_has(a->in, fd), out = fdset_has(a->out, fd);
		bool ex = fdset_has(a->ex, fd);
		if (!in && !out && !ex)
			continue;
		struct file *f = fget(fd);
		if (!f)
			continue; /* closed since the EBADF check: never ready */
		unsigned mask = poll_file(pw, f, pt);
		file_put(f);
		uint64_t bit = 1ULL << (fd % 64);
		int before = count;
		if (in && (mask & POLL_SELECT_IN)) {
			a->res_in[fd / 64] |= bit;
			count++;
		}
		if (out && (mask & POLL_SELECT_OUT)) {
			a->res_out[fd / 64] |= bit;
			count++;
		}
		if (ex && (mask & POLL_SELECT_EX)) {
			a->res_ex[fd / 64] |= bit;
			count++;
		}
		if (count > before)
			pt = NULL;
	}
	return count;
}

/*
 * Linux looks at no descriptor at or beyond the size of the fd table (at least 64): bits past it
 * are ignored rather than EBADF, and n cannot make the kernel allocate more than the table.
 */
static int select_max_fds(void)
{
	struct proc *p = current_proc();
	int slots = p && p->files ? p->files->nslots : 0;

	return MAX(ALIGN_UP(slots, 64), 64);
}

/* EBADF when a set names a descriptor that is not open (checked once, before waiting). */
static int select_check_fds(const struct select_args *a)
{
	for (int fd = 0; fd < a->n; fd++) {
		if (!fdset_has(a->in, fd) && !fdset_has(a->out, fd) && !fdset_has(a->ex, fd))
			continue;
		struct file *f = fget(fd);
		if (!f)
			return -EBADF;
		file_put(f);
	}
	return 0;
}

/*
 * The common part of select and pselect6: copy the sets in, check them, wait, copy the answers
 * out over the caller's sets. Returns the count of ready (fd, set) pairs, 0, or -errno.
 */
static long do_select(int n, uint64_t __user *uin, uint64_t __user *uout, uint64_t __user *uex,
		      int64_t timeout_ns, uint64_t deadline)
{
	struct select_args a = { .n = n };
	uint64_t __user *user_sets[3] = { uin, uout, uex };
	uint64_t **sets[3] = { &a.in, &a.out, &a.ex };
	uint64_t **res[3] = { &a.res_in, &a.res_out, &a.res_ex };
	uint64_t *mem;
	long ret;

	if (n < 0)
		return -EINVAL;
	if (n > select_max_fds())
		a.n = n = select_max_fds();
	size_t words = FDSET_WORDS(n);
	/* one allocation: three request sets and three answer sets */
	mem = kzalloc(6 * words * 8 + 8);
	if (!mem)
		return -ENOMEM;
	for (int i = 0; i < 3; i++) {
		*res[i] = mem + (3 + i) * words;
		if (!user_sets[i] || !words)
			continue; /* select(0, NULL, NULL, NULL, &tv) is a way to sleep */
		*sets[i] = mem + i * words;
		if (copy_from_user(*sets[i], user_sets[i], words * 8)) {
			ret = -EFAULT;
			goto out;
		}
	}
	ret = select_check_fds(&a);
	if (ret)
		goto out;
	ret = poll_wait_loop(select_pass, &a, timeout_ns, deadline);
	if (ret < 0)
		goto out;
	for (int i = 0; i < 3; i++) {
		if (user_sets[i] && words && copy_to_user(user_sets[i], *res[i], words * 8)) {
			ret = -EFAULT;
			break;
		}
	}
out:
	kfree(mem);
	return ret;
}

long sys_select(int n, uint64_t __user *uin, uint64_t __user *uout, uint64_t __user *uex,
		struct linux_timeval __user *utv)
{
	struct linux_timeval tv;
	int64_t timeout_ns = -1;
	uint64_t deadline;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		ret = poll_timeval_to_ns(&tv, &timeout_ns);
		if (ret)
			return ret;
	}
	deadline = poll_deadline_after(timeout_ns);
	ret = do_select(n, uin, uout, uex, timeout_ns, deadline);
	return poll_report_time_left(utv, true, timeout_ns, deadline, ret);
}

/* pselect6's sixth argument: where the mask is and how big it is. */
struct pselect_sigmask {
	const linux_sigset_t __user *set;
	size_t size;
};

long sys_pselect6(int n, uint64_t __user *uin, uint64_t __user *uout, uint64_t __user *uex,
		  struct linux_timespec __user *uts, const struct pselect_sigmask __user *usig)
{
	struct linux_timespec ts;
	struct pselect_sigmask sig = { .set = NULL };
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
	if (usig && copy_from_user(&sig, usig, sizeof(sig)))
		return -EFAULT;
	if (sig.set) {
		ret = poll_get_sigset(sig.set, sig.size, &mask);
		if (ret)
			return ret;
		poll_sigmask_begin(mask);
	}
	deadline = poll_deadline_after(timeout_ns);
	ret = do_select(n, uin, uout, uex, timeout_ns, deadline);
	if (sig.set)
		poll_sigmask_end(ret);
	return poll_report_time_left(uts, false, timeout_ns, deadline, ret);
}

/* ---- tests ---- */

/* What select makes of a pipe's events: EOF is readable, a reader-less pipe writable (EPIPE). */
KTEST(poll, select_sets)
{
	KEXPECT(POLLHUP & POLL_SELECT_IN);
	KEXPECT(POLLERR & POLL_SELECT_OUT);
	KEXPECT(!(POLLOUT & POLL_SELECT_IN));
	KEXPECT(!(POLLIN & POLL_SELECT_OUT));
	KEXPECT_EQ(FDSET_WORDS(0), 0);
	KEXPECT_EQ(FDSET_WORDS(1), 1);
	KEXPECT_EQ(FDSET_WORDS(64), 1);
	KEXPECT_EQ(FDSET_WORDS(65), 2);
	uint64_t set[2] = { 1ULL << 3, 1ULL << 1 };
	KEXPECT(fdset_has(set, 3) && !fdset_has(set, 4) && fdset_has(set, 65));
	KEXPECT(!fdset_has(NULL, 3));
}
