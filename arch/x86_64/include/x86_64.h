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

#endif
