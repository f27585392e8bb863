/*
 * pipe.c - pipes: the object behind the two file descriptors pipe() returns.
 *
 * A pipe is a ring of bytes (kernel/pipe_ring.c) shared by two kinds of open files, read ends and
 * write ends. The pipe counts how many of each are open, and that is all it knows about files:
 *   - a reader takes whatever data there is, or sleeps on rd_wait until some arrives, or sees
 *     end-of-file (read returns 0) once no write end is open any more;
 *   - a writer puts data in, or sleeps on wr_wait until a reader makes room, or gets EPIPE and a
 *     SIGPIPE once no read end is open any more;
 *   - a write of at most PIPE_BUF bytes goes into the ring in one piece (pipe_write_chunk()), so
 *     lines written by two processes to one pipe never interleave; a longer write goes in as room
 *     appears, and readers are woken after every piece;
 *   - O_NONBLOCK turns every "would sleep" into EAGAIN, after whatever could be moved was moved;
 *   - a signal turns it into -ERESTARTSYS when nothing was moved yet (the syscall layer restarts
 *     the call or fails it with EINTR, by SA_RESTART), else into the count moved so far.
 *
 * Locking. Two locks, as in Linux. `lock`, a spinlock, guards what sleepers and pollers look at:
 * readers, writers and `used` (the ring's fill level). The ring itself is copied to and from user
 * memory, which may fault, so it is guarded by `ring_lock`, a sleeping lock. Whoever changes the
 * ring republishes `used` under `lock` before waking anyone. Nobody sleeps on rd_wait/wr_wait
 * while holding ring_lock, or the other side could never make progress. Order: ring_lock, then
 * lock, then a wait queue's own lock (pipe_release_end wakes the other side under lock).
 *
 * Lifetime. The pipe lives while any end is open: the release of the last open file of either
 * kind frees it. Both ends share one inode (S_IFIFO), as fstat() on Linux shows.
 */
#include "pipe.h"

#include "err.h"
#include "file.h"
#include "kernel.h"
#include "kerrno.h"
#include "kmalloc.h"
#include "ktest.h"
#include "poll.h"
#include "proc.h"
#include "signal.h"
#include "spinlock.h"
#include "string.h"
#include "uaccess.h"
#include "vfs.h"
#include "wait.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/stat.h"
#include "uapi/termios.h"

#define PIPE_MAGIC 0x50495045u /* "PIPE" */

struct pipe {
	uint32_t magic;
	struct spinlock lock;
	int readers; /* [lock] open read ends */
	int writers; /* [lock] open write ends */
	size_t used; /* [lock] bytes in the ring as of the last ring operation */
	struct vfs_mutex ring_lock;
	struct pipe_ring ring;	  /* [ring_lock] */
	struct waitqueue rd_wait; /* readers: data arrived, or the last writer left */
	struct waitqueue wr_wait; /* writers: room appeared, or the last reader left */
};

/* A new pipe with one read end and one write end counted as open, or NULL. */
struct pipe *pipe_alloc(void)
{
	struct pipe *p = kmalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->magic = PIPE_MAGIC;
	spinlock_init(&p->lock, "pipe");
	p->readers = 1;
	p->writers = 1;
	p->used = 0;
	vfs_mutex_init(&p->ring_lock, "pipe-ring");
	pipe_ring_init(&p->ring);
	waitqueue_init(&p->rd_wait, "pipe-read");
	waitqueue_init(&p->wr_wait, "pipe-write");
	return p;
}

/* Republish the ring's fill level. Caller holds ring_lock. */
static void pipe_publish(struct pipe *p)
{
	spin_lock(&p->lock);
	p->used = pipe_ring_used(&p->ring);
	spin_unlock(&p->lock);
}

/* Wake-up conditions: one consistent look at the counters. */
static bool pipe_readable(struct pipe *p)
{
	spin_lock(&p->lock);
	bool yes = p->used > 0 || p->writers == 0;
	spin_unlock(&p->lock);
	return yes;
}

static bool pipe_writable(struct pipe *p, size_t total, size_t done)
{
	spin_lock(&p->lock);
	bool yes = p->readers == 0 || pipe_write_chunk(total, done, PIPE_SIZE - p->used) > 0;
	spin_unlock(&p->lock);
	return yes;
}

static int pipe_ends(struct pipe *p, int which)
{
	spin_lock(&p->lock);
	int n = which == PIPE_READ_END ? p->readers : p->writers;
	spin_unlock(&p->lock);
	return n;
}

