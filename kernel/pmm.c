/*
 * pmm.c - the physical frame allocator.
 *
 * Model: physical memory is a row of 4 KiB frames numbered from 0. One bit per frame says
 * whether it is taken; "taken" also covers everything that is not RAM (holes, firmware tables,
 * the kernel image), so the allocator never needs to know why a frame is unavailable. Bit f of
 * the map lives in words[f / 64]. A second level, summary, has one bit per word: set when that
 * word still has a free frame. Allocation looks for the first set bit in summary at or after
 * `cursor` (which is kept at or below the lowest word with a free frame), so it costs a couple
 * of word reads even with 8 GiB of memory (2 million frames, 512 summary words) and is O(1)
 * amortized: the cursor only moves back when a frame below it is freed.
 *
 * Frames are handed out lowest first. Memory above 4 GiB is covered like any other: the map
 * simply ends at the highest usable frame, and the holes below it are marked taken.
 *
 * Everything above the "kernel allocator" line is pure and is unit-tested on the host
 * (tests/host/test_pmm.c). The kernel allocator wraps one frame_map in a spinlock.
 */
#include "kernel.h"
#include "pmm.h"
#include "spinlock.h"
#include "string.h"
#include "uapi/errno.h"

#define ALL_TAKEN	(~0ULL)
#define FRAMES_PER_SUMMARY_WORD	(64 * 64)

/* Frames beyond this are ignored: the kernel's direct map covers 64 TiB. */
#define PMM_MAX_PHYS	(1ULL << 46)

size_t frame_map_bytes(uint64_t nframes)
{
	uint64_t nwords = (nframes + 63) / 64;
	uint64_t nsummary = (nwords + 63) / 64;

	return (nwords + nsummary) * sizeof(uint64_t);
}

/* Keep summary bit w (and the cursor) in step with words[w]. */
static void summary_update(struct frame_map *m, uint64_t w)
{
	uint64_t s = w / 64, bit = 1ULL << (w % 64);

	if (m->words[w] != ALL_TAKEN) {
		m->summary[s] |= bit;
		if (s < m->cursor)
			m->cursor = s;
	} else {
		m->summary[s] &= ~bit;
	}
}

void frame_map_init(struct frame_map *m, void *storage, uint64_t nframes)
{
	m->nframes = nframes;
	m->nwords = (nframes + 63) / 64;
	m->nsummary = (m->nwords + 63) / 64;
	m->words = storage;
	m->summary = m->words + m->nwords;
	memset(m->words, 0xff, m->nwords * sizeof(uint64_t));
	memset(m->summary, 0, m->nsummary * sizeof(uint64_t));
	m->nfree = 0;
	m->ntotal = 0;
	m->cursor = m->nsummary;
}

/* Set (taken) or clear (free) the bits of frames [first, last), a word at a time. */
static void set_range(struct frame_map *m, uint64_t first, uint64_t last, bool taken)
{
	if (last > m->nframes)
		last = m->nframes;
	while (first < last) {
		uint64_t w = first / 64, bit = first % 64;
		uint64_t n = MIN(64 - bit, last - first);
		uint64_t mask = n == 64 ? ALL_TAKEN : ((1ULL << n) - 1) << bit;
		uint64_t old = m->words[w];
		uint64_t new = taken ? old | mask : old & ~mask;

		/* a free frame is a 0 bit: count the zeros that appeared or disappeared */
		m->nfree += (uint64_t)__builtin_popcountll(old & mask);
		m->nfree -= (uint64_t)__builtin_popcountll(new & mask);
		m->words[w] = new;
		summary_update(m, w);
		first += n;
	}
}

void frame_map_set_free(struct frame_map *m, uint64_t first, uint64_t last)
{
	set_range(m, first, last, false);
}

void frame_map_set_used(struct frame_map *m, uint64_t first, uint64_t last)
{
	set_range(m, first, last, true);
}

uint64_t frame_map_alloc(struct frame_map *m)
{
	for (uint64_t s = m->cursor; s < m->nsummary; s++) {
		if (!m->summary[s])
			continue;
		uint64_t w = s * 64 + (uint64_t)__builtin_ctzll(m->summary[s]);
		uint64_t b = (uint64_t)__builtin_ctzll(~m->words[w]);

		m->words[w] |= 1ULL << b;
		m->cursor = s;
		summary_update(m, w);
		m->nfree--;
		return w * 64 + b;
	}
	m->cursor = m->nsummary;
	return FRAME_NONE;
}

