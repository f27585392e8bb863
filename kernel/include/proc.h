/*
 * proc.h - processes and threads.
 *
 * A struct proc is what user space calls a process: one address space (mm), one table of open
 * files, one current directory, credentials, a parent and children, a process group and session,
 * and one or more threads. A struct thread is what the scheduler runs: a kernel stack, saved
 * registers, a scheduling state. Every thread has its own struct pid (its tid); the process is
 * identified by its first thread's pid (the tgid), exactly as on Linux.
 *
 * No field holds a bare pid number: identity is always a struct pid (see pid.h), and numbers are
 * produced only at the system-call boundary with pid_nr_in(pid, caller's pspace).
 *
 * Resources that clone() may share (mm, files, fs, sighand) are separate refcounted objects the
 * proc points to, so CLONE_VM/CLONE_FILES/CLONE_FS/CLONE_SIGHAND are just "take another reference".
 */
#ifndef NIDO_PROC_H
#define NIDO_PROC_H

#include <stdint.h>
#include <stdbool.h>
#include "list.h"
#include "spinlock.h"
#include "wait.h"
#include <arch.h>

struct pid;
struct pspace;
struct mm;
struct files;
struct fs_context;
struct sighand;

#define TASK_COMM_LEN	16
#define NGROUPS_MAX	32

enum thread_state {
	THREAD_RUNNABLE,	/* on a run queue or running */
	THREAD_SLEEPING,	/* interruptible sleep on a wait queue */
	THREAD_BLOCKED,		/* uninterruptible sleep */
	THREAD_STOPPED,		/* job-control stop */
	THREAD_DEAD,		/* exited; its stack is freed by whoever reaps it */
};

struct cred {
	uint32_t uid, euid, suid, fsuid;
	uint32_t gid, egid, sgid, fsgid;
	int ngroups;
	uint32_t groups[NGROUPS_MAX];
};

struct thread {
	uint32_t magic;
	struct pid *pid;		/* this thread's identity (its tid at every level) */
	struct proc *proc;		/* the process it belongs to */
	struct list_head proc_link;	/* in proc->threads, under proc->lock */

	/* scheduling (sched.c, under the run-queue lock) */
	enum thread_state state;
	int on_rq;
	uint64_t vruntime;		/* weighted CPU time, ns: the fair-share clock */
	struct list_head rq_link;
	int need_resched;
	uint64_t exec_start;		/* clock when it last started running */

	/* kernel stack and saved context (arch) */
	void *kstack_top;
	uintptr_t ksp;			/* saved kernel stack pointer while switched out */
	struct arch_thread arch;	/* fs base, FPU state, user register frame pointer */

	/* set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken at exit */
	int *clear_child_tid;		/* user address */

	/* signals (signal.c) */
	uint64_t sig_blocked;
	uint64_t sig_pending;

	/* accounting */
	uint64_t utime_ns, stime_ns;
	uint64_t nvcsw, nivcsw;		/* voluntary / involuntary context switches */

	struct list_head wait_link;	/* for sleeping on a wait queue */
};

struct proc {
	uint32_t magic;
	struct spinlock lock;
	struct pid *tgid;		/* the leader's pid: the process id */
	struct pid *pgrp;		/* process group (a pid object, not a number) */
	struct pid *session;
	struct pspace *pspace_for_children;	/* where children are born (unshare/setns) */

	struct proc *parent;		/* real parent; reaper after reparenting */
	struct list_head children;	/* of struct proc, via sibling */
	struct list_head sibling;
	struct list_head threads;	/* of struct thread */
	int nthreads;
	struct list_head all_link;	/* in the global process list */

	struct mm *mm;
	struct files *files;
	struct fs_context *fs;
	struct sighand *sighand;
	struct cred cred;

	int exit_signal;		/* sent to the parent at exit (SIGCHLD) */
	int zombie;			/* exited, waiting to be reaped */
	int exit_status;		/* wait status word */
	int nice;			/* -20..19, shared by the threads */
	struct waitqueue child_wait;	/* parent sleeps here in wait4 */
	uint64_t start_ns;		/* boot-relative start time */
	uint64_t cutime_ns, cstime_ns;	/* reaped children's CPU time */
	char comm[TASK_COMM_LEN];
	char exe_path[256];		/* what /proc/PID/exe names */
};

/* The thread running on this CPU, and its process. */
struct thread *current_thread(void);
static inline struct proc *current_proc(void) { return current_thread()->proc; }

/* The caller's pspace: where its numbers are translated. */
struct pspace *current_pspace(void);

#endif
