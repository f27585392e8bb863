/*
 * proc.c - processes and their identities: fork, exec, exit, the id getters and setters,
 * process groups and sessions, and waiting for children.
 */
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "syscall.h"

pid_t fork(void)
{
	return (pid_t)__syscall_ret(__syscall(SYS_fork));
}

/*
 * vfork() as fork(). A real vfork child shares the parent's memory and stack until it execs, so
 * the C function vfork() would return into a stack frame the child then scribbles over; doing it
 * safely needs assembly that keeps the return address in a register. fork() gives the same
 * observable behaviour to every correct vfork() caller, only slower.
 */
pid_t vfork(void)
{
	return fork();
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__syscall_ret(__syscall(SYS_execve, path, argv, envp));
}

/* End the whole process (every thread) at once: no atexit handlers, no stdio flush. */
_Noreturn void _exit(int status)
{
	for (;;) {
		__syscall(SYS_exit_group, status);
		__syscall(SYS_exit, status);
	}
}

pid_t getpid(void)
{
	return (pid_t)__syscall(SYS_getpid);
}

pid_t getppid(void)
{
	return (pid_t)__syscall(SYS_getppid);
}

pid_t gettid(void)
{
	return (pid_t)__syscall(SYS_gettid);
}

pid_t getpgrp(void)
{
	return (pid_t)__syscall(SYS_getpgrp);
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)__syscall_ret(__syscall(SYS_getpgid, pid));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__syscall_ret(__syscall(SYS_setpgid, pid, pgid));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)__syscall_ret(__syscall(SYS_getsid, pid));
}

pid_t setsid(void)
{
	return (pid_t)__syscall_ret(__syscall(SYS_setsid));
}

/* The foreground process group of the terminal on fd. */
pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	if (ioctl(fd, TIOCGPGRP, &pgrp) < 0)
		return -1;
	return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return ioctl(fd, TIOCSPGRP, &pgrp);
}

uid_t getuid(void)
{
	return (uid_t)__syscall(SYS_getuid);
}

uid_t geteuid(void)
{
	return (uid_t)__syscall(SYS_geteuid);
}

gid_t getgid(void)
{
	return (gid_t)__syscall(SYS_getgid);
}

gid_t getegid(void)
{
	return (gid_t)__syscall(SYS_getegid);
}

int setuid(uid_t uid)
{
	return (int)__syscall_ret(__syscall(SYS_setuid, uid));
}

int setgid(gid_t gid)
{
	return (int)__syscall_ret(__syscall(SYS_setgid, gid));
}

int setreuid(uid_t ruid, uid_t euid)
{
	return (int)__syscall_ret(__syscall(SYS_setreuid, ruid, euid));
}

int setregid(gid_t rgid, gid_t egid)
{
	return (int)__syscall_ret(__syscall(SYS_setregid, rgid, egid));
}

int setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	return (int)__syscall_ret(__syscall(SYS_setresuid, ruid, euid, suid));
}

int setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	return (int)__syscall_ret(__syscall(SYS_setresgid, rgid, egid, sgid));
}

int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid)
{
	return (int)__syscall_ret(__syscall(SYS_getresuid, ruid, euid, suid));
}

int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid)
{
	return (int)__syscall_ret(__syscall(SYS_getresgid, rgid, egid, sgid));
}

int getgroups(int size, gid_t list[])
{
	return (int)__syscall_ret(__syscall(SYS_getgroups, size, list));
}

int setgroups(size_t size, const gid_t *list)
{
	return (int)__syscall_ret(__syscall(SYS_setgroups, size, list));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return (pid_t)__syscall_ret(__syscall(SYS_wait4, pid, status, options, ru));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options)
{
	return (int)__syscall_ret(__syscall(SYS_waitid, idtype, id, info, options, NULL));
}

/*
 * The raw getpriority syscall answers 20 - nice (1..40) so that no valid answer looks like
 * -errno; turn it back into a nice value (-20..19).
 */
int getpriority(int which, id_t who)
{
	long r = __syscall_ret(__syscall(SYS_getpriority, which, who));

	return r < 0 ? -1 : 20 - (int)r;
}

