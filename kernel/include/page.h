/*
 * page.h - whole 4 KiB pages for kernel data structures.
 *
 * Pages are physical frames seen through the direct map, so the address returned is a kernel
 * virtual address that stays valid whatever address space is loaded.
 */
#ifndef NIDO_PAGE_H
#define NIDO_PAGE_H

#include <stddef.h>

void *page_alloc(void);		/* one page, contents undefined; NULL when out of memory */
void *page_alloc_zeroed(void);	/* one page filled with zeros; NULL when out of memory */
void page_free(void *page);
/* n physically contiguous pages (large kmalloc blocks); NULL when there is no such run. */
void *pages_alloc(size_t n);
void pages_free(void *p, size_t n);	/* p and n exactly as allocated */

#endif
