/*
 * uapi/fcntl.h - flags for open()/openat(), the *at() family and fcntl().
 *
 * Values are Linux x86_64's (octal in Linux's own headers; hex here, as strace prints them).
 * O_ACCMODE masks the access mode, which is a number (0, 1, 2), not a set of bits.
 */
#ifndef NIDO_UAPI_FCNTL_H
#define NIDO_UAPI_FCNTL_H

/* open() access modes and flags */
#define O_RDONLY	0x0
#define O_WRONLY	0x1
#define O_RDWR		0x2
#define O_ACCMODE	0x3
#define O_CREAT		0x40
#define O_EXCL		0x80
#define O_NOCTTY	0x100
#define O_TRUNC		0x200
#define O_APPEND	0x400
#define O_NONBLOCK	0x800
#define O_NDELAY	O_NONBLOCK
#define O_DSYNC		0x1000
#define O_ASYNC		0x2000
#define O_DIRECT	0x4000
#define O_LARGEFILE	0x8000		/* always on for 64-bit; accepted and ignored */
#define O_DIRECTORY	0x10000
#define O_NOFOLLOW	0x20000
#define O_NOATIME	0x40000
#define O_CLOEXEC	0x80000
#define O_SYNC		0x101000	/* __O_SYNC | O_DSYNC */
#define O_PATH		0x200000
#define O_TMPFILE	0x410000	/* __O_TMPFILE | O_DIRECTORY */

/* dirfd meaning "the current directory" for the *at() calls */
#define AT_FDCWD		(-100)

/* flags of the *at() calls */
#define AT_SYMLINK_NOFOLLOW	0x100	/* newfstatat, fchownat, utimensat, ... */
#define AT_EACCESS		0x200	/* faccessat: check with effective ids */
#define AT_REMOVEDIR		0x200	/* unlinkat: act like rmdir */
#define AT_SYMLINK_FOLLOW	0x400	/* linkat */
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000	/* operate on dirfd itself when the path is "" */
#define AT_STATX_SYNC_AS_STAT	0x0000
#define AT_STATX_FORCE_SYNC	0x2000
#define AT_STATX_DONT_SYNC	0x4000

/* renameat2() flags */
#define RENAME_NOREPLACE	0x1
#define RENAME_EXCHANGE		0x2
#define RENAME_WHITEOUT		0x4

/* fcntl() commands */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define F_DUPFD_CLOEXEC	1030

/* the one fd flag (F_GETFD/F_SETFD) */
#define FD_CLOEXEC	1

/* lseek() whence */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* access() / faccessat() mode bits */
#define F_OK		0
#define X_OK		1
#define W_OK		2
#define R_OK		4

/* close_range() flags */
#define CLOSE_RANGE_UNSHARE	0x2
#define CLOSE_RANGE_CLOEXEC	0x4

/* utimensat() special tv_nsec values */
#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

#endif
