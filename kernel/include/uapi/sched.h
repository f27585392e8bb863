/*
 * uapi/sched.h - clone()/clone3()/unshare()/setns() flags and struct clone_args, plus the
 * scheduling policies.
 *
 * The low byte of clone()'s flags is the signal sent to the parent when the child exits
 * (SIGCHLD for a normal fork). The CLONE_NEW* bits ask for a new namespace; CLONE_NEWPID is the
 * one nido's (pspace, pid) design is about.
 */
#ifndef NIDO_UAPI_SCHED_H
#define NIDO_UAPI_SCHED_H

#include "types.h"

#define CSIGNAL			0x000000ff	/* exit signal mask */
#define CLONE_NEWTIME		0x00000080
#define CLONE_VM		0x00000100	/* share the address space */
#define CLONE_FS		0x00000200	/* share cwd, root, umask */
#define CLONE_FILES		0x00000400	/* share the fd table */
#define CLONE_SIGHAND		0x00000800	/* share signal handlers */
#define CLONE_PIDFD		0x00001000	/* return a pidfd to the parent */
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000	/* parent sleeps until the child execs or exits */
#define CLONE_PARENT		0x00008000	/* child gets the caller's parent */
#define CLONE_THREAD		0x00010000	/* same thread group */
#define CLONE_NEWNS		0x00020000	/* new mount namespace */
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000	/* set the child's FS base */
#define CLONE_PARENT_SETTID	0x00100000	/* store the child's tid at parent_tid */
#define CLONE_CHILD_CLEARTID	0x00200000	/* zero child_tid (and futex-wake) at exit */
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000	/* store the child's tid at child_tid, in the child */
#define CLONE_NEWCGROUP		0x02000000
#define CLONE_NEWUTS		0x04000000
#define CLONE_NEWIPC		0x08000000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000	/* child is pid 1 of a new pid namespace */
#define CLONE_NEWNET		0x40000000
#define CLONE_IO		0x80000000
#define CLONE_CLEAR_SIGHAND	0x100000000ull	/* clone3 only */
#define CLONE_INTO_CGROUP	0x200000000ull	/* clone3 only */

/*
 * clone3()'s argument; the caller passes its size, and the kernel accepts any published
 * version: 64 bytes (up to tls), 80 (set_tid), 88 (cgroup). Pointers are u64 on every arch.
 */
struct UAPI(clone_args) {
	uint64_t flags;		/* CLONE_* (no exit signal in here) */
	uint64_t pidfd;		/* int *: where CLONE_PIDFD stores the fd */
	uint64_t child_tid;	/* pid_t *: CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID */
	uint64_t parent_tid;	/* pid_t *: CLONE_PARENT_SETTID */
	uint64_t exit_signal;	/* what the parent gets at exit (SIGCHLD) */
	uint64_t stack;		/* lowest address of the child's stack, or 0 */
	uint64_t stack_size;
	uint64_t tls;		/* CLONE_SETTLS */
	uint64_t set_tid;	/* pid_t *: wanted pid in each pid namespace level */
	uint64_t set_tid_size;
	uint64_t cgroup;	/* CLONE_INTO_CGROUP */
};
UAPI_SIZE(struct UAPI(clone_args), 88);

#define CLONE_ARGS_SIZE_VER0	64
#define CLONE_ARGS_SIZE_VER1	80
#define CLONE_ARGS_SIZE_VER2	88

/* scheduling policies */
#define SCHED_OTHER	0
#define SCHED_FIFO	1
#define SCHED_RR	2
#define SCHED_BATCH	3
#define SCHED_IDLE	5

struct UAPI(sched_param) {
	int32_t sched_priority;
};

#endif
