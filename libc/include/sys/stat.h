/*
 * sys/stat.h - file status (struct stat, from uapi/stat.h) and the calls that read or change
 * a file's mode.
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/stat.h>
#include <uapi/fcntl.h>

/* the pre-2008 names for the seconds of the three times */
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

int stat(const char *restrict path, struct stat *restrict st);
int lstat(const char *restrict path, struct stat *restrict st);
int fstat(int fd, struct stat *st);
int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags);
int statx(int dirfd, const char *restrict path, int flags, unsigned int mask,
	  struct statx *restrict stx);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);
mode_t umask(mode_t mask);
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);

#endif
