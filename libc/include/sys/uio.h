/*
 * sys/uio.h - readv()/writev(): one system call for several buffers.
 */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/uio.h>

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t off);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t off);

#endif
