/*
 * timer.h - time on x86_64, for arch/x86_64/ only: the TSC clock, the LAPIC tick, the CMOS RTC.
 *
 * timer.c calibrates the TSC and the LAPIC timer against a timer of known frequency (the HPET,
 * else PIT channel 2), then runs the LAPIC timer periodically at HZ. rtc.c reads the battery-
 * backed CMOS clock once at boot. The pure conversions are exported for the host tests.
 */
#ifndef NIDO_TIMER_H
#define NIDO_TIMER_H

#include <stdint.h>
#include <stdbool.h>

/* Calibrate, start this CPU's tick, read the RTC, enable interrupts. */
void timer_init(void);
/* Start the periodic tick on an application processor (after lapic_init_cpu()). */
void timer_init_cpu(void);

/* ns = cycles * mult >> 32, computed in 128 bits so no realistic uptime overflows. */
uint64_t tsc_ns_mult(uint64_t tsc_hz);
uint64_t cycles_to_ns(uint64_t cycles, uint64_t mult);

/* A broken-down CMOS date, already decoded (binary, 24-hour, full year). */
struct rtc_time {
	int year, month, day;		/* month 1-12, day 1-31 */
	int hour, min, sec;
};

/* The CMOS registers as read: BCD or binary, 12- or 24-hour, as status register B says. */
struct rtc_raw {
	uint8_t sec, min, hour, day, month, year;
	uint8_t century;		/* 0 when the FADT names no century register */
	uint8_t status_b;
};

#define RTC_B_24H	0x02
#define RTC_B_BINARY	0x04

/* Decode raw registers into *t; 0, or -EINVAL for an impossible date. */
int rtc_decode(const struct rtc_raw *raw, struct rtc_time *t);
/* Seconds since 1970-01-01 00:00:00 UTC (the RTC is assumed to keep UTC). */
uint64_t rtc_to_unix(const struct rtc_time *t);
/* Read the RTC now and remember the boot time it implies (arch_rtc_seconds). */
void rtc_init(void);

#endif
