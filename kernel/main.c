/*
 * main.c - the generic half of boot: banner, self-tests, then the first user program.
 *
 * arch code has set up the CPU, memory, interrupts and time before calling kernel_main().
 */
#include "kernel.h"
#include "console.h"
#include "cmdline.h"
#include <arch.h>

KERNEL_PARAM(opt_test, "test", "run in-kernel test suites: test=all or test=NAME,NAME");
KERNEL_PARAM(opt_qemu_exit, "qemu_exit", "leave QEMU through isa-debug-exit on power-off");

void kernel_main(void)
{
	kprintf("nido: %d CPU(s)\n", arch_cpu_count());
	kprintf("nido: echoing console input (type something)\n");
	for (;;) {
		int c = console_getc();
		console_putc((char)c);
	}
}
