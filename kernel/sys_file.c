/*
 * sys_file.c - the system calls that work on an open file descriptor: read, write and their
 * vector and positioned forms, lseek, close, dup*, fcntl, ioctl, fstat, getdents64, ftruncate,
 * fsync, fchmod, fchown, fchdir.
 *
 * Each call turns its fd into a referenced struct file (fget), checks that the open file allows
 * the operation (EBADF for a read on a write-only fd, ESPIPE for a seek on a pipe), and hands
 * over to the file's ops. The file_ops see user pointers unchanged: they copy with
 * copy_to_user/copy_from_user themselves, so a bad buffer is EFAULT from the driver that found
 * it, and a partial transfer returns what was moved.
 */
#include "file.h"
#include "vfs.h"

#include "err.h"
#include "kernel.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "uapi/uio.h"

#define MAX_RW_COUNT	0x7ffff000L	/* Linux: INT_MAX rounded down to a page */

/* ioctls every file has, answered here before the driver is asked (Linux's do_vfs_ioctl) */
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
#define FIONBIO		0x5421
#define FIONREAD	0x541b

/* fget for a call that needs a real open (not O_PATH): the file or NULL (EBADF). */
static struct file *fget_io(int fd)
{
	struct file *f = fget(fd);

	if (f && (f->fmode & FMODE_PATH)) {
		file_put(f);
		return NULL;
	}
	return f;
}

/* read(2)/pread(2) on f at *pos. */
static long do_read(struct file *f, void __user *buf, size_t n, uint64_t *pos)
{
	if (!(f->fmode & FMODE_READ))
		return -EBADF;
	if (!f->ops->read)
		return -EINVAL;
	if (n == 0)
		return 0;
	if (!user_range_ok(buf, n))
		return -EFAULT;
	return f->ops->read(f, buf, MIN(n, (size_t)MAX_RW_COUNT), pos);
}

static long do_write(struct file *f, const void __user *buf, size_t n, uint64_t *pos)
{
	if (!(f->fmode & FMODE_WRITE))
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	if (n == 0)
		return 0;
	if (!user_range_ok(buf, n))
		return -EFAULT;
	return f->ops->write(f, buf, MIN(n, (size_t)MAX_RW_COUNT), pos);
}

long sys_read(int fd, void __user *buf, size_t n)
{
	struct file *f = fget_io(fd);
	long r;

	if (!f)
		return -EBADF;
	r = do_read(f, buf, n, &f->pos);
	file_put(f);
	return r;
}

long sys_write(int fd, const void __user *buf, size_t n)
{
	struct file *f = fget_io(fd);
	long r;

	if (!f)
		return -EBADF;
	r = do_write(f, buf, n, &f->pos);
	file_put(f);
	return r;
}

/* pread/pwrite: only on seekable files, at an offset of their own. */
static long positioned(int fd, void __user *buf, size_t n, int64_t off, bool write)
{
	struct file *f = fget_io(fd);
	uint64_t pos = (uint64_t)off;
	long r;

	if (!f)
		return -EBADF;
	if (off < 0)
		r = -EINVAL;
	else if (!f->ops->lseek)
		r = -ESPIPE;
	else
		r = write ? do_write(f, buf, n, &pos) : do_read(f, buf, n, &pos);
	file_put(f);
	return r;
}

long sys_pread64(int fd, void __user *buf, size_t n, int64_t off)
{
	return positioned(fd, buf, n, off, false);
}

long sys_pwrite64(int fd, const void __user *buf, size_t n, int64_t off)
{
	return positioned(fd, (void __user *)buf, n, off, true);
}

/*
 * readv/writev: one transfer per iovec, in order, stopping at the first short one. Returns the
 * total, or the error of the first segment when nothing moved.
 */
