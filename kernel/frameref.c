/*
 * frameref.c - reference counts on the frames mapped into user space.
 *
 * Model: one 32-bit counter per frame of RAM, in an array indexed by frame number and sized
 * from the highest frame the allocator covers (4 bytes per 4 KiB frame: 0.1% of memory). A
 * frame with count 0 is not a user frame; user_frame_alloc() gives count 1, and the last
 * frame_ref_put() frees the frame. The counters change with atomic instructions, so two
 * address spaces sharing a frame (after fork) need no common lock to drop their references.
 */
#include "kernel.h"
#include "frameref.h"
#include "pmm.h"
#include "string.h"
#include "uapi/errno.h"
#include <arch.h>

static uint32_t *refs;		/* refs[frame number]; atomic */
static uint64_t nrefs;

int frameref_init(void)
{
	uint64_t bytes = frames_end() * sizeof(uint32_t);
	uint64_t pa = frame_alloc_contig((bytes + FRAME_SIZE - 1) / FRAME_SIZE);

	if (!pa)
		return -ENOMEM;
	refs = arch_phys_to_virt(pa);
	memset(refs, 0, bytes);
	nrefs = frames_end();
	return 0;
}

/* The counter of frame pa; a frame outside RAM is a kernel bug. */
static uint32_t *ref_of(uint64_t pa)
{
	uint64_t f = pa >> FRAME_SHIFT;

	if (f >= nrefs || (pa & (FRAME_SIZE - 1)))
		panic("frameref: %#lx is not a frame of RAM", (unsigned long)pa);
	return &refs[f];
}

uint64_t user_frame_alloc(void)
{
	uint64_t pa = frame_alloc();

	if (!pa)
		return 0;
	memset(arch_phys_to_virt(pa), 0, FRAME_SIZE);
	__atomic_store_n(ref_of(pa), 1, __ATOMIC_RELEASE);
	return pa;
}

void frame_ref_get(uint64_t pa)
{
	uint32_t old = __atomic_fetch_add(ref_of(pa), 1, __ATOMIC_RELAXED);

	if (old == 0 || old == UINT32_MAX)
		panic("frame_ref_get: frame %#lx has count %u", (unsigned long)pa, old);
}

void frame_ref_put(uint64_t pa)
{
	uint32_t old = __atomic_fetch_sub(ref_of(pa), 1, __ATOMIC_ACQ_REL);

	if (old == 0)
		panic("frame_ref_put: frame %#lx was not referenced", (unsigned long)pa);
	if (old == 1)
		frame_free(pa);
}

unsigned frame_ref_count(uint64_t pa)
{
	return __atomic_load_n(ref_of(pa), __ATOMIC_RELAXED);
}
