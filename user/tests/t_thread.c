/*
 * t_thread.c - threads without a thread library: clone(CLONE_VM|CLONE_THREAD|...) starts four
 * tasks in one address space, they count into shared memory with atomic adds, and the main
 * thread waits for each through CLONE_CHILD_CLEARTID and futex(FUTEX_WAIT), as pthread_join
 * does. Each thread has its own tid but the process's pid.
 *
 * The thread function uses only raw system calls and atomics: nido's libc has no per-thread
 * errno, and a thread started by clone() directly has no thread-local storage of its own.
 */
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#include "tap.h"

#ifndef FUTEX_WAIT
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#endif

#define NTHREADS 4
#define STACK (64 * 1024)
#define ROUNDS 10000

struct thread {
	volatile pid_t ctid;	/* the kernel sets it to the tid, and zeroes it at exit */
	pid_t ptid;		/* written by the kernel in the parent (CLONE_PARENT_SETTID) */
	long tid_seen;		/* gettid() as the thread saw it */
	long pid_seen;		/* getpid() as the thread saw it */
	char *stack;
};

static long counter;
static volatile int go;

static int thread_main(void *arg)
{
	struct thread *t = arg;

	t->tid_seen = syscall(SYS_gettid);
	t->pid_seen = syscall(SYS_getpid);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		syscall(SYS_sched_yield);
	for (int i = 0; i < ROUNDS; i++)
		__atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
	return 0;
}

/*
 * Sleep on the futex until the kernel clears ctid (the thread has exited), 100 ms at a time
 * for at most 10 s. Returns 1 when the thread is gone.
 */
static int join(struct thread *t)
{
	struct timespec tick = { 0, 100 * 1000000L };
	pid_t v;

	for (int i = 0; i < 100 && (v = t->ctid) != 0; i++)
		syscall(SYS_futex, &t->ctid, FUTEX_WAIT, v, &tick, NULL, 0);
	return t->ctid == 0;
}

int main(void)
{
	struct thread th[NTHREADS];
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
		    CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	int started = 0, ids_ok = 1, joined = 0;

	for (int i = 0; i < NTHREADS; i++) {
		memset(&th[i], 0, sizeof(th[i]));
		th[i].stack = mmap(NULL, STACK, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (th[i].stack == MAP_FAILED)
			break;
		th[i].ctid = -1;
		int tid = clone(thread_main, th[i].stack + STACK, flags, &th[i], &th[i].ptid, NULL,
				&th[i].ctid);

		if (tid <= 0) {
			tap_diag("clone: %s", strerror(errno));
			break;
		}
		if (tid != th[i].ptid)
			ids_ok = 0;
		started++;
	}
	CHECK_EQ(started, NTHREADS, "clone() starts 4 threads");
	CHECK(ids_ok, "CLONE_PARENT_SETTID stores each thread's tid");
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < started; i++)
		joined += join(&th[i]);
	CHECK_EQ(joined, started, "every thread is joined through CLONE_CHILD_CLEARTID + futex");
	CHECK_EQ(counter, (long)started * ROUNDS, "atomic adds from all threads land in one memory");
	int same_pid = 1, distinct = 1;

	for (int i = 0; i < started; i++) {
		same_pid &= th[i].pid_seen == getpid();
		distinct &= th[i].tid_seen != getpid() && th[i].tid_seen == th[i].ptid;
		for (int j = 0; j < i; j++)
			distinct &= th[i].tid_seen != th[j].tid_seen;
	}
	CHECK(same_pid, "getpid() in every thread is the process's pid");
	CHECK(distinct, "gettid() in every thread is its own tid, not the pid");

	/* a thread is not a child: nothing to wait for */
	CHECK_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD, "threads are not waitable children");
	for (int i = 0; i < started; i++)
		munmap(th[i].stack, STACK);
	return tap_done();
}
