/*
 * percpu.h - the data each CPU keeps for itself.
 *
 * this_cpu() is cheap: on x86_64 the GS base points at the current CPU's struct cpu, whose first
 * field points at itself. Before the per-CPU area is set up, this_cpu() returns the boot CPU's slot.
 */
#ifndef NIDO_PERCPU_H
#define NIDO_PERCPU_H

#include <stdint.h>
#include "param.h"

struct thread;

struct cpu {
	struct cpu *self;		/* must stay first: read through %gs:0 */
	uint64_t kstack_top;		/* offset 8: the running thread's kernel stack (syscall entry) */
	uint64_t user_rsp;		/* offset 16: scratch for the user rsp in the syscall entry */
	struct thread *current;		/* offset 24: the running thread */
	int id;				/* index in cpus[] */
	uint32_t apic_id;
	int irq_depth;			/* push_off() nesting */
	int irq_was_enabled;		/* interrupt state before the outermost push_off() */
	uint64_t ticks;			/* timer interrupts taken on this CPU */
	void *arch;			/* arch-private data (GDT, TSS) */
};

/* Offsets used by assembly (arch/x86_64/entry.asm); checked in cpu.c. */
#define CPU_KSTACK_TOP	8
#define CPU_USER_RSP	16
#define CPU_CURRENT	24

extern struct cpu cpus[MAX_CPUS];
struct cpu *this_cpu(void);

#endif