/* See pipe.h. */
long pipe_read(struct pipe *p, void *buf, size_t n, bool nonblock, pipe_copy_fn copy)
{
	long ret;

	if (n == 0)
		return 0;
	vfs_mutex_lock(&p->ring_lock);
	for (;;) {
		if (pipe_ring_used(&p->ring) > 0) {
			ret = pipe_ring_get(&p->ring, buf, n, copy);
			pipe_publish(p);
			if (ret > 0)
				wake_up(&p->wr_wait);
			break;
		}
		if (pipe_ends(p, PIPE_WRITE_END) == 0) {
			ret = 0;
			break;
		}
		if (nonblock) {
			ret = -EAGAIN;
			break;
		}
		vfs_mutex_unlock(&p->ring_lock);
		if (wait_event_interruptible(p->rd_wait, pipe_readable(p)))
			return -ERESTARTSYS;
		vfs_mutex_lock(&p->ring_lock);
	}
	vfs_mutex_unlock(&p->ring_lock);
	return ret;
}

/* See pipe.h. */
long pipe_write(struct pipe *p, const void *buf, size_t n, bool nonblock, pipe_copy_fn copy)
{
	const char *from = buf;
	size_t done = 0;
	long err = 0;

	if (n == 0)
		return 0;
	vfs_mutex_lock(&p->ring_lock);
	while (done < n) {
		if (pipe_ends(p, PIPE_READ_END) == 0) {
			send_sigpipe_current();
			err = -EPIPE;
			break;
		}
		size_t chunk = pipe_write_chunk(n, done, pipe_ring_space(&p->ring));
		if (chunk) {
			long got = pipe_ring_put(&p->ring, from + done, chunk, copy);
			if (got < 0) {
				err = got;
				break;
			}
			done += (size_t)got;
			pipe_publish(p);
			wake_up(&p->rd_wait);
			continue;
		}
		if (nonblock) {
			err = -EAGAIN;
			break;
		}
		vfs_mutex_unlock(&p->ring_lock);
		if (wait_event_interruptible(p->wr_wait, pipe_writable(p, n, done)))
			return done ? (long)done : -ERESTARTSYS;
		vfs_mutex_lock(&p->ring_lock);
	}
	vfs_mutex_unlock(&p->ring_lock);
	return done ? (long)done : err;
}

/* See pipe.h. Linux's rules: POLLOUT when a PIPE_BUF write would not block. */
unsigned pipe_poll(struct pipe *p, int which, struct poll_table *pt)
{
	unsigned mask = 0;

	poll_wait(pt, which == PIPE_READ_END ? &p->rd_wait : &p->wr_wait);
	spin_lock(&p->lock);
	if (which == PIPE_READ_END) {
		if (p->used > 0)
			mask |= POLLIN | POLLRDNORM;
		if (p->writers == 0)
			mask |= POLLHUP;
	} else {
		if (PIPE_SIZE - p->used >= PIPE_ATOMIC)
			mask |= POLLOUT | POLLWRNORM;
		if (p->readers == 0)
			mask |= POLLERR;
	}
	spin_unlock(&p->lock);
	return mask;
}

/* See pipe.h. */
size_t pipe_nread(struct pipe *p)
{
	spin_lock(&p->lock);
	size_t n = p->used;
	spin_unlock(&p->lock);
	return n;
}

/* See pipe.h. */
void pipe_open_end(struct pipe *p, int which)
{
	spin_lock(&p->lock);
	if (which == PIPE_READ_END)
		p->readers++;
	else
		p->writers++;
	spin_unlock(&p->lock);
}

/* See pipe.h. */
void pipe_release_end(struct pipe *p, int which)
{
	assert(p->magic == PIPE_MAGIC);
	spin_lock(&p->lock);
	if (which == PIPE_READ_END)
		p->readers--;
	else
		p->writers--;
	bool last = p->readers == 0 && p->writers == 0;
	/*
	 * The other side learns about EOF (readers) or EPIPE (writers). Woken under the lock: once
	 * it is dropped, the other side's last release may free the pipe at any moment.
	 */
	if (!last)
		wake_up(which == PIPE_READ_END ? &p->wr_wait : &p->rd_wait);
	spin_unlock(&p->lock);
	if (!last)
		return;
	pipe_ring_destroy(&p->ring);
	p->magic = 0;
	kfree(p);
}

/* ---- the two kinds of open file ---- */

static int user_copy_to(void *dst, const void *src, size_t n)
{
	return copy_to_user(dst, src, n);
}

static int user_copy_from(void *dst, const void *src, size_t n)
{
	return copy_from_user(dst, src, n);
}