/*
 * First fit for a run of n free frames, starting at the cursor. Whole free or whole taken words
 * are stepped over 64 frames at a time. This is for the rare large allocation (big kmalloc
 * blocks, boot-time tables), so a linear scan is fine.
 */
uint64_t frame_map_alloc_contig(struct frame_map *m, uint64_t n)
{
	uint64_t run = 0, start = 0;

	if (n == 0)
		return FRAME_NONE;
	for (uint64_t f = m->cursor * FRAMES_PER_SUMMARY_WORD; f < m->nframes;) {
		uint64_t word = m->words[f / 64];

		if (f % 64 == 0 && word == ALL_TAKEN) {
			run = 0;
			f += 64;
			continue;
		}
		if (f % 64 == 0 && word == 0) {
			if (!run)
				start = f;
			run += 64;
			f += 64;
		} else {
			if (word >> (f % 64) & 1) {
				run = 0;
			} else {
				if (!run)
					start = f;
				run++;
			}
			f++;
		}
		if (run >= n) {
			set_range(m, start, start + n, true);
			return start;
		}
	}
	return FRAME_NONE;
}

bool frame_map_is_free(const struct frame_map *m, uint64_t f)
{
	return f < m->nframes && !(m->words[f / 64] >> (f % 64) & 1);
}

bool frame_map_free(struct frame_map *m, uint64_t f)
{
	if (f >= m->nframes || frame_map_is_free(m, f))
		return false;
	m->words[f / 64] &= ~(1ULL << (f % 64));
	m->nfree++;
	summary_update(m, f / 64);
	return true;
}

/* End of a memory-map entry, clamped: a bogus length must not wrap around. */
static uint64_t range_end(const struct mem_range *r)
{
	uint64_t end = r->base + r->len;

	if (end < r->base || end > PMM_MAX_PHYS)
		end = PMM_MAX_PHYS;
	return end;
}

/* Does [a, b) overlap a blocker: a non-usable map entry, a reserved range or frame 0? */
static bool blocked(const struct mem_range *mem, int nmem, const struct phys_range *res, int nres,
		    uint64_t a, uint64_t b, uint64_t *blocker_end)
{
	*blocker_end = FRAME_SIZE;
	if (a < FRAME_SIZE)
		return true;
	for (int i = 0; i < nmem; i++) {
		*blocker_end = ALIGN_UP(range_end(&mem[i]), FRAME_SIZE);
		if (mem[i].type != MEM_USABLE && mem[i].base < b && range_end(&mem[i]) > a)
			return true;
	}
	for (int i = 0; i < nres; i++) {
		*blocker_end = ALIGN_UP(res[i].end, FRAME_SIZE);
		if (res[i].start < b && res[i].end > a)
			return true;
	}
	return false;
}

/* Lowest page-aligned free address with len bytes below `below`, or FRAME_NONE. */
static uint64_t find_room(const struct mem_range *mem, int nmem, const struct phys_range *res,
			  int nres, uint64_t len, uint64_t below)
{
	uint64_t best = FRAME_NONE;

	for (int i = 0; i < nmem; i++) {
		if (mem[i].type != MEM_USABLE)
			continue;
		uint64_t c = ALIGN_UP(mem[i].base, FRAME_SIZE);
		uint64_t hi = ALIGN_DOWN(MIN(range_end(&mem[i]), below), FRAME_SIZE);
		uint64_t next;

		while (c + len <= hi && blocked(mem, nmem, res, nres, c, c + len, &next))
			c = MAX(next, c + FRAME_SIZE);
		if (c + len <= hi && c < best)
			best = c;
	}
	return best;
}

