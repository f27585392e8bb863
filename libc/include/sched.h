/*
 * sched.h - yielding the CPU, scheduling parameters, and the namespace calls
 * (unshare, setns) with the CLONE_* flags.
 */
#ifndef _SCHED_H
#define _SCHED_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/sched.h>
#include <uapi/time.h>

typedef struct { unsigned long __bits[16]; } cpu_set_t;

int sched_yield(void);
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set);
int sched_setparam(pid_t pid, const struct sched_param *param);
int sched_getparam(pid_t pid, struct sched_param *param);
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
int sched_getscheduler(pid_t pid);
int sched_getcpu(void);
int unshare(int flags);
int setns(int fd, int nstype);

/*
 * Raw clone(): flags with the exit signal in the low byte, a new stack (or NULL to run on a
 * copy of the caller's, like fork), and where to store tids. Returns 0 in the child.
 */
long __clone(unsigned long flags, void *stack, pid_t *parent_tid, pid_t *child_tid,
	     unsigned long tls);
long clone3(struct clone_args *args, size_t size);

/*
 * clone(fn, stack, flags, arg[, pid_t *ptid, void *tls, pid_t *ctid]): the child runs fn(arg)
 * on stack (the top of a caller-allocated area) and exits with its result; returns the child's
 * tid. Used for threads (CLONE_VM|CLONE_THREAD|...). The child may not use errno-setting libc
 * calls that race with the parent: nido's libc has no thread-local storage.
 */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);

#define CPU_ZERO(s)	do { for (int __i = 0; __i < 16; __i++) (s)->__bits[__i] = 0; } while (0)
#define CPU_SET(c, s)	((s)->__bits[(c) / 64] |= 1ul << ((c) % 64))
#define CPU_ISSET(c, s)	(((s)->__bits[(c) / 64] >> ((c) % 64)) & 1)

#endif
