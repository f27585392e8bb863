/*
 * uapi/uio.h - scatter/gather I/O: readv() and writev() take an array of these.
 */
#ifndef NIDO_UAPI_UIO_H
#define NIDO_UAPI_UIO_H

#include "types.h"

struct UAPI(iovec) {
	void *iov_base;
	size_t iov_len;
};
UAPI_SIZE(struct UAPI(iovec), 16);

#define UIO_MAXIOV	1024	/* most iovecs one call takes */

#endif
