/*
 * start.c - kmain: bring the machine up, in dependency order, then hand over to kernel_main().
 *
 * boot.asm arrives here in long mode on the boot stack with the first 4 GiB identity mapped.
 * The order matters: serial first (so everything after can report), then the boot information
 * (where memory is), the CPU tables (so faults are reported, not triple faults), memory, ACPI
 * (which tells where the interrupt controllers are), interrupts and time.
 */
#include "kernel.h"
#include "boot.h"
#include "cmdline.h"
#include "string.h"
#include <arch.h>
#include "x86.h"
#include "x86_64.h"

struct boot_info boot_info;

void kernel_main(void);

noreturn void kmain(uint32_t magic, uint32_t mbi_phys)
{
	cpu_init_boot();	/* first: spinlocks (and so kprintf) need this_cpu() */
	serial_init();
	serial_register_console();
	/* tools/boot-time: under QEMU's -icount the TSC counts the guest instructions since reset */
	kprintf("nido: first line at tsc %llu\n", (unsigned long long)rdtsc());

	if (magic != 0x36d76289)
		panic("not started by a Multiboot2 loader (magic %#x)", magic);
	/* The low 4 GiB are still identity mapped, so the physical address works as a pointer. */
	if (multiboot2_parse((const void *)(uintptr_t)mbi_phys, mbi_phys, &boot_info) < 0)
		panic("the boot loader's information block is malformed");

	static char cmdline_copy[CMDLINE_MAX];
	strlcpy(cmdline_copy, boot_info.cmdline, sizeof(cmdline_copy));
	cmdline_parse(cmdline_copy);

	arch_init_platform();
	trap_crash_test();	/* crash=KIND: a kernel exception on purpose (tests) */
	kernel_main();
	arch_poweroff();
}
