/*
 * cpu.c - the per-CPU area and the CPU's own setup.
 *
 * Each CPU's GS base points at its struct cpu, so this_cpu() is one load (%gs:0).
 */
#include "kernel.h"
#include "percpu.h"
#include <arch.h>
#include "x86.h"
#include "x86_64.h"

struct cpu cpus[MAX_CPUS];

struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(c));
	return c;
}

int arch_cpu_id(void)
{
	return this_cpu()->id;
}

void cpu_init_boot(void)
{
	struct cpu *c = &cpus[0];

	c->self = c;
	c->id = 0;
	wrmsr(MSR_GS_BASE, (uintptr_t)c);
}

noreturn void arch_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}
