/*
 * rtc.c - the battery-backed CMOS real-time clock: the date and time when the machine booted.
 *
 * The model: the MC146818-compatible RTC keeps seconds, minutes, hours, day, month and a
 * two-digit year in CMOS registers 0x00-0x09, reached by writing the register number to port
 * 0x70 and reading port 0x71. Status register B says how they are encoded: BCD or binary, 12- or
 * 24-hour (in 12-hour mode bit 7 of the hour means PM). The FADT may name a CMOS register that
 * holds the century. Once a second the chip updates its registers; while status register A's
 * "update in progress" bit is set they may be inconsistent, so the registers are read after it
 * clears, twice, until two reads agree.
 *
 * The RTC is read once, at boot (rtc_init from timer_init); arch_rtc_seconds() is the wall-clock
 * second that boot corresponds to. The kernel's time-of-day is that plus arch_clock_ns().
 */
#include "kernel.h"
#include "spinlock.h"
#include "ktest.h"
#include "uapi/errno.h"
#include <arch.h>
#include "x86.h"
#include "acpi.h"
#include "apic.h"
#include "timer.h"

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define RTC_SEC		0x00
#define RTC_MIN		0x02
#define RTC_HOUR	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a	/* bit 7: update in progress; bits 3:0 periodic rate */
#define RTC_STATUS_B	0x0b	/* bit 6: periodic interrupt enable; encoding bits (timer.h) */
#define RTC_STATUS_C	0x0c	/* interrupt flags; reading acknowledges the interrupt */
#define RTC_A_UIP	0x80
#define RTC_B_PIE	0x40
#define RTC_HOUR_PM	0x80
#define RTC_IRQ		8

/* cmos_lock: the index and data ports are one two-step operation. */
static struct spinlock cmos_lock = SPINLOCK_INIT("cmos");
static uint64_t boot_seconds;
static bool boot_seconds_valid;

/* Caller holds cmos_lock. */
static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static void cmos_write(uint8_t reg, uint8_t value)
{
	outb(CMOS_INDEX, reg);
	outb(CMOS_DATA, value);
}

