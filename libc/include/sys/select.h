/*
 * sys/select.h - select()/pselect() and the fd_set bit-array macros.
 */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/time.h>
#include <uapi/signal.h>
#include <uapi/poll.h>

typedef struct fd_set fd_set;

#define FD_ZERO(s)	do { for (int __i = 0; __i < FD_SETSIZE / 64; __i++) \
				(s)->fds_bits[__i] = 0; } while (0)
#define FD_SET(fd, s)	((s)->fds_bits[(fd) / 64] |= (1ull << ((fd) % 64)))
#define FD_CLR(fd, s)	((s)->fds_bits[(fd) / 64] &= ~(1ull << ((fd) % 64)))
#define FD_ISSET(fd, s)	(((s)->fds_bits[(fd) / 64] >> ((fd) % 64)) & 1)

int select(int nfds, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	   struct timeval *restrict timeout);
int pselect(int nfds, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	    const struct timespec *restrict timeout, const linux_sigset_t *restrict mask);

#endif
