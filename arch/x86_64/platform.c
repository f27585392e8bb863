/*
 * platform.c - temporary: the platform bring-up is being written. Replaced file.
 */
#include "kernel.h"
#include "console.h"
#include <arch.h>
#include "x86.h"
#include "x86_64.h"

extern const char *opt_qemu_exit;

void arch_init_platform(void)
{
	console_poll_hook = serial_poll;
}

int arch_irq_request(unsigned isa_irq, irq_handler_t handler, void *ctx)
{
	(void)isa_irq; (void)handler; (void)ctx;
	return -1;
}

void arch_backtrace(uintptr_t fp)
{
	(void)fp;
}

void arch_qemu_exit(int status)
{
	if (opt_qemu_exit)
		outb(0xf4, (uint8_t)status);
}

noreturn void arch_poweroff(void)
{
	arch_qemu_exit(0);
	arch_halt_forever();
}
