/*
 * paging_test.c - in-kernel tests of the page tables (suite "paging") and of the user-memory
 * copy routines (suite "uaccess").
 *
 * They read page-table entries instead of provoking faults where they can (the guard page is
 * checked to be absent, not touched). The uaccess tests build a small user address space with
 * arch_uvm_*, load it, and copy in and out of it; the fault cases need the page-fault handler's
 * exception-table fixup (arch/x86_64/trap.c).
 */
#include "kernel.h"
#include "boot.h"
#include "ktest.h"
#include "pmm.h"
#include "frameref.h"
#include "spinlock.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/mman.h"
#include <arch.h>
#include "x86.h"
#include "paging.h"

extern char __text_start[], __rodata_start[], __data_start[];

static bool pte_present(uint64_t *e)
{
	return e && (*e & PTE_P);
}

/* What the kernel must keep (kernel image, boot information, modules) is not free. */
KTEST(pmm, boot_ranges_reserved)
{
	extern char __kernel_end[];
	int free = 0;

	for (uint64_t pa = 0; pa < 0x100000; pa += FRAME_SIZE)
		free += frame_is_free(pa);
	for (uintptr_t va = (uintptr_t)__text_start; va < (uintptr_t)__kernel_end; va += FRAME_SIZE)
		free += frame_is_free(va - KERNEL_VMA);
	free += frame_is_free(boot_info.info_start) + frame_is_free(boot_info.info_end - 1);
	for (int i = 0; i < boot_info.nmodules; i++)
		for (uint64_t pa = boot_info.modules[i].start; pa < boot_info.modules[i].end;
		     pa += FRAME_SIZE)
			free += frame_is_free(pa);
	KEXPECT_EQ(free, 0);
	kprintf("#   %d boot module(s)\n", boot_info.nmodules);
}

KTEST(paging, low_identity_map_gone)
{
	uint64_t *pml4 = arch_phys_to_virt(read_cr3() & PTE_ADDR);

	KEXPECT_EQ(pml4[0], 0);
	KEXPECT(!pte_present(paging_pte(0, 0x100000)));
	KEXPECT_EQ(read_cr3() & PTE_ADDR, paging_kernel_root());
}

static volatile int test_data_word = 1;

KTEST(paging, kernel_image_rights)
{
	uint32_t a, b, c, d;
	uint64_t *text = paging_pte(0, (uintptr_t)__text_start);
	uint64_t *ro = paging_pte(0, (uintptr_t)__rodata_start);
	uint64_t *data = paging_pte(0, (uintptr_t)&test_data_word);

	cpuid(0x80000001, 0, &a, &b, &c, &d);
	bool nx = d >> 20 & 1;
	KEXPECT(pte_present(text) && pte_present(ro) && pte_present(data));
	if (!text || !ro || !data)
		return;
	KEXPECT(!(*text & PTE_W) && !(*text & PTE_NX));
	KEXPECT(!(*ro & PTE_W));
	KEXPECT(*data & PTE_W);
	KEXPECT_EQ(!!(*ro & PTE_NX), nx);
	KEXPECT_EQ(!!(*data & PTE_NX), nx);
	KEXPECT_EQ(!!(rdmsr(MSR_EFER) & EFER_NXE), nx);
	KEXPECT_EQ((*text & PTE_ADDR) + KERNEL_VMA, (uintptr_t)__text_start);
}

KTEST(paging, smep_smap_match_cpuid)
{
	uint32_t max, a, b, c, d;

	cpuid(0, 0, &max, &b, &c, &d);
	b = 0;
	if (max >= 7)
		cpuid(7, 0, &a, &b, &c, &d);
	KEXPECT_EQ(!!(read_cr4() & CR4_SMEP), b >> 7 & 1);
	KEXPECT_EQ(!!(read_cr4() & CR4_SMAP), b >> 20 & 1);
	KEXPECT_EQ(uaccess_smap, b >> 20 & 1);
}

