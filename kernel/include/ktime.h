/*
 * ktime.h - the kernel's clocks: time since boot and wall-clock time, in nanoseconds.
 */
#ifndef NIDO_KTIME_H
#define NIDO_KTIME_H

#include <stdint.h>

#define NSEC_PER_SEC	1000000000LL

uint64_t time_ns_since_boot(void);	/* CLOCK_MONOTONIC / CLOCK_BOOTTIME */
uint64_t time_realtime_ns(void);	/* CLOCK_REALTIME: ns since 1970 */
int time_set_realtime_ns(uint64_t ns);	/* clock_settime(CLOCK_REALTIME) */
uint64_t time_boot_epoch_s(void);	/* wall-clock second the system booted (btime) */

#endif