static struct pipe *file_pipe(struct file *f)
{
	struct pipe *p = f->priv;

	assert(p && p->magic == PIPE_MAGIC);
	return p;
}

static long pipe_file_read(struct file *f, void __user *buf, size_t n, uint64_t *pos)
{
	(void)pos;
	return pipe_read(file_pipe(f), buf, n, f->flags & O_NONBLOCK, user_copy_to);
}

static long pipe_file_write(struct file *f, const void __user *buf, size_t n, uint64_t *pos)
{
	(void)pos;
	return pipe_write(file_pipe(f), buf, n, f->flags & O_NONBLOCK, user_copy_from);
}

/* FIONREAD: the bytes a read would return now, as an int. Anything else is not for a pipe. */
static long pipe_file_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (cmd != FIONREAD)
		return -ENOTTY;
	int n = (int)pipe_nread(file_pipe(f));
	return put_user(n, (int __user *)arg) ? -EFAULT : 0;
}

static unsigned pipe_file_poll_read(struct file *f, struct poll_table *pt)
{
	return pipe_poll(file_pipe(f), PIPE_READ_END, pt);
}

static unsigned pipe_file_poll_write(struct file *f, struct poll_table *pt)
{
	return pipe_poll(file_pipe(f), PIPE_WRITE_END, pt);
}

static void pipe_file_release_read(struct file *f)
{
	pipe_release_end(file_pipe(f), PIPE_READ_END);
}

static void pipe_file_release_write(struct file *f)
{
	pipe_release_end(file_pipe(f), PIPE_WRITE_END);
}

/* No read on the write end and no write on the read end: the VFS answers EBADF by fmode. */
static const struct file_ops pipe_read_ops = {
	.read = pipe_file_read,
	.ioctl = pipe_file_ioctl,
	.poll = pipe_file_poll_read,
	.release = pipe_file_release_read,
};

static const struct file_ops pipe_write_ops = {
	.write = pipe_file_write,
	.ioctl = pipe_file_ioctl,
	.poll = pipe_file_poll_write,
	.release = pipe_file_release_write,
};

/*
 * Make a pipe and its two open files: *rd and *wr, one reference each, on one S_IFIFO inode.
 * oflags may add O_NONBLOCK to both. 0 or -ENOMEM; on failure nothing is left behind.
 */
int pipe_create_files(unsigned oflags, struct file **rd, struct file **wr)
{
	struct pipe *p = pipe_alloc();
	struct file *r, *w;

	if (!p)
		return -ENOMEM;
	r = file_alloc_anon(&pipe_read_ops, S_IFIFO | 0600, O_RDONLY | (oflags & O_NONBLOCK), p);
	if (IS_ERR(r))
		goto free_pipe;
	w = file_alloc(inode_get(r->inode), &pipe_write_ops, O_WRONLY | (oflags & O_NONBLOCK), p);
	if (IS_ERR(w))
		goto put_read;
	*rd = r;
	*wr = w;
	return 0;

put_read:
	inode_put(r->inode);		     /* the reference file_alloc did not take over */
	file_put(r);			     /* releases the read end */
	pipe_release_end(p, PIPE_WRITE_END); /* and frees the pipe */
	return -ENOMEM;
free_pipe:
	kfree(p);
	return PTR_ERR(r);
}

/* pipe2(2): O_CLOEXEC and O_NONBLOCK; fds[0] is the read end, fds[1] the write end. */
long sys_pipe2(int __user *ufds, int flags)
{
	struct file *r, *w;
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (!user_range_ok(ufds, sizeof(fds)))
		return -EFAULT;
	err = pipe_create_files((unsigned)flags, &r, &w);
	if (err)
		return err;
	fds[0] = fd_install(r, (unsigned)flags);
	if (fds[0] < 0) {
		err = fds[0];
		goto put_both;
	}
	fds[1] = fd_install(w, (unsigned)flags);
	if (fds[1] < 0) {
		err = fds[1];
		goto close_read;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		err = -EFAULT;
		fd_close(current_proc()->files, fds[1]);
		fd_close(current_proc()->files, fds[0]);
		return err;
	}
	return 0;

close_read:
	fd_close(current_proc()->files, fds[0]); /* drops r */
	file_put(w);
	return err;
put_both:
	file_put(r);
	file_put(w);
	return err;
}

long sys_pipe(int __user *ufds)
{
	return sys_pipe2(ufds, 0);
}

/* ---- tests: one thread, so only what never sleeps ---- */

