/*
 * kmalloc.h - the kernel's general-purpose allocator.
 *
 * Small objects come from power-of-two size classes carved out of whole pages; anything larger
 * than half a page is served by contiguous frames. kfree() finds the size of a block by itself.
 */
#ifndef NIDO_KMALLOC_H
#define NIDO_KMALLOC_H

#include <stddef.h>

void *kmalloc(size_t size);	/* NULL when out of memory; contents undefined */
void *kzalloc(size_t size);	/* like kmalloc, zero-filled */
void kfree(void *p);		/* kfree(NULL) does nothing */

#endif
