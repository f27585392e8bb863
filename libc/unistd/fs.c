/*
 * fs.c - system calls on names in the file system: stat, access, directories, links, modes,
 * owners and times. The *at() forms take a directory fd that relative paths start from
 * (AT_FDCWD: the current directory).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "syscall.h"

int stat(const char *restrict path, struct stat *restrict st)
{
	return (int)__syscall_ret(__syscall(SYS_stat, path, st));
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return (int)__syscall_ret(__syscall(SYS_lstat, path, st));
}

int fstat(int fd, struct stat *st)
{
	return (int)__syscall_ret(__syscall(SYS_fstat, fd, st));
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	return (int)__syscall_ret(__syscall(SYS_newfstatat, dirfd, path, st, flags));
}

int statx(int dirfd, const char *restrict path, int flags, unsigned int mask,
	  struct statx *restrict stx)
{
	return (int)__syscall_ret(__syscall(SYS_statx, dirfd, path, flags, mask, stx));
}

int access(const char *path, int mode)
{
	return (int)__syscall_ret(__syscall(SYS_access, path, mode));
}

/* The old faccessat syscall has no flags argument; faccessat2 does. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (flags)
		return (int)__syscall_ret(__syscall(SYS_faccessat2, dirfd, path, mode, flags));
	return (int)__syscall_ret(__syscall(SYS_faccessat, dirfd, path, mode));
}

int chdir(const char *path)
{
	return (int)__syscall_ret(__syscall(SYS_chdir, path));
}

int fchdir(int fd)
{
	return (int)__syscall_ret(__syscall(SYS_fchdir, fd));
}

int chroot(const char *path)
{
	return (int)__syscall_ret(__syscall(SYS_chroot, path));
}

/*
 * The syscall returns the length (with the NUL); POSIX getcwd returns buf. As glibc does,
 * getcwd(NULL, size) allocates the buffer (PATH_MAX bytes when size is 0).
 */
char *getcwd(char *buf, size_t size)
{
	char *mem = NULL;

	if (!buf) {
		if (size == 0)
			size = PATH_MAX;
		buf = mem = malloc(size);
		if (!buf)
			return NULL;
	} else if (size == 0) {
		errno = EINVAL;
		return NULL;
	}
	if (__syscall_ret(__syscall(SYS_getcwd, buf, size)) < 0) {
		free(mem);
		return NULL;
	}
	return buf;
}

int mkdir(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall(SYS_mkdir, path, mode));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall(SYS_mkdirat, dirfd, path, mode));
}

int rmdir(const char *path)
{
	return (int)__syscall_ret(__syscall(SYS_rmdir, path));
}

int unlink(const char *path)
{
	return (int)__syscall_ret(__syscall(SYS_unlink, path));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return (int)__syscall_ret(__syscall(SYS_unlinkat, dirfd, path, flags));
}

/* remove(): unlink a file, or rmdir a directory */
int remove(const char *path)
{
	long r = __syscall(SYS_unlink, path);

	if (r == -EISDIR)
		r = __syscall(SYS_rmdir, path);
	return (int)__syscall_ret(r);
}

int rename(const char *oldpath, const char *newpath)
{
	return (int)__syscall_ret(__syscall(SYS_rename, oldpath, newpath));
}

int link(const char *oldpath, const char *newpath)
{
	return (int)__syscall_ret(__syscall(SYS_link, oldpath, newpath));
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	return (int)__syscall_ret(__syscall(SYS_linkat, olddirfd, oldpath, newdirfd, newpath, flags));
}

int symlink(const char *target, const char *linkpath)
{
	return (int)__syscall_ret(__syscall(SYS_symlink, target, linkpath));
}

int symlinkat(const char *target, int dirfd, const char *linkpath)
{
	return (int)__syscall_ret(__syscall(SYS_symlinkat, target, dirfd, linkpath));
}

/* Note: the result is not NUL-terminated; the return value is its length. */
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return __syscall_ret(__syscall(SYS_readlink, path, buf, size));
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t size)
{
	return __syscall_ret(__syscall(SYS_readlinkat, dirfd, path, buf, size));
}

int chmod(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall(SYS_chmod, path, mode));
}

int fchmod(int fd, mode_t mode)
{
	return (int)__syscall_ret(__syscall(SYS_fchmod, fd, mode));
}

/* The fchmodat syscall has no flags argument; Linux cannot change a symlink's mode anyway. */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		errno = EINVAL;
		return -1;
	}
	if (flags) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return (int)__syscall_ret(__syscall(SYS_fchmodat, dirfd, path, mode));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__syscall(SYS_chown, path, uid, gid));
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__syscall(SYS_fchown, fd, uid, gid));
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__syscall(SYS_lchown, path, uid, gid));
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	return (int)__syscall_ret(__syscall(SYS_fchownat, dirfd, path, uid, gid, flags));
}

mode_t umask(mode_t mask)
{
	return (mode_t)__syscall(SYS_umask, mask);
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	return (int)__syscall_ret(__syscall(SYS_utimensat, dirfd, path, times, flags));
}

int futimens(int fd, const struct timespec times[2])
{
	return utimensat(fd, NULL, times, 0);
}

int utimes(const char *path, const struct timeval times[2])
{
	struct timespec ts[2];

	if (!times)
		return utimensat(AT_FDCWD, path, NULL, 0);
	for (int i = 0; i < 2; i++) {
		ts[i].tv_sec = times[i].tv_sec;
		ts[i].tv_nsec = times[i].tv_usec * 1000;
	}
	return utimensat(AT_FDCWD, path, ts, 0);
}
