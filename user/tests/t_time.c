/*
 * t_time.c - clocks and sleeping: the monotonic clock only moves forward, nanosleep sleeps at
 * least as long as asked, the realtime clock tells the date, and bad arguments are EINVAL.
 */
#include <time.h>
#include <sys/syscall.h>

#include "tap.h"

static long long ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(void)
{
	struct timespec a, b, res, req = { 0, 100 * 1000000L }, bad = { 0, 1000000000L };

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0, "clock_gettime(CLOCK_MONOTONIC)");
	CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000L, "tv_nsec is within a second");
	int monotonic = 1;

	for (int i = 0; i < 1000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		monotonic &= ns(&b) >= ns(&a);
		a = b;
	}
	CHECK(monotonic, "1000 readings never go backwards");
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK_EQ(nanosleep(&req, NULL), 0, "nanosleep 100 ms");
	clock_gettime(CLOCK_MONOTONIC, &b);
	long long slept = ns(&b) - ns(&a);

	CHECK(slept >= 100000000LL, "at least 100 ms passed (%lld us)", slept / 1000);
	CHECK(slept < 5000000000LL, "and less than 5 s");
	CHECK_ERRNO(nanosleep(&bad, NULL), EINVAL, "nanosleep with tv_nsec = 1e9");
	bad.tv_sec = -1;
	bad.tv_nsec = 0;
	CHECK_ERRNO(nanosleep(&bad, NULL), EINVAL, "nanosleep with tv_sec < 0");
	CHECK_ERRNO(clock_gettime(12345, &a), EINVAL, "clock_gettime of an unknown clock");

	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &a), 0, "clock_gettime(CLOCK_REALTIME)");
	CHECK(a.tv_sec > 1577836800, "the realtime clock is past 2020-01-01 (%lld)",
	      (long long)a.tv_sec);
	time_t t = time(NULL);

	CHECK(t >= a.tv_sec && t - a.tv_sec < 5, "time() agrees with CLOCK_REALTIME");
	CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(&res) > 0 && ns(&res) <= 10000000,
	      "clock_getres(CLOCK_MONOTONIC) is positive and at most 10 ms");

	/* clock_nanosleep on an absolute monotonic deadline */
	clock_gettime(CLOCK_MONOTONIC, &a);
	b = a;
	b.tv_nsec += 50 * 1000000L;
	if (b.tv_nsec >= 1000000000L) {
		b.tv_sec++;
		b.tv_nsec -= 1000000000L;
	}
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &b, NULL), 0,
		 "clock_nanosleep(TIMER_ABSTIME) 50 ms ahead");
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK(ns(&a) >= ns(&b), "woke up no earlier than the deadline");
	return tap_done();
}
