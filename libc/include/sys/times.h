/*
 * sys/times.h - times(): CPU time of this process and its waited-for children, in clock ticks.
 */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/time.h>

clock_t times(struct tms *buf);

#endif
