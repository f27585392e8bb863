/*
 * paging.c - the kernel's page tables, kernel stacks, device mappings and user page tables.
 *
 * Model: x86_64 translates a 48-bit virtual address through four levels of 512-entry tables
 * (PML4, PDPT, PD, PT); a PDPT or PD entry may instead map a 1 GiB or 2 MiB page directly. The
 * lower half of the address space (PML4 entries 0-255) belongs to the user program, the upper
 * half (256-511) to the kernel and is the same in every address space: arch_uvm_create copies
 * the kernel's 256 upper PML4 entries into each new root. For that copy to stay valid forever,
 * every upper PML4 entry the kernel ever uses gets its PDPT at mm_init, and later kernel
 * mappings (stacks, ioremap) only fill tables below those entries, which all roots share.
 *
 * mm_init, running on boot.asm's tables (0-4 GiB identity mapped, the kernel at -2 GiB):
 *   1. reads the CPU's paging features (NX, 1 GiB pages, global pages, SMEP, SMAP);
 *   2. builds the frame allocator from the memory map minus the low 1 MiB, the kernel image,
 *      the boot information and the modules (pmm.c), its bitmap below 4 GiB;
 *   3. builds new tables: the direct map (all RAM, and all of 0-4 GiB so MMIO below 4 GiB is
 *      reachable) with 1 GiB pages when the CPU has them, else 2 MiB pages, read/write and
 *      no-execute; the kernel image in 4 KiB pages, text read+execute, rodata read-only, data
 *      and bss read/write no-execute;
 *   4. loads them, which drops the low identity map: from here on the kernel reaches physical
 *      memory only through the direct map (boot_info keeps physical addresses);
 *   5. turns on SMEP and SMAP when the CPU has them, then starts kmalloc and frame refcounts.
 *
 * Page-table pages are reached at physical + pt_offset: 0 while the identity map is in use,
 * the direct map afterwards. Kernel mappings made after boot are serialized by kernel_pt_lock;
 * a user tree is changed only by its owner (the vm layer holds mm->lock).
 */
#include "kernel.h"
#include "boot.h"
#include "pmm.h"
#include "kmalloc.h"
#include "frameref.h"
#include "spinlock.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/mman.h"
#include <arch.h>
#include "x86.h"
#include "x86_64.h"
#include "paging.h"

#define KiB		1024ULL
#define MiB		(1024 * KiB)
#define GiB		(1024 * MiB)
#define LEVEL_SHIFT(l)	(12 + 9 * (l))		/* level 0 = PT ... level 3 = PML4 */
#define LEVEL_INDEX(va, l) (((va) >> LEVEL_SHIFT(l)) & 511)
#define KERNEL_HALF	0xffff800000000000UL
#define KERNEL_TABLE	(PTE_P | PTE_W)		/* table entries: the leaf decides */
#define USER_TABLE	(PTE_P | PTE_W | PTE_U)
#define KSTACK_SLOT_BYTES ((KSTACK_PAGES + 1) * FRAME_SIZE)

extern char __boot_start[], __text_start[], __text_end[], __rodata_end[], __kernel_end[];

uint8_t uaccess_smap;
static uintptr_t pt_offset;		/* page-table page at physical pa is at pa + pt_offset */
static uint64_t kernel_pml4;		/* physical; root of the kernel-only address space */
static uint64_t pte_nx;			/* PTE_NX when the CPU has NX, else 0 */
static uint64_t pte_global;		/* PTE_G when the CPU has global pages, else 0 */
static struct spinlock kernel_pt_lock = SPINLOCK_INIT("kernel_pt");

static struct {
	bool nx, gbpages, pge, smep, smap;
} cpu_has;

static void detect_features(void)
{
	uint32_t a, b, c, d, max_basic;

	cpuid(0, 0, &max_basic, &b, &c, &d);
	cpuid(1, 0, &a, &b, &c, &d);
	cpu_has.pge = d >> 13 & 1;
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	cpu_has.nx = d >> 20 & 1;
	cpu_has.gbpages = d >> 26 & 1;
	if (max_basic >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		cpu_has.smep = b >> 7 & 1;
		cpu_has.smap = b >> 20 & 1;
	}
}

