/*
 * page.h - whole 4 KiB pages for kernel data structures.
 *
 * Pages are physical frames seen through the direct map, so the address returned is a kernel
 * virtual address that stays valid whatever address space is loaded.
 */
#ifndef NIDO_PAGE_H
#define NIDO_PAGE_H

void *page_alloc(void);		/* one page, contents undefined; NULL when out of memory */
void *page_alloc_zeroed(void);	/* one page filled with zeros; NULL when out of memory */
void page_free(void *page);

#endif
