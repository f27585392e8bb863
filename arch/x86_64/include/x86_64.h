/*
 * x86_64.h - functions shared among the files of arch/x86_64/ (not part of the arch API).
 */
#ifndef NIDO_X86_64_H
#define NIDO_X86_64_H

#include <stdint.h>
#include <stdbool.h>

/* serial.c */
void serial_init(void);
void serial_putc(char c);
void serial_poll(void);
void serial_register_console(void);
void serial_enable_irq(void);

/* ps2kbd.c: the 8042 and the keyboard; called by console_devices_init() (vga.c) */
void ps2kbd_init(void);

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

/* ---- traps: gdt.c, idt.c, isr.asm, trap.c, ksyms.c (the "traps" subsystem) ---- */
struct cpu;
/* IST slots (1-based, as the IDT names them): the stacks of #DF, NMI and #MC. */
#define IST_DF		1
#define IST_NMI		2
#define IST_MC		3
#define IST_COUNT	3
void gdt_init_cpu(struct cpu *c);	/* build and load this CPU's GDT and TSS */
uint64_t gdt_tss_stack(int i);		/* this CPU's TSS.rsp0 (i = 0) or IST stack i */
void idt_init(void);			/* fill the shared IDT, once */
void idt_load(void);			/* lidt on this CPU */
void trap_init(void);			/* boot CPU: GDT, TSS, IDT (called from platform.c) */
/* An application processor, once its GS base points at its struct cpu: GDT, TSS, IDT. */
void trap_init_ap(void);
void trap_dispatch(struct trap_frame *tf);	/* isr.asm calls it for every vector */
vector_handler_t trap_get_handler(int vector);
unsigned long trap_unhandled_count(void);
unsigned long trap_nmi_count(void);
/* The command line's crash=KIND test fault, if any; called at the end of boot. */
void trap_crash_test(void);
/* The signal for a user exception (trap.c's table); false when none is sent. */
bool trap_user_signal(const struct trap_frame *tf, int *sig, int *code, uintptr_t *addr);
void trap_page_fault_signal(int err, int *sig, int *code);
/* Up to max return addresses from the frame-pointer chain at fp; returns how many. */
int backtrace_collect(uintptr_t fp, uintptr_t *pcs, int max);
/* isr.asm: read 8 bytes that may not be mapped: 0, or -1 if the read faulted. */
int safe_read_u64(uintptr_t addr, uint64_t *out);
/* isr.asm: run fn(arg) with rsp = top (a stack of its own). */
void call_on_stack(uintptr_t top, void (*fn)(void *), void *arg);

/* ksyms.c: the kernel's symbol table (generated at link time by tools/ksyms). */
struct ksym {
	uint64_t addr;		/* start of the function */
	uint32_t name;		/* offset of its name in ksyms_names */
};
/* The function containing addr and the offset into it, or NULL outside the kernel's text. */
const char *ksyms_lookup(uintptr_t addr, uintptr_t *offset);
const char *ksyms_search(const struct ksym *table, unsigned int count, const char *names,
			 uintptr_t end, uintptr_t addr, uintptr_t *offset);
uintptr_t ksyms_address(const char *name);	/* 0 if there is no such function */
unsigned int ksyms_size(void);

#endif
