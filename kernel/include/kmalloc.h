/*
 * kmalloc.h - the kernel's general-purpose allocator.
 *
 * Small objects come from power-of-two size classes carved out of whole pages; anything larger
 * than half a page is served by contiguous frames. kfree() finds the size of a block by itself.
 */
#ifndef NIDO_KMALLOC_H
#define NIDO_KMALLOC_H

#include <stddef.h>
#include <stdint.h>

void *kmalloc(size_t size);	/* NULL when out of memory; contents undefined */
void *kzalloc(size_t size);	/* like kmalloc, zero-filled */
void kfree(void *p);		/* kfree(NULL) does nothing */

/*
 * Start the allocator; every page it may be given lies in [base, base + npages * 4 KiB) (the
 * direct map of all frames). 0 or -ENOMEM. Called once by mm_init.
 */
int kmalloc_init(uintptr_t base, size_t npages);
/* The size class index serving `size` (0 = 16 bytes ... 7 = 2048), -1 for whole pages. */
int kmalloc_size_class(size_t size);

#endif
