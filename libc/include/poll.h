/*
 * poll.h - poll() and ppoll(): wait for any of several fds to become ready.
 */
#ifndef _POLL_H
#define _POLL_H

#include <bits/uapi.h>
#include <uapi/poll.h>
#include <uapi/signal.h>
#include <uapi/time.h>

typedef unsigned long nfds_t;

int poll(struct pollfd *fds, nfds_t n, int timeout_ms);
int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout,
	  const linux_sigset_t *mask);

#endif
