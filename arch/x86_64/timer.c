/*
 * timer.c - the clocks: the TSC for reading time, the LAPIC timer for the periodic tick.
 *
 * The model: two counters run at frequencies nobody tells us. The TSC counts CPU cycles (or, on
 * an "invariant TSC", a fixed reference rate); it is cheap to read (rdtsc) and 64 bits wide, so it
 * is the clock: arch_clock_ns() = (rdtsc() - tsc at boot) converted to nanoseconds. The LAPIC
 * timer counts the APIC bus clock down from a start value and interrupts at zero; in periodic mode
 * it reloads itself, which gives the scheduler its tick at HZ (param.h).
 *
 * Both frequencies are measured against a timer whose frequency is known: the HPET (the ACPI
 * table gives its address; its capability register gives its period in femtoseconds), else
 * channel 2 of the 8254 PIT (1.193182 MHz, polled through port 0x61 so it needs no interrupt).
 * The measurement is CAL_WINDOWS windows of CAL_WINDOW_NS each; the median of each rate is kept,
 * so one window disturbed by the host (under emulation) does not skew the result.
 *
 * Cycles become nanoseconds as cycles * mult >> 32 with mult = 10^9 * 2^32 / tsc_hz, computed in
 * 128 bits: there is no overflow before the 64-bit nanosecond count itself wraps (584 years).
 * Without an invariant TSC (CPUID 0x80000007 EDX bit 8) the rate might change with power states
 * and the CPUs' counters might disagree, so arch_clock_ns() then also refuses to go backwards.
 */
#include "kernel.h"
#include "percpu.h"
#include "ktest.h"
#include <arch.h>
#include "x86.h"
#include "x86_64.h"
#include "trap.h"
#include "acpi.h"
#include "apic.h"
#include "timer.h"

#define NSEC_PER_SEC		1000000000ULL
#define FSEC_PER_NSEC		1000000ULL
#define CAL_WINDOW_NS		10000000ULL	/* 10 ms */
#define CAL_WINDOWS		3

#define HPET_CAP		0x000	/* bits 63:32 period in fs; bit 13 64-bit counter */
#define HPET_CONFIG		0x010	/* bit 0: counter enabled */
#define HPET_COUNTER		0x0f0
#define HPET_CAP_64BIT		(1u << 13)
#define HPET_MAX_PERIOD_FS	100000000ULL	/* the spec's slowest allowed: 10 MHz */

#define PIT_HZ			1193182ULL
#define PIT_CH2_DATA		0x42
#define PIT_MODE		0x43
#define PIT_CH2_ONESHOT		0xb0	/* channel 2, lobyte/hibyte, mode 0, binary */
#define PIT_CH2_LATCH		0x80	/* channel 2: latch the count for reading */
#define PORT_B			0x61	/* bit 0 ch. 2 gate, bit 1 speaker, bit 5 ch. 2 out */

static volatile uint64_t *hpet;
static uint64_t hpet_period_fs;
static uint64_t hpet_mask;		/* 32-bit counters wrap: differences are masked */

static uint64_t tsc_hz;
static uint64_t tsc_mult;		/* 0 until calibrated: the clock reads 0 */
static uint64_t tsc_base;		/* TSC at timer_init(): nanosecond 0 */
static bool tsc_invariant;
static uint64_t clock_last;		/* highest value returned (non-invariant TSC only) */
static uint32_t lapic_timer_hz;		/* LAPIC timer input (before its divider) */

uint64_t tsc_ns_mult(uint64_t hz)
{
	return hz ? (NSEC_PER_SEC << 32) / hz : 0;
}

uint64_t cycles_to_ns(uint64_t cycles, uint64_t mult)
{
	return (uint64_t)(((unsigned __int128)cycles * mult) >> 32);
}

/* a * b / c without overflowing the product. */
static uint64_t mul_div(uint64_t a, uint64_t b, uint64_t c)
{
	return (uint64_t)((unsigned __int128)a * b / c);
}

uint64_t arch_cycles(void)
{
	return rdtsc();
}

uint64_t arch_tsc_hz(void)
{
	return tsc_hz;
}

uint32_t arch_timer_hz(void)
{
	return lapic_timer_hz;
}

