/*
 * fd.c - system calls on file descriptors: reading, writing, seeking, duplicating, piping,
 * and waiting for readiness (poll, select).
 *
 * Each wrapper is the system call of the same name with its POSIX signature; __syscall_ret()
 * turns a -errno result into -1 and errno (internal/syscall.h).
 */
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall.h"

ssize_t read(int fd, void *buf, size_t n)
{
	return __syscall_ret(__syscall(SYS_read, fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return __syscall_ret(__syscall(SYS_write, fd, buf, n));
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return __syscall_ret(__syscall(SYS_pread64, fd, buf, n, off));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return __syscall_ret(__syscall(SYS_pwrite64, fd, buf, n, off));
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(__syscall(SYS_readv, fd, iov, iovcnt));
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(__syscall(SYS_writev, fd, iov, iovcnt));
}

/* preadv/pwritev as a loop of pread/pwrite: the kernel list has no preadv */
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t off)
{
	ssize_t total = 0;

	for (int i = 0; i < iovcnt; i++) {
		ssize_t n = pread(fd, iov[i].iov_base, iov[i].iov_len, off + total);

		if (n < 0)
			return total ? total : -1;
		total += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	return total;
}

ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t off)
{
	ssize_t total = 0;

	for (int i = 0; i < iovcnt; i++) {
		ssize_t n = pwrite(fd, iov[i].iov_base, iov[i].iov_len, off + total);

		if (n < 0)
			return total ? total : -1;
		total += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	return total;
}

int close(int fd)
{
	return (int)__syscall_ret(__syscall(SYS_close, fd));
}

int close_range(unsigned int first, unsigned int last, unsigned int flags)
{
	return (int)__syscall_ret(__syscall(SYS_close_range, first, last, flags));
}

off_t lseek(int fd, off_t off, int whence)
{
	return __syscall_ret(__syscall(SYS_lseek, fd, off, whence));
}

int dup(int fd)
{
	return (int)__syscall_ret(__syscall(SYS_dup, fd));
}

int dup2(int oldfd, int newfd)
{
	return (int)__syscall_ret(__syscall(SYS_dup2, oldfd, newfd));
}

int dup3(int oldfd, int newfd, int flags)
{
	return (int)__syscall_ret(__syscall(SYS_dup3, oldfd, newfd, flags));
}

int pipe(int fds[2])
{
	return (int)__syscall_ret(__syscall(SYS_pipe, fds));
}

int pipe2(int fds[2], int flags)
{
	return (int)__syscall_ret(__syscall(SYS_pipe2, fds, flags));
}

int fsync(int fd)
{
	return (int)__syscall_ret(__syscall(SYS_fsync, fd));
}

/* nido has no separate data-only sync; a full fsync is always a correct fdatasync */
int fdatasync(int fd)
{
	return fsync(fd);
}

int ftruncate(int fd, off_t len)
{
	return (int)__syscall_ret(__syscall(SYS_ftruncate, fd, len));
}

int truncate(const char *path, off_t len)
{
	return (int)__syscall_ret(__syscall(SYS_truncate, path, len));
}

void sync(void)
{
	__syscall(SYS_sync);
}

/* open(path, flags[, mode]): the mode argument exists only when the file may be created */
int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)__syscall_ret(__syscall(SYS_open, path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)__syscall_ret(__syscall(SYS_openat, dirfd, path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall(SYS_creat, path, mode));
}

/* fcntl(fd, cmd[, arg]): every command nido knows takes an int or a pointer, or nothing */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)__syscall_ret(__syscall(SYS_fcntl, fd, cmd, arg));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	return (int)__syscall_ret(__syscall(SYS_ioctl, fd, request, arg));
}

/* A terminal is whatever answers TCGETS; anything else fails with ENOTTY. */
int isatty(int fd)
{
	struct termios t;

	return ioctl(fd, TCGETS, &t) == 0;
}

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	return (int)__syscall_ret(__syscall(SYS_poll, fds, n, timeout_ms));
}

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout, const linux_sigset_t *mask)
{
	return (int)__syscall_ret(__syscall(SYS_ppoll, fds, n, timeout, mask, SIGSET_SIZE));
}

int select(int nfds, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	   struct timeval *restrict timeout)
{
	return (int)__syscall_ret(__syscall(SYS_select, nfds, r, w, e, timeout));
}

/* pselect6's last argument points at a (sigset pointer, sigset size) pair */
int pselect(int nfds, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	    const struct timespec *restrict timeout, const linux_sigset_t *restrict mask)
{
	long sigdata[2] = { (long)mask, SIGSET_SIZE };

	return (int)__syscall_ret(__syscall(SYS_pselect6, nfds, r, w, e, timeout, sigdata));
}
