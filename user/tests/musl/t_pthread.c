/*
 * t_pthread.c - an unmodified musl program using POSIX threads: pthread_create/join, a mutex
 * and a condition variable (futex underneath), thread-local storage (arch_prctl ARCH_SET_FS
 * for every thread), and pthread_self/gettid being distinct per thread. Built only with
 * musl-gcc: nido's own libc has no thread library.
 */
#include <pthread.h>

#include "../tap.h"

#define NTHREADS 4
#define ROUNDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;		/* protected by lock */
static int arrived;		/* protected by lock */
static _Thread_local int tls_value = 7;

struct result {
	int index;
	int tls_before, tls_after;
	pid_t tid;
	pthread_t self;
};

static void *worker(void *arg)
{
	struct result *r = arg;

	r->tls_before = tls_value;	/* every thread starts with the initial value */
	tls_value = 100 + r->index;
	r->tid = gettid();
	r->self = pthread_self();
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	/* a barrier made of a mutex and a condition variable */
	pthread_mutex_lock(&lock);
	if (++arrived == NTHREADS)
		pthread_cond_broadcast(&cond);
	while (arrived < NTHREADS)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	r->tls_after = tls_value;	/* nobody else's write reached this thread's copy */
	return (void *)(long)(r->index * 2);
}

int main(void)
{
	pthread_t t[NTHREADS];
	struct result res[NTHREADS];
	int created = 0, joined = 0, ok_tls = 1, ok_ids = 1;

	tls_value = 1;
	for (int i = 0; i < NTHREADS; i++) {
		res[i] = (struct result){ .index = i };
		if (pthread_create(&t[i], NULL, worker, &res[i]) == 0)
			created++;
	}
	CHECK_EQ(created, NTHREADS, "pthread_create starts 4 threads");
	for (int i = 0; i < created; i++) {
		void *ret;

		if (pthread_join(t[i], &ret) == 0 && (long)ret == i * 2)
			joined++;
	}
	CHECK_EQ(joined, created, "pthread_join returns each thread's result");
	CHECK_EQ(counter, (long)created * ROUNDS, "mutex-protected counter is exact");
	for (int i = 0; i < created; i++) {
		ok_tls &= res[i].tls_before == 7 && res[i].tls_after == 100 + i;
		ok_ids &= res[i].tid != getpid() && !pthread_equal(res[i].self, pthread_self());
		for (int j = 0; j < i; j++)
			ok_ids &= res[i].tid != res[j].tid;
	}
	CHECK(ok_tls, "each thread has its own _Thread_local copy");
	CHECK_EQ(tls_value, 1, "the main thread's copy is untouched");
	CHECK(ok_ids, "threads have distinct tids and pthread_self values");
	return tap_done();
}