/* The same bytes through the kernel image mapping and through the direct map. */
KTEST(paging, direct_map_aliases_ram)
{
	volatile int *alias = arch_phys_to_virt((uintptr_t)&test_data_word - KERNEL_VMA);

	test_data_word = 0x1234;
	KEXPECT_EQ(*alias, 0x1234);
	*alias = 0x4321;
	KEXPECT_EQ(test_data_word, 0x4321);
	/* the first and last frames the allocator covers are mapped (a fault would panic) */
	volatile uint8_t *first = arch_phys_to_virt(0x100000);
	volatile uint8_t *last = arch_phys_to_virt((frames_end() - 1) * FRAME_SIZE);
	uint8_t y = *last;

	(void)*first;
	*last = y;
	KEXPECT(!pte_present(paging_pte(0, (uintptr_t)first)));	/* a huge page, not a PT */
}

KTEST(paging, kstack_guard_page)
{
	uintptr_t warm = arch_kstack_alloc();	/* the area's page tables stay: not a leak */

	if (warm)
		arch_kstack_free(warm);
	uint64_t start = frames_free();
	uintptr_t top = arch_kstack_alloc(), top2 = arch_kstack_alloc();
	uintptr_t bottom = top - KSTACK_PAGES * FRAME_SIZE;

	KEXPECT(top && top2 && top != top2);
	if (!top || !top2)
		return;
	KEXPECT(top >= KSTACK_AREA);
	KEXPECT(!pte_present(paging_pte(0, bottom - FRAME_SIZE)));	/* the guard */
	int bad = 0;
	for (uintptr_t va = bottom; va < top; va += FRAME_SIZE) {
		uint64_t *e = paging_pte(0, va);
		bad += !pte_present(e) || !(*e & PTE_W) || (*e & PTE_U);
	}
	KEXPECT_EQ(bad, 0);
	memset((void *)bottom, 0xcc, KSTACK_PAGES * FRAME_SIZE);
	KEXPECT_EQ(frames_free(), start - 2 * KSTACK_PAGES);
	arch_kstack_free(top);
	arch_kstack_free(top2);
	KEXPECT(!pte_present(paging_pte(0, bottom)));
	KEXPECT_EQ(frames_free(), start);
}

/* The BIOS ROM at 0xf0000 seen uncached through ioremap equals its direct-map view. */
KTEST(paging, ioremap_uncached)
{
	const uint8_t *rom = arch_ioremap(0xf0010, 64);
	const uint8_t *again = arch_ioremap(0xf0000, 16);

	KEXPECT(rom != NULL);
	if (!rom)
		return;
	KEXPECT_EQ((uintptr_t)rom % FRAME_SIZE, 0x10);
	KEXPECT_EQ((uintptr_t)again, (uintptr_t)rom - 0x10);
	KEXPECT_EQ(memcmp(rom, arch_phys_to_virt(0xf0010), 64), 0);
	uint64_t *e = paging_pte(0, (uintptr_t)rom);
	KEXPECT(pte_present(e) && (*e & PTE_PCD) && (*e & PTE_PWT));
	KEXPECT(arch_ioremap(0, 0) == NULL);
	KEXPECT(arch_ioremap(~0ULL - 10, 100) == NULL);
}

struct walk_log {
	int n;
	uintptr_t va[8];
	int prot[8];
};

static void log_page(uintptr_t va, uint64_t pa, int prot, void *ctx)
{
	struct walk_log *log = ctx;

	(void)pa;
	if (log->n < 8) {
		log->va[log->n] = va;
		log->prot[log->n] = prot;
	}
	log->n++;
}

static const struct {
	uintptr_t va;
	int prot;
} maps[] = {
	{ 0x400000, PROT_READ | PROT_WRITE },
	{ 0x401000, PROT_NONE },
	{ 0x10000000000, PROT_READ | PROT_EXEC },
	{ ARCH_USER_TOP - 0x1000, PROT_READ },
};

