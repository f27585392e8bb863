/*
 * test_rtc.c - decoding CMOS clock registers (arch/x86_64/rtc.c) and the date arithmetic.
 *
 * Every encoding the MC146818 offers (BCD or binary, 12- or 24-hour, with or without a century
 * register), impossible dates, and rtc_to_unix() against the C library's timegm() for every day
 * from 1970 to 2099.
 */
// SOURCES: arch/x86_64/rtc.c tests/host/stubs.c
// CFLAGS: -Iarch/x86_64/include -D_DEFAULT_SOURCE
#include <time.h>
#include "check.h"
#include "stubs.h"

#include "acpi.h"
#include "timer.h"
#include <arch.h>
#include "uapi/errno.h"

/* What rtc.c needs from the rest of the kernel; the hardware paths are not run here. */
struct acpi_info acpi;
uint64_t arch_clock_ns(void) { return 0; }
int arch_irq_request(unsigned isa_irq, irq_handler_t handler, void *ctx)
{
	(void)isa_irq, (void)handler, (void)ctx;
	return -ENODEV;
}
void irq_release(unsigned isa_irq) { (void)isa_irq; }
uint64_t irq_count(unsigned isa_irq) { (void)isa_irq; return 0; }
void ktest_fail(const char *file, int line, const char *expr)
{
	(void)file, (void)line, (void)expr;
}

static uint8_t bcd(int v)
{
	return (uint8_t)((v / 10) << 4 | v % 10);
}

static void test_bcd_24h(void)
{
	struct rtc_raw r = { .sec = 0x07, .min = 0x59, .hour = 0x23, .day = 0x31, .month = 0x12,
			     .year = 0x69, .status_b = RTC_B_24H };
	struct rtc_time t;

	CHECK_EQ(rtc_decode(&r, &t), 0);
	CHECK_EQ(t.year, 2069);			/* no century register: 00-69 is 20xx */
	CHECK_EQ(t.month, 12);
	CHECK_EQ(t.day, 31);
	CHECK_EQ(t.hour, 23);
	CHECK_EQ(t.min, 59);
	CHECK_EQ(t.sec, 7);
	r.year = 0x70;
	CHECK_EQ(rtc_decode(&r, &t), 0);
	CHECK_EQ(t.year, 1970);
}

static void test_12h(void)
{
	struct rtc_raw r = { .day = 1, .month = 1, .year = 0x24, .century = 0x20 };
	struct rtc_time t;
	/* (register value, hour): BCD, bit 7 = PM. */
	static const struct { uint8_t reg; int hour; } cases[] = {
		{ 0x12, 0 }, { 0x01, 1 }, { 0x11, 11 }, { 0x80 | 0x12, 12 }, { 0x80 | 0x01, 13 },
		{ 0x80 | 0x11, 23 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r.hour = cases[i].reg;
		CHECK_EQ(rtc_decode(&r, &t), 0);
		CHECK_EQ(t.hour, cases[i].hour);
	}
	r.hour = 0x00;				/* hour 0 does not exist on a 12-hour clock */
	CHECK_EQ(rtc_decode(&r, &t), -EINVAL);
	/* Binary 12-hour: 0x8b is 11 PM. */
	r = (struct rtc_raw){ .hour = 0x8b, .day = 1, .month = 1, .year = 24,
			      .status_b = RTC_B_BINARY };
	CHECK_EQ(rtc_decode(&r, &t), 0);
	CHECK_EQ(t.hour, 23);
}

static void test_invalid(void)
{
	struct rtc_raw ok = { .day = 0x28, .month = 0x02, .year = 0x23, .status_b = RTC_B_24H };
	struct rtc_raw r;
	struct rtc_time t;

	CHECK_EQ(rtc_decode(&ok, &t), 0);
	r = ok, r.day = 0x29;			/* 2023 is not a leap year */
	CHECK_EQ(rtc_decode(&r, &t), -EINVAL);
	r.year = 0x24;				/* 2024 is */
	CHECK_EQ(rtc_decode(&r, &t), 0);
	r = ok, r.month = 0;
	CHECK_EQ(rtc_decode(&r, &t), -EINVAL);
	r = ok, r.month = 0x13;
	CHECK_EQ(rtc_decode(&r, &t), -EINVAL);
	r = ok, r.day = 0;
	CHECK_EQ(rtc_decode(&r, &t), -EINVAL);
	r = ok, r.sec = 0x60;
	CHECK_EQ(rtc_decode(&r, &t), -EINVAL);
	r = ok, r.hour = 0x24;
	CHECK_EQ(rtc_decode(&r, &t), -EINVAL);
	r = ok, r.year = 0x00, r.century = 0x21;	/* 2100 is not a leap year, 2000 was */
	r.day = 0x29;
	CHECK_EQ(rtc_decode(&r, &t), -EINVAL);
	r.century = 0x20;
	CHECK_EQ(rtc_decode(&r, &t), 0);
}

/* rtc_to_unix agrees with timegm() at a varying time of every day, 1970-2099. */
static void test_every_day(void)
{
	int mismatches = 0;

	for (time_t day = 0; day < 4102444800LL; day += 86400) {
		time_t when = day + (day / 86400) % 86400;
		struct tm tm;
		gmtime_r(&when, &tm);
		struct rtc_raw r = { .sec = bcd(tm.tm_sec), .min = bcd(tm.tm_min),
				     .hour = bcd(tm.tm_hour), .day = bcd(tm.tm_mday),
				     .month = bcd(tm.tm_mon + 1), .year = bcd(tm.tm_year % 100),
				     .century = bcd((tm.tm_year + 1900) / 100),
				     .status_b = RTC_B_24H };
		struct rtc_time t;
		if (rtc_decode(&r, &t) != 0 || rtc_to_unix(&t) != (uint64_t)when)
			mismatches++;
	}
	CHECK_EQ(mismatches, 0);
}

int main(void)
{
	RUN(test_bcd_24h);
	RUN(test_12h);
	RUN(test_invalid);
	RUN(test_every_day);
	return check_summary();
}