static inline uint64_t *table_at(uint64_t pa)
{
	return (uint64_t *)(uintptr_t)(pa + pt_offset);
}

/* A zeroed page-table page, or 0 when out of memory. */
static uint64_t table_alloc(void)
{
	uint64_t pa = frame_alloc();

	if (!pa)
		return 0;
	if (pt_offset == 0 && pa >= 4 * GiB)
		panic("paging: boot-time table at %#lx is outside the identity map",
		      (unsigned long)pa);
	memset(table_at(pa), 0, FRAME_SIZE);
	return pa;
}

/*
 * The entry for va at `level` (0 = the PT entry) in the tree under root. Missing tables on the
 * way are created with table_flags when `create`, else (or when out of memory) NULL is
 * returned; so is NULL when the walk meets a huge page above `level`.
 */
static uint64_t *pt_entry(uint64_t root, uintptr_t va, int level, uint64_t table_flags,
			  bool create)
{
	uint64_t *table = table_at(root);

	for (int l = 3; l > level; l--) {
		uint64_t *e = &table[LEVEL_INDEX(va, l)];

		if (!(*e & PTE_P)) {
			uint64_t pa = create ? table_alloc() : 0;
			if (!pa)
				return NULL;
			*e = pa | table_flags;
		} else if (*e & PTE_PS) {
			return NULL;
		}
		table = table_at(*e & PTE_ADDR);
	}
	return &table[LEVEL_INDEX(va, level)];
}

uint64_t *paging_pte(uint64_t root, uintptr_t va)
{
	return pt_entry(root ? root : kernel_pml4, va, 0, 0, false);
}

uint64_t paging_kernel_root(void)
{
	return kernel_pml4;
}

/* Is the tree under root the one this CPU translates with? */
static bool root_active(uint64_t root)
{
	return (read_cr3() & PTE_ADDR) == root;
}

/* ---- boot: the kernel's tables ---- */

/* Map physical [start, end) at ARCH_DIRECT_MAP with the largest pages the CPU offers. */
static void direct_map_range(uint64_t start, uint64_t end)
{
	int level = cpu_has.gbpages ? 2 : 1;
	uint64_t size = 1ULL << LEVEL_SHIFT(level);

	end = MIN(ALIGN_UP(end, size), DIRECT_MAP_MAX);
	for (uint64_t pa = ALIGN_DOWN(start, size); pa < end; pa += size) {
		uint64_t *e = pt_entry(kernel_pml4, ARCH_DIRECT_MAP + pa, level, KERNEL_TABLE,
				       true);
		if (!e)
			panic("paging: out of memory building the direct map");
		*e = pa | PTE_P | PTE_W | PTE_PS | pte_global | pte_nx;
	}
}

/* Map the kernel image at KERNEL_VMA in 4 KiB pages, each section with its own rights. */
static void map_kernel_image(void)
{
	uintptr_t end = (uintptr_t)__kernel_end;

	for (uintptr_t va = (uintptr_t)__text_start; va < end; va += FRAME_SIZE) {
		uint64_t flags = PTE_P | pte_global;

		if (va >= (uintptr_t)__text_end)
			flags |= pte_nx;
		if (va >= (uintptr_t)__rodata_end)
			flags |= PTE_W;
		uint64_t *e = pt_entry(kernel_pml4, va, 0, KERNEL_TABLE, true);
		if (!e)
			panic("paging: out of memory mapping the kernel");
		*e = (va - KERNEL_VMA) | flags;
	}
}