int frame_map_build(struct frame_map *m, const struct mem_range *mem, int nmem,
		    const struct phys_range *reserved, int nreserved, uintptr_t virt_offset,
		    uint64_t below)
{
	uint64_t top = 0;

	for (int i = 0; i < nmem; i++)
		if (mem[i].type == MEM_USABLE)
			top = MAX(top, ALIGN_DOWN(range_end(&mem[i]), FRAME_SIZE));
	if (top == 0)
		return -ENOMEM;

	uint64_t nframes = top >> FRAME_SHIFT;
	uint64_t len = ALIGN_UP(frame_map_bytes(nframes), FRAME_SIZE);
	uint64_t place = find_room(mem, nmem, reserved, nreserved, len, below);
	if (place == FRAME_NONE)
		return -ENOMEM;

	frame_map_init(m, (void *)(uintptr_t)(place + virt_offset), nframes);
	for (int i = 0; i < nmem; i++)
		if (mem[i].type == MEM_USABLE)
			set_range(m, ALIGN_UP(mem[i].base, FRAME_SIZE) >> FRAME_SHIFT,
				  range_end(&mem[i]) >> FRAME_SHIFT, false);
	/* Firmware maps can overlap: whatever any non-usable entry claims stays taken. */
	for (int i = 0; i < nmem; i++)
		if (mem[i].type != MEM_USABLE)
			set_range(m, mem[i].base >> FRAME_SHIFT,
				  ALIGN_UP(range_end(&mem[i]), FRAME_SIZE) >> FRAME_SHIFT, true);
	for (int i = 0; i < nreserved; i++)
		set_range(m, reserved[i].start >> FRAME_SHIFT,
			  ALIGN_UP(reserved[i].end, FRAME_SIZE) >> FRAME_SHIFT, true);
	set_range(m, place >> FRAME_SHIFT, (place + len) >> FRAME_SHIFT, true);
	set_range(m, 0, 1, true);	/* physical address 0 means "no frame" */
	m->ntotal = m->nfree;
	return 0;
}

uint64_t pmm_usable_bytes(const struct mem_range *mem, int nmem)
{
	uint64_t sum = 0;

	for (int i = 0; i < nmem; i++)
		if (mem[i].type == MEM_USABLE)
			sum += range_end(&mem[i]) - MIN(mem[i].base, range_end(&mem[i]));
	return sum;
}

/* ---- the kernel allocator ---- */

static struct frame_map frames;			/* guarded by frames_lock */
static struct spinlock frames_lock = SPINLOCK_INIT("frames");
static uintptr_t frames_virt_offset;

int pmm_init(const struct mem_range *mem, int nmem, const struct phys_range *reserved,
	     int nreserved, uintptr_t virt_offset, uint64_t below)
{
	frames_virt_offset = virt_offset;
	return frame_map_build(&frames, mem, nmem, reserved, nreserved, virt_offset, below);
}

void pmm_set_virt_offset(uintptr_t virt_offset)
{
	spin_lock(&frames_lock);
	frames.words = (uint64_t *)((uintptr_t)frames.words - frames_virt_offset + virt_offset);
	frames.summary = frames.words + frames.nwords;
	frames_virt_offset = virt_offset;
	spin_unlock(&frames_lock);
}

uint64_t frame_alloc(void)
{
	spin_lock(&frames_lock);
	uint64_t f = frame_map_alloc(&frames);
	spin_unlock(&frames_lock);
	return f == FRAME_NONE ? 0 : f << FRAME_SHIFT;
}

uint64_t frame_alloc_contig(size_t n)
{
	spin_lock(&frames_lock);
	uint64_t f = frame_map_alloc_contig(&frames, n);
	spin_unlock(&frames_lock);
	return f == FRAME_NONE ? 0 : f << FRAME_SHIFT;
}

void frame_free(uint64_t pa)
{
	spin_lock(&frames_lock);
	bool ok = (pa & (FRAME_SIZE - 1)) == 0 && frame_map_free(&frames, pa >> FRAME_SHIFT);
	spin_unlock(&frames_lock);
	if (!ok)
		panic("frame_free: %#lx is not an allocated frame (double free?)",
		      (unsigned long)pa);
}

void frame_free_contig(uint64_t pa, size_t n)
{
	for (size_t i = 0; i < n; i++)
		frame_free(pa + i * FRAME_SIZE);
}

bool frame_is_free(uint64_t pa)
{
	spin_lock(&frames_lock);
	bool free = frame_map_is_free(&frames, pa >> FRAME_SHIFT);
	spin_unlock(&frames_lock);
	return free;
}

uint64_t frames_free(void)
{
	return __atomic_load_n(&frames.nfree, __ATOMIC_RELAXED);
}

uint64_t frames_total(void)
{
	return frames.ntotal;
}

uint64_t frames_end(void)
{
	return frames.nframes;
}