KTEST(paging, uvm_map_lookup_walk)
{
	uint64_t start = frames_free(), pa[ARRAY_SIZE(maps)];
	uint64_t root = arch_uvm_create();

	KEXPECT(root != 0);
	if (!root)
		return;
	uint64_t *upper = arch_phys_to_virt(root);
	uint64_t *kernel = arch_phys_to_virt(paging_kernel_root());
	KEXPECT_EQ(memcmp(upper + 256, kernel + 256, 256 * 8), 0);
	for (size_t i = 0; i < ARRAY_SIZE(maps); i++) {
		pa[i] = user_frame_alloc();
		KEXPECT_EQ(arch_uvm_map(root, maps[i].va, pa[i], maps[i].prot), 0);
	}
	KEXPECT_EQ(arch_uvm_map(root, 0xffff800000000000UL, pa[0], PROT_READ), -EINVAL);
	KEXPECT_EQ(arch_uvm_map(root, 0x400100, pa[0], PROT_READ), -EINVAL);

	for (size_t i = 0; i < ARRAY_SIZE(maps); i++) {
		uint64_t got = 0;
		int prot = -1;
		KEXPECT(arch_uvm_lookup(root, maps[i].va + 5, &got, &prot));
		KEXPECT_EQ(got, pa[i]);
		KEXPECT_EQ(prot, maps[i].prot);
	}
	KEXPECT(!arch_uvm_lookup(root, 0x402000, NULL, NULL));
	uint64_t *e = paging_pte(root, 0x400000);
	KEXPECT(pte_present(e) && (*e & PTE_U) && (*e & PTE_W));
	e = paging_pte(root, 0x401000);
	KEXPECT(e && !(*e & PTE_P));		/* PROT_NONE: kept, but not present */

	struct walk_log log = { 0 };
	arch_uvm_walk(root, 0, ARCH_USER_TOP, log_page, &log);
	KEXPECT_EQ(log.n, (int)ARRAY_SIZE(maps));
	for (size_t i = 0; i < ARRAY_SIZE(maps) && i < 8; i++) {
		KEXPECT_EQ(log.va[i], maps[i].va);
		KEXPECT_EQ(log.prot[i], maps[i].prot);
	}
	log.n = 0;
	arch_uvm_walk(root, 0x401000, 0x10000001000, log_page, &log);
	KEXPECT_EQ(log.n, 2);

	arch_uvm_protect(root, 0x400000, PROT_READ);
	int prot = 0;
	arch_uvm_lookup(root, 0x400000, NULL, &prot);
	KEXPECT_EQ(prot, PROT_READ);
	for (size_t i = 0; i < ARRAY_SIZE(maps); i++) {
		KEXPECT_EQ(arch_uvm_unmap(root, maps[i].va), pa[i]);
		frame_ref_put(pa[i]);
	}
	KEXPECT_EQ(arch_uvm_unmap(root, 0x400000), 0);
	arch_uvm_destroy(root);
	KEXPECT_EQ(frames_free(), start);
}

KTEST(uaccess, range_checks)
{
	char buf[16];

	KEXPECT(user_range_ok((void *)0x1000, 0x1000));
	KEXPECT(user_range_ok((void *)(ARCH_USER_TOP - 8), 8));
	KEXPECT(!user_range_ok((void *)(ARCH_USER_TOP - 8), 9));
	KEXPECT(!user_range_ok((void *)0x1000, SIZE_MAX));		/* wraps around */
	KEXPECT(!user_range_ok(buf, 1));				/* a kernel address */
	KEXPECT_EQ(copy_from_user(buf, (void *)KERNEL_VMA, 8), -EFAULT);
	KEXPECT_EQ(copy_to_user(buf, "x", 1), -EFAULT);
	KEXPECT_EQ(clear_user((void *)(ARCH_USER_TOP - 1), 2), -EFAULT);
	KEXPECT_EQ(strncpy_from_user(buf, (void *)KERNEL_VMA, sizeof(buf)), -EFAULT);
}

/* Is there an exception-table fixup in this kernel (arch/x86_64/trap.c)? */
#pragma weak extable_fixup
struct trap_frame;
int extable_fixup(struct trap_frame *tf);
extern const uint64_t __ex_table_start[], __ex_table_end[];
extern char uaccess_copy_insn[], uaccess_clear_insn[], uaccess_strncpy_insn[];

