/*
 * uapi/poll.h - poll()/ppoll(): wait until one of several fds is ready.
 */
#ifndef NIDO_UAPI_POLL_H
#define NIDO_UAPI_POLL_H

#include "types.h"

struct UAPI(pollfd) {
	int32_t fd;		/* negative: ignored, revents = 0 */
	int16_t events;		/* what the caller waits for */
	int16_t revents;	/* what happened (POLLERR/POLLHUP/POLLNVAL even if not asked) */
};
UAPI_SIZE(struct UAPI(pollfd), 8);

#define POLLIN		0x0001	/* data to read */
#define POLLPRI		0x0002
#define POLLOUT		0x0004	/* writing will not block */
#define POLLERR		0x0008
#define POLLHUP		0x0010	/* the other end is gone */
#define POLLNVAL	0x0020	/* fd is not open */
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000

/* select()/pselect6(): a bit per fd */
#define FD_SETSIZE	1024

struct UAPI(fd_set) {
	uint64_t fds_bits[FD_SETSIZE / 64];
};

#endif