/* The ranges the frame allocator must never hand out. Returns how many were written. */
static int boot_reserved(struct phys_range *r, int max)
{
	int n = 0;

	r[n++] = (struct phys_range){ 0, 1 * MiB };	/* BIOS data, EBDA, VGA, option ROMs */
	r[n++] = (struct phys_range){ (uintptr_t)__boot_start,
				      (uintptr_t)__kernel_end - KERNEL_VMA };
	r[n++] = (struct phys_range){ boot_info.info_start, boot_info.info_end };
	for (int i = 0; i < boot_info.nmodules && n < max; i++)
		r[n++] = (struct phys_range){ boot_info.modules[i].start,
					      boot_info.modules[i].end };
	return n;
}

/* Descriptor-table register contents, as sgdt/sidt store them. */
struct __attribute__((packed)) dtr {
	uint16_t limit;
	uint64_t base;
};

/*
 * Give the calling CPU the kernel's paging setup: no-execute (EFER.NXE), global pages, the
 * kernel's tables, then SMEP and SMAP. mm_init runs it on the boot CPU; a CPU started later
 * runs it before it touches anything outside the kernel image.
 */
void paging_cpu_init(void)
{
	uint64_t cr4 = read_cr4();

	if (cpu_has.nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	if (cpu_has.pge)
		write_cr4(cr4 |= CR4_PGE);
	write_cr3(kernel_pml4);
	if (cpu_has.smep)
		cr4 |= CR4_SMEP;
	if (cpu_has.smap)
		cr4 |= CR4_SMAP;
	write_cr4(cr4);
}

/*
 * Load the new tables. boot.asm's GDT lives in the low, identity-mapped part of the image; if
 * no one has replaced it yet (or the IDT) it is re-pointed at its direct-map alias, because the
 * CPU reads the GDT on every segment load and the identity map is gone after this.
 */
static void switch_to_kernel_tables(void)
{
	struct dtr gdt, idt;

	paging_cpu_init();
	pt_offset = ARCH_DIRECT_MAP;
	pmm_set_virt_offset(ARCH_DIRECT_MAP);
	uaccess_smap = cpu_has.smap;

	__asm__ volatile("sgdt %0" : "=m"(gdt));
	if (gdt.base < KERNEL_HALF) {
		gdt.base += ARCH_DIRECT_MAP;
		__asm__ volatile("lgdt %0" : : "m"(gdt));
	}
	__asm__ volatile("sidt %0" : "=m"(idt));
	if (idt.base && idt.base < KERNEL_HALF) {
		idt.base += ARCH_DIRECT_MAP;
		__asm__ volatile("lidt %0" : : "m"(idt));
	}
}

void mm_init(void)
{
	struct phys_range reserved[3 + BOOT_MAX_MODULES];

	detect_features();
	pte_nx = cpu_has.nx ? PTE_NX : 0;
	pte_global = cpu_has.pge ? PTE_G : 0;

	if (boot_info.nmem == 0)
		panic("mm: the boot loader passed no memory map; cannot tell where RAM is");
	/* firmware keeps a few hundred KiB of a machine's RAM: allow up to 1 MiB of that */
	uint64_t usable = pmm_usable_bytes(boot_info.mem, boot_info.nmem);
	if (usable + 1 * MiB < (uint64_t)MIN_MEMORY_MB * MiB)
		panic("mm: only %lu KiB of RAM; nido needs at least %d MiB",
		      (unsigned long)(usable / KiB), MIN_MEMORY_MB);
	int nres = boot_reserved(reserved, ARRAY_SIZE(reserved));
	if (pmm_init(boot_info.mem, boot_info.nmem, reserved, nres, 0, 4 * GiB) < 0)
		panic("mm: no room below 4 GiB for the frame bitmap");

	kernel_pml4 = table_alloc();
	if (!kernel_pml4)
		panic("mm: out of memory for the kernel page tables");
	direct_map_range(0, 4 * GiB);
	for (int i = 0; i < boot_info.nmem; i++) {
		const struct mem_range *r = &boot_info.mem[i];
		if (r->type != MEM_RESERVED && r->type != MEM_BAD && r->base < DIRECT_MAP_MAX)
			direct_map_range(r->base, MIN(r->base + r->len, DIRECT_MAP_MAX));
	}
	map_kernel_image();
	/* the stack and ioremap areas' PML4 entry, so that every later root shares it */
	if (!pt_entry(kernel_pml4, KSTACK_AREA, 2, KERNEL_TABLE, true))
		panic("mm: out of memory for the kernel page tables");
	switch_to_kernel_tables();

	if (kmalloc_init(ARCH_DIRECT_MAP, frames_end()) < 0 || frameref_init() < 0)
		panic("mm: out of memory for the allocator tables");
	kprintf("mem: %lu MiB usable, %lu frames free (NX %s, 1G pages %s, SMEP %s, SMAP %s)\n",
		(unsigned long)(usable / MiB), (unsigned long)frames_free(),
		cpu_has.nx ? "on" : "off", cpu_has.gbpages ? "yes" : "no",
		cpu_has.smep ? "on" : "off", cpu_has.smap ? "on" : "off");
}

/* ---- kernel stacks ---- */

static uint64_t kstack_used[KSTACK_SLOTS / 64];	/* guarded by kernel_pt_lock */
static unsigned kstack_next;

/* Unmap pages [first, last] of a stack slot and free their frames. kernel_pt_lock held. */
static void kstack_unmap(uintptr_t base, int first, int last)
{
	for (int i = first; i <= last; i++) {
		uintptr_t va = base + (uintptr_t)i * FRAME_SIZE;
		uint64_t *e = pt_entry(kernel_pml4, va, 0, 0, false);

		if (!e || !(*e & PTE_P))
			panic("kstack: page %#lx of a stack is not mapped", (unsigned long)va);
		uint64_t pa = *e & PTE_ADDR;
		*e = 0;
		invlpg(va);
		frame_free(pa);
	}
}

/*
 * Slots are handed out round robin (next fit), so a freed stack's addresses are reused as late as
 * possible. Stack pages are not global: a CPU that still caches a freed stack's translation drops
 * it at its next address-space switch. (SMP needs a TLB shootdown here; issue 3.)
 */
uintptr_t arch_kstack_alloc(void)
{
	unsigned slot;
	int i;

	spin_lock(&kernel_pt_lock);
	for (i = 0; i < KSTACK_SLOTS; i++) {
		slot = (kstack_next + (unsigned)i) % KSTACK_SLOTS;
		if (!(kstack_used[slot / 64] >> (slot % 64) & 1))
			break;
	}
	if (i == KSTACK_SLOTS)
		goto fail_unlock;
	kstack_used[slot / 64] |= 1ULL << (slot % 64);
	kstack_next = slot + 1;

	uintptr_t base = KSTACK_AREA + (uintptr_t)slot * KSTACK_SLOT_BYTES;
	for (i = 1; i <= KSTACK_PAGES; i++) {	/* page 0 is the guard: never mapped */
		uint64_t pa = frame_alloc();
		uint64_t *e = pa ? pt_entry(kernel_pml4, base + (uintptr_t)i * FRAME_SIZE, 0,
					    KERNEL_TABLE, true) : NULL;
		if (!e)
			goto fail_pages;
		*e = pa | PTE_P | PTE_W | pte_nx;
	}
	spin_unlock(&kernel_pt_lock);
	return base + KSTACK_SLOT_BYTES;

fail_pages:
	if (i > 1)
		kstack_unmap(base, 1, i - 1);
	kstack_used[slot / 64] &= ~(1ULL << (slot % 64));
fail_unlock:
	spin_unlock(&kernel_pt_lock);
	return 0;
}

/* The caller must not be running on this stack. */
void arch_kstack_free(uintptr_t top)
{
	uintptr_t off = top - KSTACK_AREA;
	unsigned slot = (unsigned)(off / KSTACK_SLOT_BYTES) - 1;

	if (top <= KSTACK_AREA || off % KSTACK_SLOT_BYTES || slot >= KSTACK_SLOTS)
		panic("arch_kstack_free: %#lx is not a kernel stack top", (unsigned long)top);
	spin_lock(&kernel_pt_lock);
	if (!(kstack_used[slot / 64] >> (slot % 64) & 1))
		panic("arch_kstack_free: stack %#lx freed twice", (unsigned long)top);
	kstack_unmap(top - KSTACK_SLOT_BYTES, 1, KSTACK_PAGES);
	kstack_used[slot / 64] &= ~(1ULL << (slot % 64));
	spin_unlock(&kernel_pt_lock);
}

/* ---- device memory ---- */

struct ioremap {
	uint64_t pa, end;
	uintptr_t va;
};
static struct ioremap ioremaps[32];	/* earlier mappings, reused; kernel_pt_lock */
static int nioremaps;
static uintptr_t ioremap_next = IOREMAP_AREA;

/*
 * Device registers get their own uncached (PCD|PWT) mapping in the ioremap area, in 4 KiB pages
 * and with an unmapped page between mappings. A range inside one mapped before is given the
 * same addresses again. Mappings are never removed (drivers keep them for the machine's life).
 */
void *arch_ioremap(uint64_t pa, size_t len)
{
	uint64_t first = ALIGN_DOWN(pa, FRAME_SIZE), end = ALIGN_UP(pa + len, FRAME_SIZE);
	uintptr_t va = 0;

	if (!kernel_pml4 || len == 0 || pa + len < pa || end < first)
		return NULL;
	spin_lock(&kernel_pt_lock);
	for (int i = 0; i < nioremaps; i++) {
		if (ioremaps[i].pa <= first && end <= ioremaps[i].end) {
			va = ioremaps[i].va + (first - ioremaps[i].pa);
			goto out;
		}
	}
	if (end - first > IOREMAP_END - ioremap_next - FRAME_SIZE)
		goto out;
	for (uint64_t off = 0; off < end - first; off += FRAME_SIZE) {
		uint64_t *e = pt_entry(kernel_pml4, ioremap_next + off, 0, KERNEL_TABLE, true);
		if (!e) {
			for (uint64_t undo = 0; undo < off; undo += FRAME_SIZE) {
				*pt_entry(kernel_pml4, ioremap_next + undo, 0, 0, false) = 0;
				invlpg(ioremap_next + undo);
			}
			goto out;
		}
		*e = (first + off) | PTE_P | PTE_W | PTE_PCD | PTE_PWT | pte_global | pte_nx;
	}
	va = ioremap_next;
	if (nioremaps < (int)ARRAY_SIZE(ioremaps))
		ioremaps[nioremaps++] = (struct ioremap){ first, end, va };
	ioremap_next += end - first + FRAME_SIZE;
out:
	spin_unlock(&kernel_pt_lock);
	return va ? (void *)(va + (pa - first)) : NULL;
}

/* ---- user address spaces ---- */

static bool user_va_ok(uintptr_t va)
{
	return va < ARCH_USER_TOP && !(va & (FRAME_SIZE - 1));
}

/* Is this user leaf entry a mapping (present, or PROT_NONE)? */
static bool pte_mapped(uint64_t e)
{
	return e & (PTE_P | PTE_PROTNONE);
}

static uint64_t user_pte(uint64_t pa, int prot)
{
	uint64_t e = pa;

	if (!(prot & PROT_EXEC))
		e |= PTE_NOEXEC | pte_nx;
	if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return e | PTE_PROTNONE;
	e |= PTE_P | PTE_U;
	if (prot & PROT_WRITE)
		e |= PTE_W;
	return e;
}

static int pte_prot(uint64_t e)
{
	if (!(e & PTE_P))
		return PROT_NONE;
	return PROT_READ | (e & PTE_W ? PROT_WRITE : 0) | (e & PTE_NOEXEC ? 0 : PROT_EXEC);
}

uint64_t arch_uvm_create(void)
{
	uint64_t root = table_alloc();

	if (root)
		memcpy(table_at(root) + 256, table_at(kernel_pml4) + 256, 256 * sizeof(uint64_t));
	return root;
}

/* Free the table at pa, a table of `level` (2 = PDPT, 1 = PD, 0 = PT), and those below it. */
static void free_tables(uint64_t pa, int level)
{
	if (level > 0) {
		uint64_t *t = table_at(pa);
		for (int i = 0; i < 512; i++)
			if (t[i] & PTE_P)
				free_tables(t[i] & PTE_ADDR, level - 1);
	}
	frame_free(pa);
}

void arch_uvm_destroy(uint64_t root)
{
	if (!root)
		return;
	if (root_active(root))
		write_cr3(kernel_pml4);
	uint64_t *pml4 = table_at(root);
	for (int i = 0; i < 256; i++)
		if (pml4[i] & PTE_P)
			free_tables(pml4[i] & PTE_ADDR, 2);
	frame_free(root);
}

int arch_uvm_map(uint64_t root, uintptr_t va, uint64_t pa, int prot)
{
	if (!user_va_ok(va) || (pa & ~PTE_ADDR))
		return -EINVAL;
	uint64_t *e = pt_entry(root, va, 0, USER_TABLE, true);
	if (!e)
		return -ENOMEM;
	uint64_t old = *e;
	*e = user_pte(pa, prot);
	if (pte_mapped(old) && root_active(root))
		invlpg(va);
	return 0;
}

uint64_t arch_uvm_unmap(uint64_t root, uintptr_t va)
{
	uint64_t *e = user_va_ok(va) ? pt_entry(root, va, 0, 0, false) : NULL;

	if (!e || !pte_mapped(*e))
		return 0;
	uint64_t pa = *e & PTE_ADDR;
	*e = 0;
	if (root_active(root))
		invlpg(va);
	return pa;
}

bool arch_uvm_lookup(uint64_t root, uintptr_t va, uint64_t *pa, int *prot)
{
	uint64_t *e = user_va_ok(ALIGN_DOWN(va, FRAME_SIZE)) ?
		pt_entry(root, ALIGN_DOWN(va, FRAME_SIZE), 0, 0, false) : NULL;

	if (!e || !pte_mapped(*e))
		return false;
	if (pa)
		*pa = *e & PTE_ADDR;
	if (prot)
		*prot = pte_prot(*e);
	return true;
}

void arch_uvm_protect(uint64_t root, uintptr_t va, int prot)
{
	uint64_t *e = user_va_ok(va) ? pt_entry(root, va, 0, 0, false) : NULL;

	if (!e || !pte_mapped(*e))
		return;
	*e = user_pte(*e & PTE_ADDR, prot);
	if (root_active(root))
		invlpg(va);
}

/* Visit the mapped pages of the table at pa (of `level`) that lie in [start, end). */
static void walk_table(uint64_t pa, int level, uintptr_t base, uintptr_t start, uintptr_t end,
		       void (*fn)(uintptr_t, uint64_t, int, void *), void *ctx)
{
	uint64_t *t = table_at(pa);
	uintptr_t span = 1UL << LEVEL_SHIFT(level);
	int n = level == 3 ? 256 : 512;		/* the root: only the user half */

	for (int i = 0; i < n; i++) {
		uintptr_t va = base + (uintptr_t)i * span;
		uint64_t e = t[i];

		if (va + span <= start)
			continue;
		if (va >= end)
			break;
		if (level == 0) {
			if (pte_mapped(e))
				fn(va, e & PTE_ADDR, pte_prot(e), ctx);
		} else if (e & PTE_P) {
			walk_table(e & PTE_ADDR, level - 1, va, start, end, fn, ctx);
		}
	}
}

void arch_uvm_walk(uint64_t root, uintptr_t start, uintptr_t end,
		   void (*fn)(uintptr_t va, uint64_t pa, int prot, void *ctx), void *ctx)
{
	walk_table(root, 3, 0, start, MIN(end, ARCH_USER_TOP), fn, ctx);
}

void arch_uvm_activate(uint64_t root)
{
	if (!root)
		root = kernel_pml4;
	if (!root_active(root))
		write_cr3(root);
}
