/*
 * uapi/time.h - how time crosses the syscall boundary.
 *
 * Every time value is a 64-bit count of seconds since 1970-01-01 00:00:00 UTC plus a sub-second
 * part; clocks are named by small integers (CLOCK_REALTIME is wall time, CLOCK_MONOTONIC only
 * ever moves forward and is what timeouts should use).
 */
#ifndef NIDO_UAPI_TIME_H
#define NIDO_UAPI_TIME_H

#include "types.h"

/* nanosleep, clock_gettime, stat times, ... */
struct UAPI(timespec) {
	int64_t tv_sec;
	int64_t tv_nsec;	/* 0 .. 999999999 */
};
UAPI_SIZE(struct UAPI(timespec), 16);

/* gettimeofday, select, setitimer, getrusage */
struct UAPI(timeval) {
	int64_t tv_sec;
	int64_t tv_usec;	/* 0 .. 999999 */
};
UAPI_SIZE(struct UAPI(timeval), 16);

/* gettimeofday's second argument; Linux keeps it only for compatibility (always zeros here) */
struct UAPI(timezone) {
	int32_t tz_minuteswest;
	int32_t tz_dsttime;
};

/* setitimer/getitimer: fire after it_value, then every it_interval (0 = once) */
struct UAPI(itimerval) {
	struct UAPI(timeval) it_interval;
	struct UAPI(timeval) it_value;
};

struct UAPI(itimerspec) {
	struct UAPI(timespec) it_interval;
	struct UAPI(timespec) it_value;
};

/* times(): CPU time in clock ticks (AT_CLKTCK per second, 100 on Linux and nido) */
struct UAPI(tms) {
	int64_t tms_utime;
	int64_t tms_stime;
	int64_t tms_cutime;	/* of waited-for children */
	int64_t tms_cstime;
};
UAPI_SIZE(struct UAPI(tms), 32);

/* clock ids */
#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7

/* clock_nanosleep flags: the time is an absolute deadline, not a duration */
#define TIMER_ABSTIME	1

/* setitimer/getitimer which */
#define ITIMER_REAL	0	/* wall time; delivers SIGALRM */
#define ITIMER_VIRTUAL	1	/* user CPU time; SIGVTALRM */
#define ITIMER_PROF	2	/* user + system CPU time; SIGPROF */

#endif
