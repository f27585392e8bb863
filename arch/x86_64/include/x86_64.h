/*
 * x86_64.h - functions shared among the files of arch/x86_64/ (not part of the arch API).
 */
#ifndef NIDO_X86_64_H
#define NIDO_X86_64_H

#include <stdint.h>

/* serial.c */
void serial_init(void);
void serial_putc(char c);
void serial_poll(void);
void serial_register_console(void);
void serial_enable_irq(void);

/* cpu.c: per-CPU area, GDT/TSS, CPU features */
void cpu_init_boot(void);

/* platform.c: everything after the boot CPU's tables are up (memory, ACPI, APIC, timer) */
void arch_init_platform(void);

/* trap.c / idt.c: handlers for interrupt vectors 32..255 (hardware IRQs, LAPIC timer, IPIs) */
struct trap_frame;
typedef void (*vector_handler_t)(struct trap_frame *tf);
void trap_set_handler(int vector, vector_handler_t handler);
/* Search the exception table for tf->rip; when found, resume at the fixup and return true. */
int extable_fixup(struct trap_frame *tf);
/* TSS.rsp0 (and this_cpu()->kstack_top): where an interrupt from user mode lands. */
void arch_set_kernel_stack(uint64_t top);

#endif
