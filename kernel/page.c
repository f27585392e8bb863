/*
 * page.c - whole pages for kernel data: frames from pmm.c seen through the direct map.
 *
 * Every frame of RAM is mapped at ARCH_DIRECT_MAP + its physical address, so a frame is a
 * usable kernel pointer as soon as it is allocated, in every address space. Freed pages are
 * filled with PAGE_POISON in DEBUG builds, so a use after free reads garbage that stands out.
 */
#include "kernel.h"
#include "page.h"
#include "pmm.h"
#include "string.h"
#include <arch.h>

#define PAGE_POISON	0x6b	/* Linux's POISON_FREE */

void *page_alloc(void)
{
	uint64_t pa = frame_alloc();

	return pa ? arch_phys_to_virt(pa) : NULL;
}

void *page_alloc_zeroed(void)
{
	void *p = page_alloc();

	if (p)
		memset(p, 0, FRAME_SIZE);
	return p;
}

void page_free(void *page)
{
	if (!page)
		return;
#ifdef DEBUG
	memset(page, PAGE_POISON, FRAME_SIZE);
#endif
	frame_free(arch_virt_to_phys(page));
}

void *pages_alloc(size_t n)
{
	uint64_t pa = n == 1 ? frame_alloc() : frame_alloc_contig(n);

	return pa ? arch_phys_to_virt(pa) : NULL;
}

void pages_free(void *p, size_t n)
{
	if (!p)
		return;
#ifdef DEBUG
	memset(p, PAGE_POISON, n * FRAME_SIZE);
#endif
	frame_free_contig(arch_virt_to_phys(p), n);
}
