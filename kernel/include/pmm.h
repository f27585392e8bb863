/*
 * pmm.h - the physical frame allocator: which 4 KiB frames of RAM are free.
 *
 * The allocator is a bitmap with one bit per frame (set = in use, or not RAM at all) and a
 * second, 64 times smaller bitmap that says which words of the first still have a free bit, so
 * finding a free frame reads a few words whatever the size of memory. It is built once from the
 * boot loader's memory map minus the ranges the kernel must keep (the low 1 MiB, the kernel
 * image, the boot information, the modules). Frames are named by physical address; 0 means "no
 * frame" (frame 0 is in the low 1 MiB and is never handed out).
 *
 * struct frame_map and its functions are pure (no locks, no globals) so that tests/host/test_pmm.c
 * can run them on the host; frame_alloc() and friends are the locked kernel-wide allocator.
 */
#ifndef NIDO_PMM_H
#define NIDO_PMM_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "boot.h"

#define FRAME_SHIFT	12
#define FRAME_SIZE	(1UL << FRAME_SHIFT)
#define FRAME_NONE	UINT64_MAX	/* "no frame number" from the frame_map functions */

/* A physical address range [start, end); need not be page aligned. */
struct phys_range {
	uint64_t start, end;
};

struct frame_map {
	uint64_t *words;	/* bit f set: frame f is in use or not RAM */
	uint64_t *summary;	/* bit w set: words[w] has at least one free frame */
	uint64_t nframes;	/* frames covered: numbers [0, nframes) */
	uint64_t nwords, nsummary;
	uint64_t nfree;		/* frames free now */
	uint64_t ntotal;	/* frames the allocator manages (free when it was built) */
	uint64_t cursor;	/* no summary word below this index has a bit set */
};

/* ---- the pure bitmap ---- */
size_t frame_map_bytes(uint64_t nframes);	/* storage frame_map_init needs, 8-aligned */
/* Cover frames [0, nframes) with `storage` (frame_map_bytes long); every frame starts in use. */
void frame_map_init(struct frame_map *m, void *storage, uint64_t nframes);
/* Mark frames [first, last) free or in use; frames outside the map are ignored. */
void frame_map_set_free(struct frame_map *m, uint64_t first, uint64_t last);
void frame_map_set_used(struct frame_map *m, uint64_t first, uint64_t last);
uint64_t frame_map_alloc(struct frame_map *m);		/* lowest free frame, or FRAME_NONE */
uint64_t frame_map_alloc_contig(struct frame_map *m, uint64_t n);	/* first of n, or NONE */
bool frame_map_free(struct frame_map *m, uint64_t f);	/* false: f was already free */
bool frame_map_is_free(const struct frame_map *m, uint64_t f);

/*
 * Build a map from a memory map: free = usable ranges (shrunk to whole frames) minus every other
 * range of the memory map and minus `reserved` (both grown to whole frames). The bitmap itself
 * is placed at the lowest usable address that is free and below `below`, and marked in use;
 * the allocator reaches it at physical address + virt_offset. 0, or -ENOMEM when there is no
 * usable memory or no room for the bitmap.
 */
int frame_map_build(struct frame_map *m, const struct mem_range *mem, int nmem,
		    const struct phys_range *reserved, int nreserved, uintptr_t virt_offset,
		    uint64_t below);

/* ---- the kernel's allocator (locked) ---- */
/* Build the kernel's frame map (see frame_map_build); 0 or -ENOMEM. */
int pmm_init(const struct mem_range *mem, int nmem, const struct phys_range *reserved,
	     int nreserved, uintptr_t virt_offset, uint64_t below);
/* The page tables changed: the bitmap is now reached at physical address + virt_offset. */
void pmm_set_virt_offset(uintptr_t virt_offset);
uint64_t frame_alloc(void);			/* a free frame's physical address, or 0 */
uint64_t frame_alloc_contig(size_t n);		/* n physically contiguous frames, or 0 */
void frame_free(uint64_t pa);			/* pa from frame_alloc; double free panics */
void frame_free_contig(uint64_t pa, size_t n);
uint64_t frames_free(void);			/* frames free now (for leak checks) */
bool frame_is_free(uint64_t pa);		/* is the frame holding pa free now? */
uint64_t frames_total(void);			/* frames the allocator manages */
uint64_t frames_end(void);			/* one past the highest frame number covered */
uint64_t pmm_usable_bytes(const struct mem_range *mem, int nmem);	/* RAM in the map */

#endif
