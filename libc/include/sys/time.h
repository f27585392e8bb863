/*
 * sys/time.h - microsecond time: gettimeofday(), interval timers, select(), utimes().
 */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/time.h>
#include <sys/select.h>

int gettimeofday(struct timeval *restrict tv, void *restrict tz);
int settimeofday(const struct timeval *tv, const struct timezone *tz);
int getitimer(int which, struct itimerval *value);
int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old);
int utimes(const char *path, const struct timeval times[2]);

#define timerisset(t)	((t)->tv_sec || (t)->tv_usec)
#define timerclear(t)	((t)->tv_sec = (t)->tv_usec = 0)

#endif
