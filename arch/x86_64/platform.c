/*
 * platform.c - bring up the machine after the boot CPU's first tables: memory, ACPI, interrupt
 * controllers, timers, console devices.
 *
 * The weak empty definitions below let each subsystem land on its own while the platform is being
 * written; each is replaced by the real one in its own file. (Bring-up in progress, issue 3.)
 */
#include "kernel.h"
#include "console.h"
#include "uapi/errno.h"
#include <arch.h>
#include "x86.h"
#include "x86_64.h"

#define WEAK __attribute__((weak))
WEAK void trap_init(void) {}
WEAK void mm_init(void) {}
WEAK void acpi_init(void) {}
WEAK void interrupts_init(void) {}
WEAK void timer_init(void) {}
WEAK void console_devices_init(void) {}
WEAK void *page_alloc(void) { return NULL; }
WEAK void *page_alloc_zeroed(void) { return NULL; }
WEAK void page_free(void *p) { (void)p; }
WEAK void *kmalloc(size_t n) { (void)n; return NULL; }
WEAK void *kzalloc(size_t n) { (void)n; return NULL; }
WEAK void kfree(void *p) { (void)p; }
WEAK void arch_backtrace(uintptr_t fp) { (void)fp; }
WEAK void kernel_tick(bool from_user) { (void)from_user; }
WEAK int vm_user_fault(uintptr_t addr, bool write, bool exec)
{
	(void)addr; (void)write; (void)exec;
	return -EFAULT;
}
WEAK void user_fault_signal(int sig, int si_code, uintptr_t addr, int trapno)
{
	panic("user fault: signal %d code %d addr %p trap %d (no signals yet)", sig, si_code,
	      (void *)addr, trapno);
}
WEAK void user_return_work(void) {}

extern const char *opt_qemu_exit;

void arch_qemu_exit(int status)
{
	if (opt_qemu_exit)
		outb(0xf4, (uint8_t)(status > 0x7f ? 0x7f : status));
}

void arch_init_platform(void)
{
	trap_init();		/* GDT, TSS, IDT: faults are reported from here on */
	mm_init();		/* frames, page tables with the direct map, kmalloc */
	acpi_init();		/* MADT, FADT, HPET */
	interrupts_init();	/* PIC off, LAPIC + IOAPIC on */
	timer_init();		/* TSC and LAPIC timer calibrated, periodic tick at HZ */
	console_devices_init();	/* VGA text or framebuffer console, PS/2 keyboard */
	serial_enable_irq();
	if (!arch_irq_enabled())
		console_poll_hook = serial_poll;	/* no interrupts yet: poll the UART */
}