/* Does the exception table (read as 16-byte entries, as trap.c does) list insn? */
static bool extable_lists(const void *insn)
{
	for (const uint64_t *e = __ex_table_start; e + 1 < __ex_table_end; e += 2)
		if (e[0] == (uintptr_t)insn)
			return true;
	return false;
}

#define U_RW	0x400000UL	/* read/write page; the page after it is not mapped */
#define U_RO	0x402000UL	/* read-only page */

KTEST(uaccess, copy_in_and_out)
{
	uint64_t start = frames_free();
	uint64_t root = arch_uvm_create(), rw = user_frame_alloc(), ro = user_frame_alloc();
	char buf[256];

	KEXPECT(root && rw && ro);
	if (!root || !rw || !ro)
		return;
	KEXPECT_EQ(arch_uvm_map(root, U_RW, rw, PROT_READ | PROT_WRITE), 0);
	KEXPECT_EQ(arch_uvm_map(root, U_RO, ro, PROT_READ), 0);
	strlcpy(arch_phys_to_virt(ro), "read-only text", 64);
	char *rw_k = arch_phys_to_virt(rw);

	push_off();		/* stay on this CPU and in this address space */
	arch_uvm_activate(root);
	KEXPECT_EQ(copy_to_user((void *)U_RW, "hello, user", 12), 0);
	KEXPECT_EQ(strcmp(rw_k, "hello, user"), 0);
	KEXPECT_EQ(copy_from_user(buf, (void *)U_RO, 15), 0);
	KEXPECT_EQ(strcmp(buf, "read-only text"), 0);
	KEXPECT_EQ(strncpy_from_user(buf, (void *)U_RO, sizeof(buf)), 14);
	KEXPECT_EQ(strncpy_from_user(buf, (void *)U_RO, 14), -ENAMETOOLONG);
	KEXPECT_EQ(strncpy_from_user(buf, (void *)U_RO, 15), 14);
	uint32_t v = 0;
	KEXPECT_EQ(put_user((uint32_t)0xdeadbeef, (uint32_t *)(U_RW + 100)), 0);
	KEXPECT_EQ(get_user(v, (uint32_t *)(U_RW + 100)), 0);
	KEXPECT_EQ(v, 0xdeadbeef);
	KEXPECT_EQ(clear_user((void *)U_RW, 4096), 0);
	KEXPECT_EQ(rw_k[0] | rw_k[4095] | rw_k[100], 0);

	bool listed = extable_lists(uaccess_copy_insn) && extable_lists(uaccess_clear_insn) &&
		      extable_lists(uaccess_strncpy_insn);
	KEXPECT(listed || !extable_fixup);	/* else .ex_table is malformed (misaligned?) */
	if (extable_fixup && listed) {
		/* faults: the handler finds no page (vm_user_fault) and takes the fixup */
		KEXPECT_EQ(copy_from_user(buf, (void *)(U_RW + 4096), 8), -EFAULT);
		KEXPECT_EQ(copy_from_user(buf, (void *)(U_RW + 4090), 16), -EFAULT);
		KEXPECT_EQ(copy_to_user((void *)U_RO, "x", 1), -EFAULT);	/* read-only */
		KEXPECT_EQ(clear_user((void *)(U_RW + 4000), 200), -EFAULT);
		KEXPECT_EQ(rw_k[4095], 0);	/* clear_user wrote up to the fault: harmless */
		memset(rw_k + 4000, 'a', 96);
		KEXPECT_EQ(strncpy_from_user(buf, (void *)(U_RW + 4000), 64), -ENAMETOOLONG);
		KEXPECT_EQ(strncpy_from_user(buf, (void *)(U_RW + 4000), 200), -EFAULT);
	} else if (!extable_fixup) {
		kprintf("#   no exception table fixup in this kernel: fault cases skipped\n");
	}
	arch_uvm_activate(0);
	pop_off();

	arch_uvm_unmap(root, U_RW);
	arch_uvm_unmap(root, U_RO);
	frame_ref_put(rw);
	frame_ref_put(ro);
	arch_uvm_destroy(root);
	KEXPECT_EQ(frames_free(), start);
}