int setpriority(int which, id_t who, int prio)
{
	return (int)__syscall_ret(__syscall(SYS_setpriority, which, who, prio));
}

int nice(int inc)
{
	int prio = getpriority(PRIO_PROCESS, 0) + inc;

	if (setpriority(PRIO_PROCESS, 0, prio) < 0)
		return -1;
	return getpriority(PRIO_PROCESS, 0);
}

int getrusage(int who, struct rusage *usage)
{
	return (int)__syscall_ret(__syscall(SYS_getrusage, who, usage));
}

int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit)
{
	return (int)__syscall_ret(__syscall(SYS_prlimit64, pid, resource, new_limit, old_limit));
}

int getrlimit(int resource, struct rlimit *rlim)
{
	return (int)__syscall_ret(__syscall(SYS_getrlimit, resource, rlim));
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	return (int)__syscall_ret(__syscall(SYS_setrlimit, resource, rlim));
}

int unshare(int flags)
{
	return (int)__syscall_ret(__syscall(SYS_unshare, flags));
}

int setns(int fd, int nstype)
{
	return (int)__syscall_ret(__syscall(SYS_setns, fd, nstype));
}

/*
 * Raw clone. With stack == NULL the child runs on a copy of the caller's stack, exactly like
 * fork(), so returning from here in both processes is safe. A caller passing a new stack must
 * not return from the function that called __clone() in the child.
 */
long __clone(unsigned long flags, void *stack, pid_t *parent_tid, pid_t *child_tid,
	     unsigned long tls)
{
	return __syscall_ret(__syscall(SYS_clone, flags, stack, parent_tid, child_tid, tls));
}

long __clone_run(int (*fn)(void *), void *stack, unsigned long flags, void *arg, pid_t *ptid,
		 void *tls, pid_t *ctid);

/*
 * clone(fn, stack, flags, arg[, ptid, tls, ctid]) - the glibc/musl interface: the child starts
 * in fn(arg) on stack (the highest address of its stack area) and exits with fn's result.
 * The three optional arguments are read whether or not they were passed, as glibc and musl do;
 * the kernel looks at each only when a flag asks for it.
 */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	va_list ap;
	pid_t *ptid, *ctid;
	void *tls;

	if (!fn || !stack) {
		errno = EINVAL;
		return -1;
	}
	va_start(ap, arg);
	ptid = va_arg(ap, pid_t *);
	tls = va_arg(ap, void *);
	ctid = va_arg(ap, pid_t *);
	va_end(ap);
	return (int)__syscall_ret(__clone_run(fn, stack, (unsigned int)flags, arg, ptid, tls, ctid));
}

long clone3(struct clone_args *args, size_t size)
{
	return __syscall_ret(__syscall(SYS_clone3, args, size));
}

int sched_yield(void)
{
	return (int)__syscall_ret(__syscall(SYS_sched_yield));
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	long r = __syscall_ret(__syscall(SYS_sched_getaffinity, pid, size, set));

	if (r < 0)
		return -1;
	/* the kernel fills in only r bytes; POSIX callers expect the rest to be zero */
	for (size_t i = (size_t)r; i < size; i++)
		((unsigned char *)set)[i] = 0;
	return 0;
}

int sched_setparam(pid_t pid, const struct sched_param *param)
{
	return (int)__syscall_ret(__syscall(SYS_sched_setparam, pid, param));
}

int sched_getparam(pid_t pid, struct sched_param *param)
{
	return (int)__syscall_ret(__syscall(SYS_sched_getparam, pid, param));
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	return (int)__syscall_ret(__syscall(SYS_sched_setscheduler, pid, policy, param));
}

int sched_getscheduler(pid_t pid)
{
	return (int)__syscall_ret(__syscall(SYS_sched_getscheduler, pid));
}

int sched_getcpu(void)
{
	unsigned int cpu;

	if (__syscall_ret(__syscall(SYS_getcpu, &cpu, NULL, NULL)) < 0)
		return -1;
	return (int)cpu;
}