static int ktest_copy(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
	return 0;
}

/* A poll table that records the queues it is handed. */
struct recording_table {
	struct poll_table pt;
	int n;
	struct waitqueue *wq[4];
};

static void record_queue(struct poll_table *pt, struct waitqueue *wq)
{
	struct recording_table *rt = container_of(pt, struct recording_table, pt);

	if (rt->n < 4)
		rt->wq[rt->n] = wq;
	rt->n++;
}

static unsigned char ktest_buf[2 * PIPE_SIZE];
static unsigned char ktest_out[2 * PIPE_SIZE];

KTEST(pipe, empty_nonblocking)
{
	struct pipe *p = pipe_alloc();
	char c;

	KEXPECT(p != NULL);
	if (!p)
		return;
	KEXPECT_EQ(pipe_read(p, &c, 1, true, ktest_copy), -EAGAIN);
	KEXPECT_EQ(pipe_read(p, &c, 0, true, ktest_copy), 0);
	KEXPECT_EQ(pipe_write(p, "x", 0, true, ktest_copy), 0);
	KEXPECT_EQ(pipe_nread(p), 0);
	pipe_release_end(p, PIPE_READ_END);
	pipe_release_end(p, PIPE_WRITE_END);
}

KTEST(pipe, bytes_in_order)
{
	struct pipe *p = pipe_alloc();
	char buf[16] = { 0 };

	if (!p)
		return;
	KEXPECT_EQ(pipe_write(p, "hello", 5, true, ktest_copy), 5);
	KEXPECT_EQ(pipe_write(p, ", world", 7, true, ktest_copy), 7);
	KEXPECT_EQ(pipe_nread(p), 12);
	KEXPECT_EQ(pipe_read(p, buf, 3, true, ktest_copy), 3);
	KEXPECT(memcmp(buf, "hel", 3) == 0);
	KEXPECT_EQ(pipe_read(p, buf, sizeof(buf), true, ktest_copy), 9); /* what is there */
	KEXPECT(memcmp(buf, "lo, world", 9) == 0);
	KEXPECT_EQ(pipe_nread(p), 0);
	pipe_release_end(p, PIPE_READ_END);
	pipe_release_end(p, PIPE_WRITE_END);
}

/* Full pipe: EAGAIN for any write; the PIPE_BUF rule decides what a little room lets in. */
KTEST(pipe, full_and_pipe_buf_rule)
{
	struct pipe *p = pipe_alloc();

	if (!p)
		return;
	memset(ktest_buf, 'a', PIPE_SIZE);
	KEXPECT_EQ(pipe_write(p, ktest_buf, PIPE_SIZE + 10, true, ktest_copy), PIPE_SIZE);
	KEXPECT_EQ(pipe_write(p, ktest_buf, 1, true, ktest_copy), -EAGAIN);
	KEXPECT_EQ(pipe_read(p, ktest_out, 100, true, ktest_copy), 100);
	/* 100 bytes free: a 200-byte write is atomic, so none of it goes in */
	KEXPECT_EQ(pipe_write(p, ktest_buf, 200, true, ktest_copy), -EAGAIN);
	KEXPECT_EQ(pipe_nread(p), PIPE_SIZE - 100);
	/* ... but 100 bytes fit whole */
	KEXPECT_EQ(pipe_write(p, ktest_buf, 100, true, ktest_copy), 100);
	KEXPECT_EQ(pipe_read(p, ktest_out, 4096, true, ktest_copy), 4096);
	/* a write longer than PIPE_BUF takes what fits */
	KEXPECT_EQ(pipe_write(p, ktest_buf, 5000, true, ktest_copy), 4096);
	KEXPECT_EQ(pipe_nread(p), PIPE_SIZE);
	pipe_release_end(p, PIPE_READ_END);
	pipe_release_end(p, PIPE_WRITE_END);
}

/* Stream several ring sizes through, never letting the pipe drain: the ring wraps. */
KTEST(pipe, ring_wraps)
{
	struct pipe *p = pipe_alloc();
	size_t written = 0, read = 0, total = 3 * PIPE_SIZE + 777;
	int bad = 0;

	if (!p)
		return;
	while (read < total) {
		size_t w = MIN((size_t)7000, total - written);
		for (size_t i = 0; i < w; i++)
			ktest_buf[i] = (unsigned char)((written + i) * 13 + (written + i) / 4099);
		long got = pipe_write(p, ktest_buf, w, true, ktest_copy);
		if (got > 0)
			written += (size_t)got;
		else if (w && got != -EAGAIN)
			bad++;
		got = pipe_read(p, ktest_out, 5000, true, ktest_copy);
		if (got < 0 && got != -EAGAIN)
			bad++;
		for (long i = 0; i < got; i++)
			if (ktest_out[i] != (unsigned char)((read + i) * 13 + (read + i) / 4099))
				bad++;
		if (got > 0)
			read += (size_t)got;
	}
	KEXPECT_EQ(bad, 0);
	KEXPECT_EQ(read, total);
	pipe_release_end(p, PIPE_READ_END);
	pipe_release_end(p, PIPE_WRITE_END);
}

