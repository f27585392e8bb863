/*
 * arch.h - everything generic kernel code may ask of the machine.
 *
 * kernel/ never includes another arch/ header: this file is the whole contract between the
 * generic kernel and arch/x86_64/. Porting nido means implementing these functions.
 */
#ifndef NIDO_ARCH_H
#define NIDO_ARCH_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* ---- interrupt flag ---- */
static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void arch_irq_restore(unsigned long flags)
{
	if (flags & (1UL << 9))
		__asm__ volatile("sti" : : : "memory");
}

static inline bool arch_irq_enabled(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	return flags & (1UL << 9);
}

static inline void arch_irq_enable(void)  { __asm__ volatile("sti" : : : "memory"); }
static inline void arch_irq_disable(void) { __asm__ volatile("cli" : : : "memory"); }
static inline void arch_cpu_relax(void)   { __asm__ volatile("pause"); }

/* Enable interrupts and sleep until the next one, atomically (sti; hlt). */
static inline void arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

__attribute__((__noreturn__)) void arch_halt_forever(void);

/* ---- CPUs ---- */
int arch_cpu_id(void);			/* this CPU's index into the per-CPU array */
int arch_cpu_count(void);		/* CPUs found in the MADT */

/* ---- hardware interrupts ---- */
typedef void (*irq_handler_t)(void *ctx);
/* Route legacy ISA interrupt `isa_irq` (1 = keyboard, 4 = COM1) to handler; 0 or -errno. */
int arch_irq_request(unsigned isa_irq, irq_handler_t handler, void *ctx);

/* ---- time ---- */
uint64_t arch_clock_ns(void);		/* monotonic nanoseconds since boot */
uint64_t arch_rtc_seconds(void);	/* wall clock at boot from the RTC, seconds since 1970 */
uint32_t arch_timer_hz(void);		/* LAPIC timer input frequency, Hz */
uint64_t arch_tsc_hz(void);
uint64_t arch_cycles(void);		/* raw cycle counter (rdtsc) */

/* ---- power ---- */
__attribute__((__noreturn__)) void arch_poweroff(void);
__attribute__((__noreturn__)) void arch_reboot(void);
/*
 * Leave the emulator with `status` when the kernel runs under tools/qemu-run (command line option
 * "qemu_exit"); returns if not, so the caller falls back to arch_poweroff().
 */
void arch_qemu_exit(int status);

/* ---- consoles: the machine's own output devices ---- */
void arch_console_putc(char c);		/* early, polled: serial (and VGA text when present) */

/* ---- threads ---- */
struct trap_frame;		/* the user registers saved on kernel entry (arch-private layout) */

/* Per-thread machine state embedded in struct thread. */
struct arch_thread {
	uint64_t fs_base;			/* user TLS base (arch_prctl ARCH_SET_FS) */
	struct trap_frame *user_regs;		/* top of the kernel stack: saved user registers */
	uint8_t fpu[512] __attribute__((aligned(16)));	/* FXSAVE image of the user FPU/SSE state */
};

/* ---- diagnostics ---- */
/* Print a backtrace starting from frame pointer `fp` (0 = the caller's frame). */
void arch_backtrace(uintptr_t fp);

#endif
