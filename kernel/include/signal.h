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
#include "list.h"
#include "uapi/signal.h"

struct pid;
struct proc;
struct thread;

struct proc;
struct thread;

#define SIGMASK(sig)	(1ULL << ((sig) - 1))

/* Signals waiting for delivery: a bit per signal plus the siginfo of each instance. */
struct sigpending {
	uint64_t mask;
	struct list_head queue;		/* of struct sigq_entry, in arrival order */
};

void sigpending_init(struct sigpending *sp);
void sigpending_flush_all(struct sigpending *sp);

struct sighand {
	int refcount;
	struct spinlock lock;
	struct linux_sigaction action[64];	/* index sig - 1 */
};

/* Default actions (signal(7)); sig_default_action() reads the table in signal.c. */
enum sig_default { SD_TERM, SD_CORE, SD_IGNORE, SD_STOP, SD_CONT };
int sig_default_action(int sig);

void dequeue_signal(struct sigpending *sp, int sig, struct linux_siginfo *info);
void sigpending_flush(struct sigpending *sp, uint64_t mask);
bool signal_may_send(struct thread *sender, struct proc *p, int sig);

struct sighand *sighand_alloc(void);		/* all default actions, or NULL */
struct sighand *sighand_copy(struct sighand *sh);
void sighand_put(struct sighand *sh);
/* exec: a private copy if shared, with every caught signal back to its default action */
struct sighand *sighand_unshare_reset(struct sighand *sh);

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
/* Wake t from any sleep so it notices something fatal (SIGKILL, exec, exit_group). */
void signal_wake_thread(struct thread *t);

#endif
