/*
 * signal.h - signals: sending them, catching them, blocking them.
 *
 * nido's libc uses the kernel's structures as they are: sigset_t is the kernel's 64-bit mask and
 * struct sigaction is the kernel's 32-byte struct (uapi/signal.h), so sigaction() only has to add
 * SA_RESTORER and its restorer before passing the struct down.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/signal.h>
#include <uapi/time.h>

typedef linux_sigset_t sigset_t;
typedef struct siginfo siginfo_t;
typedef struct sigaltstack stack_t;
typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
int tkill(pid_t tid, int sig);
int tgkill(pid_t tgid, pid_t tid, int sig);
sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigwait(const sigset_t *restrict set, int *restrict sig);
int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info);
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);
int sigqueue(pid_t pid, int sig, const union sigval value);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

void psignal(int sig, const char *s);

#endif
