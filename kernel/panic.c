/*
 * panic.c - stop the kernel when one of its own invariants is broken.
 *
 * panic() is for kernel bugs only; nothing a user program does may reach it. Under tools/qemu-run
 * the machine then leaves QEMU with EXIT_PANIC so a test run fails at once instead of timing out.
 */
#include "kernel.h"
#include "percpu.h"
#include <arch.h>

noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	arch_irq_disable();
	kprintf("\nnido: panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	arch_backtrace(0);
	arch_qemu_exit(EXIT_PANIC);
	arch_halt_forever();
}