KTEST(pipe, eof_after_last_writer)
{
	struct pipe *p = pipe_alloc();
	char buf[4];

	if (!p)
		return;
	pipe_open_end(p, PIPE_WRITE_END); /* a second writer (a dup'ed fd's file) */
	KEXPECT_EQ(pipe_write(p, "ab", 2, true, ktest_copy), 2);
	pipe_release_end(p, PIPE_WRITE_END);
	KEXPECT_EQ(pipe_read(p, buf, 1, true, ktest_copy), 1);
	KEXPECT_EQ(pipe_read(p, buf, 4, true, ktest_copy), 1);
	KEXPECT_EQ(pipe_read(p, buf, 4, true, ktest_copy), -EAGAIN); /* one writer left */
	pipe_release_end(p, PIPE_WRITE_END);
	KEXPECT_EQ(pipe_read(p, buf, 4, true, ktest_copy), 0);	/* EOF */
	KEXPECT_EQ(pipe_read(p, buf, 4, false, ktest_copy), 0); /* and never blocks */
	pipe_release_end(p, PIPE_READ_END);
}

KTEST(pipe, poll_masks)
{
	struct pipe *p = pipe_alloc();

	if (!p)
		return;
	KEXPECT_EQ(pipe_poll(p, PIPE_READ_END, NULL), 0);
	KEXPECT_EQ(pipe_poll(p, PIPE_WRITE_END, NULL), POLLOUT | POLLWRNORM);
	pipe_write(p, "x", 1, true, ktest_copy);
	KEXPECT_EQ(pipe_poll(p, PIPE_READ_END, NULL), POLLIN | POLLRDNORM);
	memset(ktest_buf, 'b', PIPE_SIZE);
	pipe_write(p, ktest_buf, PIPE_SIZE - PIPE_ATOMIC, true, ktest_copy);
	KEXPECT_EQ(pipe_poll(p, PIPE_WRITE_END, NULL), 0); /* < PIPE_BUF of room */
	pipe_read(p, ktest_out, 1, true, ktest_copy);
	KEXPECT_EQ(pipe_poll(p, PIPE_WRITE_END, NULL), POLLOUT | POLLWRNORM);
	pipe_release_end(p, PIPE_WRITE_END);
	KEXPECT_EQ(pipe_poll(p, PIPE_READ_END, NULL), POLLIN | POLLRDNORM | POLLHUP);
	pipe_read(p, ktest_out, PIPE_SIZE, true, ktest_copy);
	KEXPECT_EQ(pipe_poll(p, PIPE_READ_END, NULL), POLLHUP);
	pipe_release_end(p, PIPE_READ_END);

	p = pipe_alloc();
	if (!p)
		return;
	pipe_release_end(p, PIPE_READ_END);
	KEXPECT_EQ(pipe_poll(p, PIPE_WRITE_END, NULL), POLLOUT | POLLWRNORM | POLLERR);
	pipe_release_end(p, PIPE_WRITE_END);
}

/* Each end hands the poller the one queue its events are announced on. */
KTEST(pipe, poll_registers_queue)
{
	struct pipe *p = pipe_alloc();
	struct recording_table rt = { .pt = { .queue = record_queue } };

	if (!p)
		return;
	pipe_poll(p, PIPE_READ_END, &rt.pt);
	KEXPECT_EQ(rt.n, 1);
	KEXPECT(rt.wq[0] == &p->rd_wait);
	rt.n = 0;
	pipe_poll(p, PIPE_WRITE_END, &rt.pt);
	KEXPECT_EQ(rt.n, 1);
	KEXPECT(rt.wq[0] == &p->wr_wait);
	rt.n = 0;
	rt.pt.queue = NULL; /* mask only */
	pipe_poll(p, PIPE_READ_END, &rt.pt);
	KEXPECT_EQ(rt.n, 0);
	pipe_release_end(p, PIPE_READ_END);
	pipe_release_end(p, PIPE_WRITE_END);
}