uint64_t arch_clock_ns(void)
{
	int64_t delta = (int64_t)(rdtsc() - tsc_base);
	uint64_t ns = cycles_to_ns(delta > 0 ? (uint64_t)delta : 0, tsc_mult);

	if (tsc_invariant)
		return ns;
	uint64_t last = __atomic_load_n(&clock_last, __ATOMIC_RELAXED);
	do {
		if (ns <= last)
			return last;
	} while (!__atomic_compare_exchange_n(&clock_last, &last, ns, true, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return ns;
}

/* ---- reference timers ---- */

/* The two counters being calibrated, at the moment the reference was read. */
struct sample {
	uint64_t tsc;
	uint32_t lapic;
};

#define SAMPLE_TRIES	5

/*
 * Read the reference timer between two TSC reads, with the LAPIC count, and keep the try whose
 * two TSC reads were closest: under emulation a read can be stretched (the emulator's thread
 * descheduled), and that try then loses. The sample's TSC is the midpoint. Returns the
 * reference's value from the kept try.
 */
static uint64_t read_together(uint64_t (*ref)(void), struct sample *s)
{
	uint64_t best = ~0ULL, value = 0;

	for (int i = 0; i < SAMPLE_TRIES; i++) {
		uint64_t t1 = rdtsc();
		uint64_t r = ref();
		uint32_t l = lapic_present() ? lapic_read(LAPIC_TIMER_CUR) : 0;
		uint64_t t2 = rdtsc();
		if (t2 - t1 < best) {
			best = t2 - t1;
			value = r;
			s->tsc = t1 + (t2 - t1) / 2;
			s->lapic = l;
		}
	}
	return value;
}

static uint64_t hpet_read(void)
{
	return hpet[HPET_COUNTER / 8] & hpet_mask;
}

/* Map and start the HPET's main counter; false when there is none or it does not count. */
static bool hpet_setup(void)
{
	if (!acpi.hpet_addr || !(hpet = arch_ioremap(acpi.hpet_addr, 0x400)))
		return false;
	uint64_t cap = hpet[HPET_CAP / 8];
	hpet_period_fs = cap >> 32;
	hpet_mask = (cap & HPET_CAP_64BIT) ? ~0ULL : 0xffffffffULL;
	if (hpet_period_fs == 0 || hpet_period_fs > HPET_MAX_PERIOD_FS)
		goto unusable;
	hpet[HPET_CONFIG / 8] |= 1;
	uint64_t t0 = hpet_read();
	for (int i = 0; i < 1000000; i++)
		if (hpet_read() != t0)
			return true;
unusable:
	kprintf("timer: HPET at %#lx does not work; using the PIT\n",
		(unsigned long)acpi.hpet_addr);
	hpet = NULL;
	return false;
}

/* Busy-wait CAL_WINDOW_NS on the HPET; the exact nanoseconds it measured between a and b. */
static uint64_t hpet_window(struct sample *a, struct sample *b)
{
	uint64_t ticks = CAL_WINDOW_NS * FSEC_PER_NSEC / hpet_period_fs;
	uint64_t t0 = read_together(hpet_read, a);

	while (((hpet_read() - t0) & hpet_mask) < ticks)
		arch_cpu_relax();
	uint64_t t1 = read_together(hpet_read, b);
	return mul_div((t1 - t0) & hpet_mask, hpet_period_fs, FSEC_PER_NSEC);
}

/* Channel 2's current count: latch it, then read the low and the high byte. */
static uint64_t pit_read(void)
{
	outb(PIT_MODE, PIT_CH2_LATCH);
	uint8_t lo = inb(PIT_CH2_DATA);
	return lo | (uint16_t)inb(PIT_CH2_DATA) << 8;
}

/*
 * Busy-wait CAL_WINDOW_NS on PIT channel 2, counting down from 0xffff in mode 0. The count is
 * read at both ends, like the HPET's, so a late look makes a longer window, not a wrong one.
 * 0 when the counter does not move or ran out (over 55 ms).
 */
static uint64_t pit_window(struct sample *a, struct sample *b)
{
	uint64_t ticks = CAL_WINDOW_NS * PIT_HZ / NSEC_PER_SEC;
	uint8_t port_b = inb(PORT_B);
	long spins = 0;

	outb(PORT_B, (port_b & ~0x02) | 0x01);	/* gate high, speaker off */
	outb(PIT_MODE, PIT_CH2_ONESHOT);
	outb(PIT_CH2_DATA, 0xff);
	outb(PIT_CH2_DATA, 0xff);		/* counting starts with the high byte */
	uint16_t t0 = (uint16_t)read_together(pit_read, a);
	while ((uint16_t)(t0 - pit_read()) < ticks && !(inb(PORT_B) & 0x20) &&
	       ++spins < 10000000L)
		;
	uint16_t t1 = (uint16_t)read_together(pit_read, b);
	bool ran_out = inb(PORT_B) & 0x20;	/* OUT rises at terminal count */
	outb(PORT_B, port_b);
	if (ran_out || (uint16_t)(t0 - t1) < ticks)
		return 0;
	return mul_div((uint16_t)(t0 - t1), NSEC_PER_SEC, PIT_HZ);
}

/* Calibration references, best first. */
static const struct {
	const char *name;
	bool (*setup)(void);
	uint64_t (*window)(struct sample *a, struct sample *b);
} references[] = {
	{ "HPET", hpet_setup, hpet_window },
	{ "PIT", NULL, pit_window },
};

static uint64_t median3(uint64_t v[CAL_WINDOWS])
{
	uint64_t a = v[0], b = v[1], c = v[2];

	if ((a <= b && b <= c) || (c <= b && b <= a))
		return b;
	if ((b <= a && a <= c) || (c <= a && a <= b))
		return a;
	return c;
}

_Static_assert(CAL_WINDOWS == 3, "median3 takes three windows");

/*
 * Measure the TSC and LAPIC timer rates against the first reference that works. The LAPIC timer
 * counts down from 2^32-1 through the divider, one-shot and masked, meanwhile. Interrupts off.
 * Returns the reference's name, or NULL when none worked.
 */
static const char *calibrate(uint64_t *tsc_rate, uint32_t *lapic_rate)
{
	uint64_t tsc[CAL_WINDOWS], lapic[CAL_WINDOWS];

	if (lapic_present()) {
		lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
		lapic_write(LAPIC_TIMER_DIV, LAPIC_TIMER_DIV_16);
		lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	}
	for (size_t r = 0; r < ARRAY_SIZE(references); r++) {
		if (references[r].setup && !references[r].setup())
			continue;
		int w = 0, failures = 0;
		while (w < CAL_WINDOWS && failures < CAL_WINDOWS) {
			struct sample a, b;
			uint64_t ns = references[r].window(&a, &b);
			if (ns == 0) {
				failures++;		/* disturbed or dead: try again */
				continue;
			}
			tsc[w] = mul_div(b.tsc - a.tsc, NSEC_PER_SEC, ns);
			lapic[w] = mul_div((uint32_t)(a.lapic - b.lapic),
					   LAPIC_TIMER_DIVISOR * NSEC_PER_SEC, ns);
			w++;
		}
		if (w < CAL_WINDOWS)
			continue;
		*tsc_rate = median3(tsc);
		*lapic_rate = (uint32_t)MIN(median3(lapic), 0xffffffffULL);
		return references[r].name;
	}
	return NULL;
}

/* ---- the tick ---- */

static void tick_entry(struct trap_frame *tf)
{
	lapic_eoi();		/* first: kernel_tick may switch threads and not come back soon */
	this_cpu()->ticks++;
	kernel_tick(trap_from_user(tf));
}

void timer_init_cpu(void)
{
	if (!lapic_present() || lapic_timer_hz == 0)
		return;
	lapic_write(LAPIC_TIMER_DIV, LAPIC_TIMER_DIV_16);
	lapic_write(LAPIC_LVT_TIMER, TIMER_VECTOR | LVT_TIMER_PERIODIC);
	lapic_write(LAPIC_TIMER_INIT, lapic_timer_hz / LAPIC_TIMER_DIVISOR / HZ);
}

static bool cpu_has_invariant_tsc(void)
{
	uint32_t a, b, c, d;

	cpuid(0x80000000, 0, &a, &b, &c, &d);
	if (a < 0x80000007)
		return false;
	cpuid(0x80000007, 0, &a, &b, &c, &d);
	return d & (1u << 8);
}

/*
 * Calibrate the TSC and the LAPIC timer, start the clock at 0 and the tick at HZ on the boot CPU,
 * read the RTC, and enable interrupts: from here on the machine runs on interrupts.
 */
void timer_init(void)
{
	uint64_t start = rdtsc();
	uint64_t tsc_rate = 0;
	uint32_t lapic_rate = 0;

	tsc_invariant = cpu_has_invariant_tsc();
	const char *ref = calibrate(&tsc_rate, &lapic_rate);
	if (!ref || tsc_rate == 0) {
		/* No timer of known frequency answered: guess, loudly. Time will be wrong. */
		kprintf("timer: calibration failed: assuming TSC 1 GHz, LAPIC timer 100 MHz\n");
		ref = "a guess";
		tsc_rate = NSEC_PER_SEC;
		lapic_rate = 100000000;
	}
	tsc_hz = tsc_rate;
	lapic_timer_hz = lapic_rate;
	tsc_base = start;
	tsc_mult = tsc_ns_mult(tsc_hz);
	uint64_t took_ns = arch_clock_ns();

	trap_set_handler(TIMER_VECTOR, tick_entry);
	timer_init_cpu();
	rtc_init();
	kprintf("timer: TSC %lu MHz, LAPIC timer %u MHz, tick %d Hz (calibrated against %s in %lu "
		"ms%s)\n", (unsigned long)((tsc_hz + 500000) / 1000000),
		(unsigned)((lapic_timer_hz + 500000ULL) / 1000000), HZ, ref,
		(unsigned long)(took_ns / 1000000), tsc_invariant ? "" : ", TSC not invariant");
	if (lapic_present())
		arch_irq_enable();
}

/* ---- tests ---- */

KTEST(time, clock_monotonic)
{
	uint64_t prev = arch_clock_ns();
	uint64_t start = rdtsc();
	int i;

	KEXPECT(prev > 0);
	for (i = 0; i < 10000; i++) {
		uint64_t now = arch_clock_ns();
		KEXPECT(now >= prev);
		if (now < prev)
			break;
		prev = now;
	}
	kprintf("#   cycles per arch_clock_ns %lu\n", (unsigned long)((rdtsc() - start) / (i + 1)));
}

/* The calibrated TSC agrees with the reference timer over a fresh window, within 1%. */
KTEST(time, clock_matches_reference)
{
	struct sample a, b;
	unsigned long flags = arch_irq_save();
	uint64_t ns = hpet ? hpet_window(&a, &b) : pit_window(&a, &b);

	arch_irq_restore(flags);
	uint64_t tsc_ns = cycles_to_ns(b.tsc - a.tsc, tsc_mult);
	KEXPECT(ns >= CAL_WINDOW_NS - CAL_WINDOW_NS / 100);
	KEXPECT(tsc_ns >= ns - ns / 100);
	KEXPECT(tsc_ns <= ns + ns / 100);
}

/* With interrupts on, the tick arrives at about HZ (generous bounds: emulators are noisy). */
KTEST(time, ticks_at_hz)
{
	unsigned long flags = arch_irq_save();
	arch_irq_enable();
	uint64_t t0 = this_cpu()->ticks, start = arch_clock_ns();
	while (arch_clock_ns() - start < 200000000ULL)		/* 200 ms: HZ/5 ticks */
		arch_wait_for_interrupt();
	uint64_t ticks = this_cpu()->ticks - t0;
	arch_irq_restore(flags);
	KEXPECT(ticks >= HZ / 5 / 2);
	KEXPECT(ticks <= HZ / 5 * 2);
}

KTEST(time, ns_conversion_does_not_overflow)
{
	uint64_t mult = tsc_ns_mult(3000000000ULL);
	uint64_t ten_years_ns = 10ULL * 365 * 86400 * NSEC_PER_SEC;
	uint64_t ns = cycles_to_ns(ten_years_ns * 3, mult);

	KEXPECT(ns <= ten_years_ns);
	KEXPECT(ten_years_ns - ns < ten_years_ns / 1000000);	/* within 1 ppm */
	KEXPECT_EQ(cycles_to_ns(~0ULL, tsc_ns_mult(NSEC_PER_SEC)), ~0ULL);
	KEXPECT_EQ(cycles_to_ns(3000000000ULL, mult), NSEC_PER_SEC - 1);	/* rounds down */
}

KTEST(time, rates_sane)
{
	KEXPECT(arch_tsc_hz() >= 100000000ULL);		/* 100 MHz .. 10 GHz */
	KEXPECT(arch_tsc_hz() <= 10000000000ULL);
	KEXPECT(arch_timer_hz() >= 1000000);		/* 1 MHz .. 4 GHz */
}
