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
#include "signal.h"
#include <arch.h>

struct pid;
struct pspace;
struct mm;
struct files;
struct fs_context;
struct sighand;
struct tty;

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
	int refcount;			/* 1 while it can run, +1 while it is its process's leader */
	struct pid *pid;		/* this thread's identity (its tid at every level) */
	struct list_head pid_link;	/* attached to pid as PIDTYPE_PID */
	struct proc *proc;		/* the process it belongs to */
	struct list_head proc_link;	/* in proc->threads, under proc->lock */

	/* scheduling (sched.c, under the run-queue lock) */
	enum thread_state state;
	int on_rq;
	uint64_t vruntime;		/* weighted CPU time, ns: the fair-share clock */
	struct list_head rq_link;
	int need_resched;
	int on_cpu_blocked;		/* counted in the blocked-threads total (loadavg) */
	uint64_t exec_start;		/* clock when it last started running */

	/* kernel stack and saved context (arch) */
	void *kstack_top;
	uintptr_t ksp;			/* saved kernel stack pointer while switched out */
	struct arch_thread arch;	/* fs base, FPU state, user register frame pointer */

	/* set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken at exit */
	int *clear_child_tid;		/* user address */
	struct vfork_done *vfork_done;	/* parent waiting in vfork() until we exec or exit */
	int exec_kill;			/* another thread is exec'ing: exit at the next chance */

	/* signals (signal.c), under proc->sighand->lock */
	uint64_t sig_blocked;
	uint64_t saved_sigmask;		/* restored after sigsuspend's handler */
	int restore_sigmask;
	struct sigpending pending;	/* directed at this thread (tkill, faults) */
	uintptr_t altstack_sp;		/* sigaltstack */
	size_t altstack_size;
	int altstack_flags;

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
	struct list_head tgid_link, pgrp_link, session_link;	/* attachments to those pids */
	struct pspace *pspace_for_children;	/* where children are born (unshare/setns) */

	struct proc *parent;		/* real parent; reaper after reparenting */
	struct list_head children;	/* of struct proc, via sibling */
	struct list_head sibling;
	struct list_head threads;	/* of struct thread */
	struct thread *leader;		/* the first thread: its pid is the tgid */
	int nthreads;
	struct list_head all_link;	/* in the global process list */

	struct mm *mm;
	struct files *files;
	struct fs_context *fs;
	struct sighand *sighand;
	struct sigpending shared_pending;	/* directed at the process (kill) */
	int stopped;			/* job-control stopped */
	int notify_cont;		/* SIGCHLD CLD_CONTINUED still to send to the parent */
	int group_stop_sig;		/* the signal that stopped it */
	struct cred cred;

	int exit_signal;		/* sent to the parent at exit (SIGCHLD) */
	int exiting;			/* exit_group in progress: other threads must die */
	int zombie;			/* exited, waiting to be reaped */
	int exit_status;		/* wait status word */
	int stop_report;		/* a stop (W_STOPCODE) not yet reported to wait */
	int cont_report;		/* a continue not yet reported to wait (WCONTINUED) */
	int nice;			/* -20..19, shared by the threads */
	int did_exec;			/* setpgid on a child that has exec'd: EACCES */
	int pdeath_signal;		/* prctl(PR_SET_PDEATHSIG) */
	struct tty *ctty;		/* controlling terminal of the session, or NULL */
	struct linux_rlimit_pair {
		uint64_t cur, max;
	} rlim[16];			/* getrlimit/setrlimit, RLIMIT_* */
	uint64_t itimer_real_deadline;	/* ITIMER_REAL: absolute ns, 0 = off */
	uint64_t itimer_real_interval;
	struct waitqueue child_wait;	/* parent sleeps here in wait4 */
	uint64_t start_ns;		/* boot-relative start time */
	uint64_t cutime_ns, cstime_ns;	/* reaped children's CPU time */
	char comm[TASK_COMM_LEN];
	char exe_path[256];		/* what /proc/PID/exe names */
};

#define PROC_MAGIC	0x50524f43u	/* "PROC" */
#define THREAD_MAGIC	0x54485244u	/* "THRD" */

extern struct spinlock proc_table_lock;	/* the process tree: parent/children/all_procs */
extern struct list_head all_procs;
extern struct proc *init_proc;			/* the root pspace's init */

struct thread *thread_alloc(struct proc *p);	/* with a kernel stack; not yet runnable */
void thread_put(struct thread *t);		/* drop a reference; the last frees it */
/* The scheduler has switched away from an exited thread for good: free its stack, drop its ref. */
void thread_dead(struct thread *t);
/* A kernel thread (no user space) in process p (or NULL), running fn(arg); sched_add() it. */
struct thread *kthread_start(struct proc *p, void (*fn)(void *), void *arg);
struct proc *proc_alloc(void);
void proc_free(struct proc *p);

/* Find a thread / process by its number in pspace ps; NULL when not visible there. */
struct thread *thread_find_by_nr(struct pspace *ps, int nr);
struct proc *proc_find_by_nr(struct pspace *ps, int nr);
/* Number of a pid as the caller sees it (0 when invisible). */
int nr_for_current(const struct pid *pid);

/* Start the first user program. Returns only on failure (negative errno). */
int proc_start_init(const char *path, char *const argv[], char *const envp[]);

/* A process group is orphaned when no member has a parent in the same session but another group. */
bool pgrp_is_orphaned(struct pid *pgrp);
void proc_release_zombie(struct proc *p);	/* wait() reaped it: free numbers and structs */
int kernel_execve(const char *path, char *const argv[], char *const envp[]);
void exec_kill_other_threads(struct proc *p);	/* exec: the caller becomes the only thread */
/* main.c: process 1 could not exec anything; the kernel keeps the console alive instead. */
__attribute__((__noreturn__)) void init_exec_failed(void);

/* Terminate the whole process with a wait status (exit_group). */
__attribute__((__noreturn__)) void proc_exit_group(int status);
__attribute__((__noreturn__)) void thread_exit(int status);

/* The thread running on this CPU, and its process. */
struct thread *current_thread(void);
static inline struct proc *current_proc(void) { return current_thread()->proc; }

/* The caller's pspace: where its numbers are translated. */
struct pspace *current_pspace(void);

#endif
