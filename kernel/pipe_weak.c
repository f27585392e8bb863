/*
 * pipe_weak.c - stand-ins for what pipes and poll call in the process core, until it lands.
 *
 * Like kernel/vfs_weak.c, every definition here is weak: the real one (signal.c, sched.c)
 * replaces it at link time, and this file can then be deleted. Until then there are no user
 * processes, so there is nobody to send SIGPIPE to, and no other thread to run while a poller
 * waits for its deadline: schedule_timeout() returns at once and the poll loop re-checks the
 * clock, which is a busy wait but a correct one.
 */
#include "kernel.h"
#include "sched.h"
#include "signal.h"

#define WEAK __attribute__((weak))

WEAK void send_sigpipe_current(void) {}

WEAK long schedule_timeout(int64_t ns)
{
	(void)ns;
	return 0;
}