/* A register value in the RTC's encoding: BCD (0x59 is 59) unless status B says binary. */
static int decode(uint8_t v, bool bcd)
{
	return bcd ? (v >> 4) * 10 + (v & 0x0f) : v;
}

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static const uint8_t days_in_month[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

int rtc_decode(const struct rtc_raw *raw, struct rtc_time *t)
{
	bool bcd = !(raw->status_b & RTC_B_BINARY);
	bool pm = !(raw->status_b & RTC_B_24H) && (raw->hour & RTC_HOUR_PM);

	t->sec = decode(raw->sec, bcd);
	t->min = decode(raw->min, bcd);
	t->hour = decode(raw->hour & ~RTC_HOUR_PM, bcd);
	t->day = decode(raw->day, bcd);
	t->month = decode(raw->month, bcd);
	t->year = decode(raw->year, bcd);
	if (raw->century)
		t->year += decode(raw->century, bcd) * 100;
	else
		t->year += t->year < 70 ? 2000 : 1900;	/* no century register: 1970-2069 */
	if (!(raw->status_b & RTC_B_24H)) {
		if (t->hour < 1 || t->hour > 12)
			return -EINVAL;
		t->hour = t->hour % 12 + (pm ? 12 : 0);	/* 12 AM is 0, 12 PM is 12 */
	}
	if (t->sec > 59 || t->min > 59 || t->hour > 23 || t->month < 1 || t->month > 12 ||
	    t->day < 1 || t->year < 1970)
		return -EINVAL;
	int mdays = days_in_month[t->month - 1] + (t->month == 2 && is_leap(t->year));
	if (t->day > mdays)
		return -EINVAL;
	return 0;
}

uint64_t rtc_to_unix(const struct rtc_time *t)
{
	uint64_t days = 0;

	for (int y = 1970; y < t->year; y++)
		days += is_leap(y) ? 366 : 365;
	for (int m = 1; m < t->month; m++)
		days += days_in_month[m - 1] + (m == 2 && is_leap(t->year));
	days += t->day - 1;
	return ((days * 24 + t->hour) * 60 + t->min) * 60 + t->sec;
}

/* Wait for the end of an update, then read every register once. Caller holds cmos_lock. */
static void read_raw_once(struct rtc_raw *raw)
{
	for (int spins = 0; (cmos_read(RTC_STATUS_A) & RTC_A_UIP) && spins < 1000000; spins++)
		arch_cpu_relax();
	raw->sec = cmos_read(RTC_SEC);
	raw->min = cmos_read(RTC_MIN);
	raw->hour = cmos_read(RTC_HOUR);
	raw->day = cmos_read(RTC_DAY);
	raw->month = cmos_read(RTC_MONTH);
	raw->year = cmos_read(RTC_YEAR);
	raw->century = acpi.century ? cmos_read(acpi.century) : 0;
	raw->status_b = cmos_read(RTC_STATUS_B);
}

static bool raw_equal(const struct rtc_raw *a, const struct rtc_raw *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->month == b->month && a->year == b->year && a->century == b->century &&
	       a->status_b == b->status_b;
}

/* Read the RTC until two reads agree; seconds since 1970, or 0 when it makes no sense. */
static uint64_t rtc_read_now(void)
{
	struct rtc_raw a, b;
	struct rtc_time t;

	spin_lock(&cmos_lock);
	read_raw_once(&b);
	int tries = 0;
	do {
		a = b;
		read_raw_once(&b);
	} while (!raw_equal(&a, &b) && ++tries < 10);
	spin_unlock(&cmos_lock);
	if (rtc_decode(&b, &t) < 0)
		return 0;
	return rtc_to_unix(&t);
}

void rtc_init(void)
{
	uint64_t now = rtc_read_now();

	if (now == 0) {
		kprintf("rtc: the CMOS clock holds no valid date\n");
		return;
	}
	boot_seconds = now - arch_clock_ns() / 1000000000ULL;
	boot_seconds_valid = true;
}

uint64_t arch_rtc_seconds(void)
{
	if (!boot_seconds_valid)
		rtc_init();
	return boot_seconds;
}

/* ---- tests ---- */

KTEST(time, rtc_decode_formats)
{
	struct rtc_time t;
	/* BCD, 24-hour, no century register: 2024-01-01 00:00:00. */
	struct rtc_raw r = { .sec = 0, .min = 0, .hour = 0, .day = 1, .month = 1, .year = 0x24,
			     .status_b = RTC_B_24H };

	KEXPECT_EQ(rtc_decode(&r, &t), 0);
	KEXPECT_EQ(rtc_to_unix(&t), 1704067200);
	/* BCD, 12-hour, century register: 2000-02-29 12:34:56 is 12 PM. */
	r = (struct rtc_raw){ .sec = 0x56, .min = 0x34, .hour = 0x12 | RTC_HOUR_PM, .day = 0x29,
			      .month = 0x02, .year = 0x00, .century = 0x20 };
	KEXPECT_EQ(rtc_decode(&r, &t), 0);
	KEXPECT_EQ(t.hour, 12);
	KEXPECT_EQ(rtc_to_unix(&t), 951827696);
	/* 12 AM is hour 0; 11 PM is hour 23. */
	r.hour = 0x12;
	KEXPECT_EQ(rtc_decode(&r, &t), 0);
	KEXPECT_EQ(t.hour, 0);
	r.hour = 0x11 | RTC_HOUR_PM;
	KEXPECT_EQ(rtc_decode(&r, &t), 0);
	KEXPECT_EQ(t.hour, 23);
	/* Binary, 24-hour: 1999-12-31 23:59:59. */
	r = (struct rtc_raw){ .sec = 59, .min = 59, .hour = 23, .day = 31, .month = 12,
			      .year = 99, .status_b = RTC_B_24H | RTC_B_BINARY };
	KEXPECT_EQ(rtc_decode(&r, &t), 0);
	KEXPECT_EQ(rtc_to_unix(&t), 946684799);
	/* Impossible dates. */
	r.month = 13;
	KEXPECT_EQ(rtc_decode(&r, &t), -EINVAL);
	r.month = 2;
	r.day = 30;
	KEXPECT_EQ(rtc_decode(&r, &t), -EINVAL);
}

KTEST(time, rtc_boot_time_sane)
{
	uint64_t boot = arch_rtc_seconds();

	KEXPECT(boot >= 1577836800ULL);		/* 2020-01-01 */
	KEXPECT(boot < 4102444800ULL);		/* 2100-01-01 */
	/* The RTC now and boot time + uptime agree within two seconds. */
	uint64_t now = rtc_read_now();
	uint64_t est = boot + arch_clock_ns() / 1000000000ULL;
	KEXPECT(now + 2 >= est && est + 2 >= now);
}

static void rtc_irq(void *ctx)
{
	(void)ctx;
	spin_lock(&cmos_lock);
	cmos_read(RTC_STATUS_C);	/* acknowledge, or the RTC raises no further interrupt */
	spin_unlock(&cmos_lock);
}

/*
 * A real device interrupt through the IOAPIC: the RTC's periodic interrupt on ISA IRQ 8 at
 * 64 Hz (rate 10: 32768 >> 9). Over 100 ms about 6 arrive.
 */
KTEST(irq, rtc_periodic_interrupt_arrives)
{
	uint64_t before = irq_count(RTC_IRQ);

	KEXPECT_EQ(arch_irq_request(RTC_IRQ, rtc_irq, NULL), 0);
	spin_lock(&cmos_lock);
	uint8_t a = cmos_read(RTC_STATUS_A), b = cmos_read(RTC_STATUS_B);
	cmos_write(RTC_STATUS_A, (a & 0xf0) | 10);
	cmos_write(RTC_STATUS_B, b | RTC_B_PIE);
	cmos_read(RTC_STATUS_C);
	spin_unlock(&cmos_lock);

	unsigned long flags = arch_irq_save();
	arch_irq_enable();
	uint64_t start = arch_clock_ns();
	while (arch_clock_ns() - start < 100000000ULL)
		arch_wait_for_interrupt();
	arch_irq_restore(flags);

	spin_lock(&cmos_lock);
	cmos_write(RTC_STATUS_B, b);
	cmos_write(RTC_STATUS_A, a);
	cmos_read(RTC_STATUS_C);
	spin_unlock(&cmos_lock);
	irq_release(RTC_IRQ);
	uint64_t got = irq_count(RTC_IRQ) - before;
	KEXPECT(got >= 2);
	KEXPECT(got <= 20);
}
