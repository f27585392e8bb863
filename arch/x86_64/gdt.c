/*
 * gdt.c - each CPU's segment table (GDT) and task-state segment (TSS).
 *
 * In long mode segmentation is almost gone, but three things still hang off the GDT:
 *   - the code segments, whose DPL says whether the CPU runs the kernel (ring 0) or a user
 *     program (ring 3), and whose L bit selects 64-bit mode;
 *   - the order of the selectors, which `syscall` and `sysret` compute from the STAR MSR instead
 *     of reading them: kernel code, kernel data, then user data before user code (trap.h);
 *   - the TSS, which no longer switches tasks but tells the CPU which stack to load when an
 *     interrupt arrives: rsp0 when it comes from user mode (the running thread's kernel stack,
 *     set by arch_set_kernel_stack() on every switch), and the Interrupt Stack Table (IST) for
 *     the three events that must not trust the current stack at all.
 *
 * The IST stacks: a double fault (#DF) is what the CPU raises when it cannot deliver a fault,
 * typically a page fault on a kernel stack that ran into its guard page: the CPU cannot push the
 * #PF frame on that stack, so #DF must land on a stack of its own or the machine triple-faults.
 * An NMI and a machine check (#MC) can arrive anywhere, including the few instructions of the
 * syscall path that run before the kernel stack is loaded, so they get their own stacks too.
 *
 * Every CPU gets its own GDT because the TSS descriptor is marked busy by `ltr`, and its own TSS
 * and IST stacks because they describe that CPU's stacks. They are static arrays indexed by the
 * CPU number so the boot CPU can load them before there is a memory allocator.
 */
#include "kernel.h"
#include "percpu.h"
#include "string.h"
#include <arch.h>
#include "trap.h"
#include "x86.h"
#include "x86_64.h"

/* The 64-bit TSS (Intel SDM vol. 3, 8.7): only the stack pointers matter in long mode. */
struct tss {
	uint32_t reserved0;
	uint64_t rsp[3]; /* stack for an interrupt arriving from ring 0, 1, 2 (we use rsp0) */
	uint64_t reserved1;
	uint64_t ist[7]; /* IST1..IST7 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base; /* offset of the I/O permission map: past the end = none */
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "64-bit TSS layout");

#define GDT_ENTRIES    7 /* null, kernel code, kernel data, user data, user code, TSS x2 */
#define IST_STACK_SIZE 8192

/* One CPU's tables; struct cpu's arch pointer leads here. */
struct cpu_tables {
	uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16)));
	struct tss tss __attribute__((aligned(16)));
};

static struct cpu_tables tables[MAX_CPUS];
static uint8_t ist_stacks[MAX_CPUS][IST_COUNT][IST_STACK_SIZE] __attribute__((aligned(4096)));

/*
 * Segment descriptors for flat segments (base 0, limit 4 GiB, ignored in long mode anyway).
 * Access byte: present, DPL, code/data, type; flags: L (64-bit code) or D/B + granularity.
 */
#define SEG_KERNEL_CODE 0x00af9a000000ffffULL /* P, DPL 0, execute/read, L */
#define SEG_KERNEL_DATA 0x00cf92000000ffffULL /* P, DPL 0, read/write */
#define SEG_USER_DATA	0x00cff2000000ffffULL /* P, DPL 3, read/write */
#define SEG_USER_CODE	0x00affa000000ffffULL /* P, DPL 3, execute/read, L */
#define TSS_TYPE_AVAIL	0x89ULL		      /* P, DPL 0, 64-bit TSS (available) */

/* Fill the two GDT slots of a 64-bit TSS descriptor for the TSS at `base`. */
static void set_tss_descriptor(uint64_t *slot, uintptr_t base, uint32_t limit)
{
	slot[0] = (limit & 0xffffULL) | ((base & 0xffffffULL) << 16) | (TSS_TYPE_AVAIL << 40) |
		  ((uint64_t)(limit >> 16 & 0xf) << 48) | ((uint64_t)(base >> 24 & 0xff) << 56);
	slot[1] = base >> 32;
}

/*
 * Load the GDT at `gdt` and reload the segment registers that still mean something: CS by a far
 * return, SS/DS/ES with the kernel data selector. FS and GS are left alone: writing a selector
 * there would zero the GS base, which holds this CPU's struct cpu.
 */
static void load_gdt(const uint64_t *gdt, size_t size)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) ptr = { (uint16_t)(size - 1), (uintptr_t)gdt };

	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %2, %%eax\n\t"
			 "movw %%ax, %%ss\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es"
			 :
			 : "m"(ptr), "i"(KERNEL_CS), "i"(KERNEL_DS)
			 : "rax", "memory");
}

/*
 * Build and load the GDT and TSS of CPU c (which must be the CPU running this): the code and
 * data segments, the TSS with its IST stacks, then `ltr`. rsp0 stays 0 until the first
 * arch_set_kernel_stack(); no interrupt can come from user mode before that.
 */
void gdt_init_cpu(struct cpu *c)
{
	struct cpu_tables *t = &tables[c->id];

	memset(t, 0, sizeof(*t));
	t->gdt[KERNEL_CS >> 3] = SEG_KERNEL_CODE;
	t->gdt[KERNEL_DS >> 3] = SEG_KERNEL_DATA;
	t->gdt[USER_DS >> 3] = SEG_USER_DATA;
	t->gdt[USER_CS >> 3] = SEG_USER_CODE;
	set_tss_descriptor(&t->gdt[TSS_SEL >> 3], (uintptr_t)&t->tss, sizeof(t->tss) - 1);

	for (int i = 0; i < IST_COUNT; i++)
		t->tss.ist[i] = (uintptr_t)ist_stacks[c->id][i] + IST_STACK_SIZE;
	t->tss.iomap_base = sizeof(t->tss);
	c->arch = t;

	load_gdt(t->gdt, sizeof(t->gdt));
	__asm__ volatile("ltr %w0" : : "r"((uint16_t)TSS_SEL) : "memory");
	/*
	 * While the kernel runs, GS base is its per-CPU pointer and KERNEL_GS_BASE holds the user's
	 * GS base, which swapgs exchanges on every crossing. A new CPU's user GS base is 0.
	 */
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

/* Set where an interrupt from user mode lands on this CPU: the next thread's kernel stack. */
void arch_set_kernel_stack(uint64_t top)
{
	struct cpu *c = this_cpu();
	struct cpu_tables *t = c->arch;

	t->tss.rsp[0] = top;
	c->kstack_top = top;
}

/* This CPU's TSS.rsp0 and IST entry i (1-based): for the tests. */
uint64_t gdt_tss_stack(int i)
{
	struct cpu_tables *t = this_cpu()->arch;

	return i == 0 ? t->tss.rsp[0] : t->tss.ist[i - 1];
}
