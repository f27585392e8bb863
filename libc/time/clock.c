/*
 * clock.c - reading clocks, sleeping and timers: clock_gettime, time, gettimeofday, nanosleep,
 * sleep, usleep, alarm, setitimer, times, clock.
 *
 * Without a vDSO every clock read is a system call (clock_gettime, nr 228).
 */
#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return (int)__syscall_ret(__syscall(SYS_clock_gettime, clk, ts));
}

int clock_settime(clockid_t clk, const struct timespec *ts)
{
	return (int)__syscall_ret(__syscall(SYS_clock_settime, clk, ts));
}

int clock_getres(clockid_t clk, struct timespec *res)
{
	return (int)__syscall_ret(__syscall(SYS_clock_getres, clk, res));
}

/* POSIX: clock_nanosleep returns the error number itself and leaves errno alone. */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem)
{
	return (int)-__syscall(SYS_clock_nanosleep, clk, flags, req, rem);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__syscall_ret(__syscall(SYS_nanosleep, req, rem));
}

time_t time(time_t *t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

/* tz is obsolete; nido has no time zones, so it is filled with zeros when given */
int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;

	if (tz) {
		struct timezone *z = tz;

		z->tz_minuteswest = 0;
		z->tz_dsttime = 0;
	}
	if (!tv)
		return 0;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

int settimeofday(const struct timeval *tv, const struct timezone *tz)
{
	return (int)__syscall_ret(__syscall(SYS_settimeofday, tv, tz));
}

int getitimer(int which, struct itimerval *value)
{
	return (int)__syscall_ret(__syscall(SYS_getitimer, which, value));
}

int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old)
{
	return (int)__syscall_ret(__syscall(SYS_setitimer, which, value, old));
}

/* alarm() is a one-shot ITIMER_REAL; it returns the seconds left on the previous alarm. */
unsigned int alarm(unsigned int seconds)
{
	struct itimerval it = { .it_value = { .tv_sec = seconds } }, old;

	if (setitimer(ITIMER_REAL, &it, &old) < 0)
		return 0;
	/* round a partial second up, so a pending alarm never reads as none */
	return (unsigned int)old.it_value.tv_sec + (old.it_value.tv_usec != 0);
}

/* Returns 0, or the whole seconds left (rounded up) if a signal handler woke us early. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec req = { .tv_sec = seconds }, rem;

	if (nanosleep(&req, &rem) < 0)
		return (unsigned int)rem.tv_sec + (rem.tv_nsec != 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec req = { .tv_sec = usec / 1000000, .tv_nsec = (long)(usec % 1000000) * 1000 };

	return nanosleep(&req, NULL);
}

clock_t times(struct tms *buf)
{
	return __syscall_ret(__syscall(SYS_times, buf));
}

/* CPU time used by this process, in CLOCKS_PER_SEC units (microseconds). */
clock_t clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return -1;
	return ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

double difftime(time_t end, time_t start)
{
	return (double)(end - start);
}
