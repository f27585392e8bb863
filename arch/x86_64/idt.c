/*
 * idt.c - the interrupt descriptor table: which code runs for each of the 256 vectors.
 *
 * Every vector gets a gate to its own small stub in isr.asm (isr_stubs[vector]), which pushes
 * the vector number and jumps to the one common entry that builds a struct trap_frame and calls
 * trap_dispatch(). Policy lives in C (trap.c); the IDT only says how the CPU gets there:
 *   - all gates are interrupt gates, so the CPU clears IF on entry and a handler decides itself
 *     whether to let interrupts in again;
 *   - all gates have DPL 0, so `int n` from user mode raises #GP instead of faking a hardware
 *     interrupt or exception, except #BP: `int3` is how a user program sets a breakpoint;
 *   - #DF, NMI and #MC switch to their IST stack (gdt.c) whatever the current stack is.
 * One table serves every CPU; each CPU loads it with idt_load().
 */
#include "kernel.h"
#include "ktest.h"
#include <arch.h>
#include "trap.h"
#include "x86_64.h"

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;	   /* bits 0-2: IST index, 0 = no stack switch unless from user */
	uint8_t type_attr; /* P, DPL, type */
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate layout");

#define GATE_INTERRUPT 0x8e /* P, DPL 0, 64-bit interrupt gate */
#define GATE_DPL3      0x60

/* The vectors whose gate differs from the default: a stack of their own, or reachable by `int`. */
static const struct {
	uint8_t vector;
	uint8_t ist;
	uint8_t dpl3;
} special_gates[] = {
	{ 2, IST_NMI, 0 }, /* NMI */
	{ 3, 0, 1 },	   /* #BP: int3 from user mode */
	{ 8, IST_DF, 0 },  /* #DF */
	{ 18, IST_MC, 0 }, /* #MC */
};

static struct idt_gate idt[256] __attribute__((aligned(16)));

/* isr.asm: the entry stub of every vector. */
extern const uint64_t isr_stubs[256];

/* Point IDT entry `vector` at handler through an interrupt gate, with IST slot ist (0 = none). */
static void set_gate(int vector, uint64_t handler, int ist, bool dpl3)
{
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xffff;
	g->selector = KERNEL_CS;
	g->ist = (uint8_t)ist;
	g->type_attr = GATE_INTERRUPT | (dpl3 ? GATE_DPL3 : 0);
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = (uint32_t)(handler >> 32);
	g->reserved = 0;
}

/* Fill the shared IDT (once, on the boot CPU, before any CPU loads it). */
void idt_init(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, isr_stubs[v], 0, false);
	for (size_t i = 0; i < ARRAY_SIZE(special_gates); i++)
		set_gate(special_gates[i].vector, isr_stubs[special_gates[i].vector],
			 special_gates[i].ist, special_gates[i].dpl3);
}

/* Point this CPU's IDTR at the shared IDT. */
void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) ptr = { sizeof(idt) - 1, (uintptr_t)idt };

	__asm__ volatile("lidt %0" : : "m"(ptr) : "memory");
}

KTEST(traps, idt_gates)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr;

	__asm__ volatile("sidt %0" : "=m"(idtr));
	KEXPECT_EQ(idtr.limit, sizeof(idt) - 1);
	KEXPECT(idtr.base == (uintptr_t)idt);
	for (int v = 0; v < 256; v++) {
		const struct idt_gate *g = &idt[v];
		uint64_t target = g->offset_low | (uint64_t)g->offset_mid << 16 |
				  (uint64_t)g->offset_high << 32;
		KEXPECT_EQ(target, isr_stubs[v]);
		KEXPECT_EQ(g->selector, KERNEL_CS);
	}
	KEXPECT_EQ(idt[8].ist, IST_DF);
	KEXPECT_EQ(idt[2].ist, IST_NMI);
	KEXPECT_EQ(idt[18].ist, IST_MC);
	KEXPECT_EQ(idt[14].ist, 0);
	KEXPECT_EQ(idt[3].type_attr, GATE_INTERRUPT | GATE_DPL3); /* int3 from user mode */
	KEXPECT_EQ(idt[13].type_attr, GATE_INTERRUPT);
	KEXPECT_EQ(idt[0x80].type_attr, GATE_INTERRUPT); /* no int 0x80 from user mode */
}
