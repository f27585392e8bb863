/*
 * signal.h - POSIX signals: per-process actions, per-thread masks and pending sets.
 *
 * Signals are numbered 1..64 as on Linux; a set is a 64-bit mask where signal n is bit n-1.
 * The actions of a process live in a struct sighand that CLONE_SIGHAND shares.
 */
#ifndef NIDO_SIGNAL_H
#define NIDO_SIGNAL_H

#include <stdint.h>
#include <stdbool.h>
#include "spinlock.h"
#include "uapi/signal.h"

struct proc;
struct thread;

#define SIGMASK(sig)	(1ULL << ((sig) - 1))

struct sighand {
	int refcount;
	struct spinlock lock;
	struct linux_sigaction action[64];	/* index sig - 1 */
};

struct sighand *sighand_alloc(void);		/* all default actions, or NULL */
struct sighand *sighand_copy(struct sighand *sh);
void sighand_put(struct sighand *sh);
void sighand_reset_on_exec(struct sighand *sh);	/* handled signals go back to default */

/*
 * Send sig to a process / a thread. sender is the sending thread (NULL: the kernel). Returns 0
 * or -errno (ESRCH, EPERM, EINVAL).
 */
int send_signal_proc(struct proc *p, int sig, struct thread *sender);
int send_signal_thread(struct thread *t, int sig, struct thread *sender);

/* Send sig to every process of a process group (kill(-pgrp), tty signals). 0 or -ESRCH. */
int send_signal_pgrp(struct pid *pgrp, int sig, struct thread *sender);

/* Send a fault signal (SIGSEGV, SIGILL, ...) to the current thread: it cannot be ignored. */
void force_signal_fault(int sig, int code, uintptr_t addr);

/* SIGCHLD to parent about child (code CLD_EXITED/KILLED/DUMPED/STOPPED/CONTINUED). */
void send_sigchld(struct proc *child, struct proc *parent, int code);

/* Is sig ignored (SIG_IGN or default-ignore) or blocked by t? (tty background checks) */
bool signal_is_ignored_or_blocked(struct thread *t, int sig);

/* SIGPIPE to the calling thread after a write to a pipe with no reader. */
void send_sigpipe_current(void);

/* Act on pending signals before returning to user space. */
void signal_deliver_pending(void);

#endif
