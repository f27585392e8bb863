/*
 * signal.c - sending signals, installing handlers, and signal masks.
 *
 * sigaction() passes the kernel struct sigaction (uapi/signal.h) straight through, adding
 * SA_RESTORER and libc's __restore_rt (arch/x86_64/sigrestore.S): on x86_64 the kernel does
 * not provide the code a handler returns to, libc must. signal() is sigaction() with BSD
 * semantics (SA_RESTART, handler stays installed), as glibc does.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "libc.h"
#include "syscall.h"

int kill(pid_t pid, int sig)
{
	return (int)__syscall_ret(__syscall(SYS_kill, pid, sig));
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

int tkill(pid_t tid, int sig)
{
	return (int)__syscall_ret(__syscall(SYS_tkill, tid, sig));
}

int tgkill(pid_t tgid, pid_t tid, int sig)
{
	return (int)__syscall_ret(__syscall(SYS_tgkill, tgid, tid, sig));
}

/* Signal the calling thread (not just the process), as C and POSIX require of raise(). */
int raise(int sig)
{
	return tgkill(getpid(), gettid(), sig);
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	struct sigaction k;

	if (act) {
		k = *act;
		k.sa_flags |= SA_RESTORER;
		k.sa_restorer = __restore_rt;
		act = &k;
	}
	return (int)__syscall_ret(__syscall(SYS_rt_sigaction, sig, act, old, SIGSET_SIZE));
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler, .sa_flags = SA_RESTART }, old;

	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return (int)__syscall_ret(__syscall(SYS_rt_sigprocmask, how, set, old, SIGSET_SIZE));
}

int sigpending(sigset_t *set)
{
	return (int)__syscall_ret(__syscall(SYS_rt_sigpending, set, SIGSET_SIZE));
}

/* Replace the mask with *mask and sleep until a handler runs; always -1 with EINTR. */
int sigsuspend(const sigset_t *mask)
{
	return (int)__syscall_ret(__syscall(SYS_rt_sigsuspend, mask, SIGSET_SIZE));
}

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout)
{
	return (int)__syscall_ret(__syscall(SYS_rt_sigtimedwait, set, info, timeout, SIGSET_SIZE));
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info)
{
	return sigtimedwait(set, info, NULL);
}

/* Unlike the others, sigwait reports errors as its return value, not in errno. */
int sigwait(const sigset_t *restrict set, int *restrict sig)
{
	int r;

	do
		r = sigtimedwait(set, NULL, NULL);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return errno;
	*sig = r;
	return 0;
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	return (int)__syscall_ret(__syscall(SYS_sigaltstack, ss, old));
}

int sigqueue(pid_t pid, int sig, const union sigval value)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_QUEUE;
	info.si_pid = getpid();
	info.si_uid = getuid();
	info.si_value = value;
	return (int)__syscall_ret(__syscall(SYS_rt_sigqueueinfo, pid, sig, &info));
}

int pause(void)
{
	return (int)__syscall_ret(__syscall(SYS_pause));
}

/* Signal sets: bit (sig - 1) of one 64-bit word. */
static int valid_signal(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~(sigset_t)0;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!valid_signal(sig))
		return -1;
	*set |= 1ull << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!valid_signal(sig))
		return -1;
	*set &= ~(1ull << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!valid_signal(sig))
		return -1;
	return (int)(*set >> (sig - 1) & 1);
}

void psignal(int sig, const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}
