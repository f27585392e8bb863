/*
 * main.c - the generic half of boot: banner, self-tests, then the first user program.
 *
 * arch code has set up the CPU, memory, interrupts and time before calling kernel_main().
 */
#include "kernel.h"
#include "console.h"
#include "cmdline.h"
#include "ktest.h"
#include <arch.h>

KERNEL_PARAM(opt_test, "test", "run in-kernel test suites: test=all or test=SUITE,SUITE");
KERNEL_PARAM(opt_qemu_exit, "qemu_exit", "leave QEMU through isa-debug-exit on power-off");

void kernel_main(void)
{
	kprintf("nido: %d CPU(s)\n", arch_cpu_count());

	if (opt_test) {
		int failed = ktest_run_selected(opt_test);
		arch_qemu_exit(failed == 0 ? 0 : 1);
		arch_poweroff();
	}

	kprintf("nido: echoing console input (type something)\n");
	for (;;) {
		int c = console_getc();
		console_putc((char)c);
	}
}