static long vectored(int fd, const struct linux_iovec __user *uiov, int cnt, bool write)
{
	struct linux_iovec *iov;
	struct file *f;
	size_t total = 0;
	long r = 0;

	if (cnt < 0 || cnt > UIO_MAXIOV)
		return -EINVAL;
	f = fget_io(fd);
	if (!f)
		return -EBADF;
	iov = kmalloc((size_t)(cnt ? cnt : 1) * sizeof(*iov));
	if (!iov) {
		file_put(f);
		return -ENOMEM;
	}
	if (copy_from_user(iov, uiov, (size_t)cnt * sizeof(*iov))) {
		r = -EFAULT;
		goto out;
	}
	for (int i = 0; i < cnt; i++) {
		if (iov[i].iov_len > (size_t)MAX_RW_COUNT - total) {
			r = -EINVAL;	/* the total must fit a ssize_t (Linux: EINVAL) */
			goto out;
		}
		total += iov[i].iov_len;
	}
	r = write ? (f->fmode & FMODE_WRITE ? 0 : -EBADF) : (f->fmode & FMODE_READ ? 0 : -EBADF);
	total = 0;
	for (int i = 0; i < cnt && r == 0; i++) {
		long n;

		if (iov[i].iov_len == 0)
			continue;
		n = write ? do_write(f, iov[i].iov_base, iov[i].iov_len, &f->pos) :
			    do_read(f, iov[i].iov_base, iov[i].iov_len, &f->pos);
		if (n < 0) {
			r = total ? 0 : n;
			break;
		}
		total += (size_t)n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	if (r == 0)
		r = (long)total;
out:
	kfree(iov);
	file_put(f);
	return r;
}

long sys_readv(int fd, const struct linux_iovec __user *iov, int cnt)
{
	return vectored(fd, iov, cnt, false);
}

long sys_writev(int fd, const struct linux_iovec __user *iov, int cnt)
{
	return vectored(fd, iov, cnt, true);
}

long sys_lseek(int fd, int64_t off, int whence)
{
	struct file *f = fget_io(fd);
	long r;

	if (!f)
		return -EBADF;
	if (whence < SEEK_SET || whence > SEEK_END)
		r = -EINVAL;
	else if (!f->ops->lseek)
		r = -ESPIPE;
	else
		r = f->ops->lseek(f, off, whence);
	file_put(f);
	return r;
}

long sys_close(int fd)
{
	return fd_close(current_proc()->files, fd);
}

long sys_dup(int oldfd)
{
	struct proc *p = current_proc();
	struct file *f = fget(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_alloc(p->files, f, 0, false, fd_limit(p));
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	struct proc *p = current_proc();

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return fd_dup_to(p->files, oldfd, newfd, flags & O_CLOEXEC, fd_limit(p));
}

long sys_dup2(int oldfd, int newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget(oldfd);

		if (!f)
			return -EBADF;
		file_put(f);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}

/* F_SETFL may change only these; the access mode and creation flags are fixed at open. */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

long sys_fcntl(int fd, int cmd, unsigned long arg)
{
	struct proc *p = current_proc();
	struct file *f = fget(fd);
	long r;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= fd_limit(p)) {
			r = -EINVAL;
			break;
		}
		file_get(f);
		r = fd_alloc(p->files, f, (int)arg, cmd == F_DUPFD_CLOEXEC, fd_limit(p));
		if (r < 0)
			file_put(f);
		break;
	case F_GETFD:
		r = fd_get_cloexec(p->files, fd);
		r = r > 0 ? FD_CLOEXEC : r;
		break;
	case F_SETFD:
		r = fd_set_cloexec(p->files, fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		r = f->flags;
		break;
	case F_SETFL:
		if (f->fmode & FMODE_PATH) {
			r = -EBADF;
			break;
		}
		__atomic_store_n(&f->flags, (f->flags & ~(unsigned)SETFL_MASK) |
					    ((unsigned)arg & SETFL_MASK), __ATOMIC_RELAXED);
		r = 0;
		break;
	case F_GETOWN:
		r = 0;		/* no SIGIO owners */
		break;
	default:
		r = -EINVAL;
	}
	file_put(f);
	return r;
}

long sys_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget_io(fd);
	long r;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		r = fd_set_cloexec(current_proc()->files, fd, cmd == FIOCLEX);
		break;
	case FIONBIO: {
		int on;

		r = get_user(on, (int __user *)arg);
		if (r == 0) {
			if (on)
				__atomic_fetch_or(&f->flags, O_NONBLOCK, __ATOMIC_RELAXED);
			else
				__atomic_fetch_and(&f->flags, ~(unsigned)O_NONBLOCK,
						   __ATOMIC_RELAXED);
		}
		break;
	}
	default:
		if (cmd == FIONREAD && S_ISREG(f->inode->mode)) {
			uint64_t size = f->inode->size;
			uint64_t left = size > f->pos ? size - f->pos : 0;
			int avail = (int)MIN(left, (uint64_t)INT32_MAX);

			r = put_user(avail, (int __user *)arg);
		} else {
			r = f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
		}
	}
	file_put(f);
	return r;
}

