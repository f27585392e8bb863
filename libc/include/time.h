/*
 * time.h - calendar time, clocks and sleeping.
 *
 * nido has no time zones: localtime() is gmtime(), and everything is UTC.
 */
#ifndef _TIME_H
#define _TIME_H

#include <bits/uapi.h>
#include <stddef.h>
#include <sys/types.h>
#include <uapi/time.h>

#define CLOCKS_PER_SEC	1000000l

/* broken-down time */
struct tm {
	int tm_sec;	/* 0..60 (60: leap second) */
	int tm_min;	/* 0..59 */
	int tm_hour;	/* 0..23 */
	int tm_mday;	/* 1..31 */
	int tm_mon;	/* 0..11 */
	int tm_year;	/* years since 1900 */
	int tm_wday;	/* 0..6, Sunday = 0 */
	int tm_yday;	/* 0..365 */
	int tm_isdst;	/* always 0 */
	long tm_gmtoff;	/* seconds east of UTC: always 0 */
	const char *tm_zone;	/* "UTC" */
};

time_t time(time_t *t);
clock_t clock(void);
double difftime(time_t end, time_t start);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);
size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm);
void tzset(void);

int clock_gettime(clockid_t clk, struct timespec *ts);
int clock_settime(clockid_t clk, const struct timespec *ts);
int clock_getres(clockid_t clk, struct timespec *res);
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem);
int nanosleep(const struct timespec *req, struct timespec *rem);

extern long timezone;
extern int daylight;
extern char *tzname[2];

#endif
