/*
 * paging.h - x86_64 page-table entries and the kernel's virtual memory layout, for arch/x86_64/.
 *
 * Layout of the kernel half (every address space shares it; see paging.c):
 *
 *	0xffff800000000000	direct map: all RAM and all of 0-4 GiB, at physical + this
 *	0xffffff0000000000	kernel stacks, each with an unmapped guard page below it
 *	0xffffff4000000000	arch_ioremap: device registers, uncached
 *	0xffffffff80000000	the kernel image (text RX, rodata R, data and bss RW)
 */
#ifndef NIDO_PAGING_H
#define NIDO_PAGING_H

#include <stdint.h>
#include <stdbool.h>

#define PTE_P		(1ULL << 0)	/* present */
#define PTE_W		(1ULL << 1)	/* writable */
#define PTE_U		(1ULL << 2)	/* user accessible */
#define PTE_PWT		(1ULL << 3)	/* write-through */
#define PTE_PCD		(1ULL << 4)	/* cache disabled */
#define PTE_A		(1ULL << 5)	/* accessed */
#define PTE_D		(1ULL << 6)	/* dirty */
#define PTE_PS		(1ULL << 7)	/* 2 MiB / 1 GiB page (in a PD / PDPT entry) */
#define PTE_G		(1ULL << 8)	/* global: kept in the TLB across CR3 loads */
#define PTE_PROTNONE	(1ULL << 9)	/* software: a PROT_NONE user page (not present) */
#define PTE_NOEXEC	(1ULL << 10)	/* software: the mapping was made without PROT_EXEC */
#define PTE_NX		(1ULL << 63)	/* no execute (only when EFER.NXE is on) */
#define PTE_ADDR	0x000ffffffffff000ULL

#define KSTACK_AREA	0xffffff0000000000UL
#define KSTACK_SLOTS	65536
#define IOREMAP_AREA	0xffffff4000000000UL
#define IOREMAP_END	0xffffff8000000000UL
#define DIRECT_MAP_MAX	(1ULL << 46)	/* the direct map covers at most 64 TiB */

/* Set by mm_init when the CPU has SMAP: usercopy.asm brackets user accesses with STAC/CLAC. */
extern uint8_t uaccess_smap;

/*
 * The page-table entry that maps kernel or user address va in the tree under root (0: the
 * kernel's tables), or NULL when a table on the way is missing or va lies in a huge page.
 * For tests and diagnostics.
 */
uint64_t *paging_pte(uint64_t root, uintptr_t va);
uint64_t paging_kernel_root(void);

/* Load the kernel's tables and paging features (NX, global pages, SMEP, SMAP) on this CPU. */
void paging_cpu_init(void);

#endif