long sys_fstat(int fd, struct linux_stat __user *ust)
{
	struct file *f = fget(fd);
	struct linux_stat st;

	if (!f)
		return -EBADF;
	vfs_fill_stat(f->inode, &st);
	file_put(f);
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

/* getdents64: fills the user buffer record by record. */
struct getdents_ctx {
	struct dir_context ctx;
	char __user *buf;
	size_t size, used;
	int err;
};

static bool fill_dirent(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
			unsigned dtype, int64_t next)
{
	struct getdents_ctx *g = (struct getdents_ctx *)ctx;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
	char rec[offsetof(struct linux_dirent64, d_name) + VFS_NAME_MAX + 1 + 8];
	struct linux_dirent64 *d = (struct linux_dirent64 *)rec;

	if (g->used + reclen > g->size) {
		if (g->used == 0)
			g->err = -EINVAL;	/* not even one record fits */
		return false;
	}
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = next;
	d->d_reclen = (uint16_t)reclen;
	d->d_type = (uint8_t)dtype;
	memcpy(d->d_name, name, len);
	if (copy_to_user(g->buf + g->used, rec, reclen)) {
		g->err = -EFAULT;
		return false;
	}
	g->used += reclen;
	return true;
}

long sys_getdents64(int fd, void __user *dirp, unsigned int count)
{
	struct file *f = fget_io(fd);
	struct getdents_ctx g = { .ctx = { .emit = fill_dirent }, .buf = dirp, .size = count };
	long r;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode) || !f->ops->iterate) {
		file_put(f);
		return -ENOTDIR;
	}
	g.ctx.pos = (int64_t)f->pos;
	r = f->ops->iterate(f, &g.ctx);
	f->pos = (uint64_t)g.ctx.pos;
	if (r == 0)
		r = g.used ? (long)g.used : g.err;
	file_put(f);
	return r;
}

long sys_ftruncate(int fd, int64_t length)
{
	struct file *f = fget_io(fd);
	long r;

	if (!f)
		return -EBADF;
	if (length < 0 || !(f->fmode & FMODE_WRITE) || !S_ISREG(f->inode->mode))
		r = -EINVAL;
	else
		r = vfs_truncate(f->inode, (uint64_t)length);
	file_put(f);
	return r;
}

/* Everything is in memory: there is nothing to flush. */
long sys_fsync(int fd)
{
	struct file *f = fget_io(fd);

	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

long sys_sync(void)
{
	return 0;
}

long sys_fchmod(int fd, uint32_t mode)
{
	struct file *f = fget_io(fd);
	long r;

	if (!f)
		return -EBADF;
	r = vfs_chmod(f->inode, &current_proc()->cred, mode);
	file_put(f);
	return r;
}

long sys_fchown(int fd, uint32_t uid, uint32_t gid)
{
	struct file *f = fget_io(fd);
	long r;

	if (!f)
		return -EBADF;
	r = vfs_chown(f->inode, &current_proc()->cred, uid, gid);
	file_put(f);
	return r;
}

long sys_fchdir(int fd)
{
	struct proc *p = current_proc();
	struct file *f = fget(fd);
	long r;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode))
		r = -ENOTDIR;
	else
		r = vfs_permission(f->inode, &p->cred, MAY_EXEC);
	if (r == 0)
		fs_context_set_cwd(p->fs, inode_get(f->inode));
	file_put(f);
	return r;
}
