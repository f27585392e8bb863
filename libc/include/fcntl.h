/*
 * fcntl.h - open(), openat(), creat() and fcntl(), with the O_*, AT_* and F_* constants.
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <bits/uapi.h>
#include <uapi/fcntl.h>

/* open(path, flags) or open(path, flags, mode): mode is read only when O_CREAT or O_TMPFILE */
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif
