/*
 * test_pmm.c - the frame bitmap of kernel/pmm.c, on its own.
 *
 * Builds frame maps from hand-written memory maps (QEMU-like ones with 64 MiB and with 6 GiB
 * split around the PCI hole, unaligned and overlapping entries) and checks what is free, that
 * the reserved ranges and the bitmap itself are never handed out, exhaustion, freeing, counting,
 * contiguous runs, and the lowest-first order with the cursor.
 */
// SOURCES: kernel/pmm.c tests/host/stubs.c
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernel.h"
#include "pmm.h"
#include "uapi/errno.h"

#define KiB 1024ULL
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)

/* Storage for the bitmap: frame_map_build places it at a physical address we predict. */
static void *storage;

static uintptr_t offset_for(uint64_t expected_pa, uint64_t nframes)
{
	free(storage);
	storage = calloc(1, ALIGN_UP(frame_map_bytes(nframes), 4096));
	return (uintptr_t)storage - expected_pa;
}

/* QEMU's map for -m 64M under SeaBIOS. */
static const struct mem_range map64[] = {
	{ 0x0, 0x9fc00, MEM_USABLE },
	{ 0x9fc00, 0x400, MEM_RESERVED },
	{ 0xf0000, 0x10000, MEM_RESERVED },
	{ 0x100000, 64 * MiB - 0x100000 - 0x20000, MEM_USABLE },
	{ 64 * MiB - 0x20000, 0x20000, MEM_RESERVED },
	{ 0xfffc0000, 0x40000, MEM_RESERVED },
};

/* Low 1 MiB, a 1 MiB kernel, the boot information, a 300 KiB unaligned initrd. */
static const struct phys_range res64[] = {
	{ 0, 1 * MiB },
	{ 1 * MiB, 2 * MiB },
	{ 0x210000, 0x210800 },
	{ 0x300000, 0x300000 + 300 * KiB + 17 },
};

static void test_build_64m(void)
{
	struct frame_map m;
	uint64_t nframes = (64 * MiB - 0x20000) / 4096;

	/* the bitmap goes to the first free page above the kernel: 2 MiB (0x210000 is taken) */
	CHECK_EQ(frame_map_build(&m, map64, 6, res64, 4, offset_for(2 * MiB, nframes), 4 * GiB), 0);
	CHECK_EQ(m.nframes, nframes);
	CHECK(!frame_map_is_free(&m, 0));
	CHECK(!frame_map_is_free(&m, 0x9f));	/* below 1 MiB: reserved */
	CHECK(!frame_map_is_free(&m, 0x100));	/* kernel */
	CHECK(!frame_map_is_free(&m, 0x200));	/* the bitmap itself */
	CHECK(!frame_map_is_free(&m, 0x210));	/* boot information */
	CHECK(frame_map_is_free(&m, 0x211));
	CHECK(!frame_map_is_free(&m, 0x300));	/* initrd, first and last page */
	CHECK(!frame_map_is_free(&m, 0x34b));
	CHECK(frame_map_is_free(&m, 0x34c));
	CHECK(frame_map_is_free(&m, nframes - 1));
	CHECK(!frame_map_is_free(&m, nframes));

	/* expected free: [0x201, 0x210) + [0x211, 0x300) + [0x34c, nframes) */
	uint64_t expect = (0x210 - 0x201) + (0x300 - 0x211) + (nframes - 0x34c);
	CHECK_EQ(m.nfree, expect);
	CHECK_EQ(m.ntotal, expect);
	CHECK_EQ(pmm_usable_bytes(map64, 6), 0x9fc00 + 64 * MiB - 0x100000 - 0x20000);
}

static void test_exhaust_and_free(void)
{
	struct frame_map m;
	uint64_t nframes = (64 * MiB - 0x20000) / 4096;

	CHECK_EQ(frame_map_build(&m, map64, 6, res64, 4, offset_for(2 * MiB, nframes), 4 * GiB), 0);
	uint64_t total = m.nfree;
	uint64_t *got = malloc(total * sizeof(*got));
	uint64_t n = 0, f, prev = 0;
	bool ascending = true, all_free_before = true;

	while ((f = frame_map_alloc(&m)) != FRAME_NONE) {
		if (n >= total)
			break;
		ascending &= f > prev;
		prev = f;
		got[n++] = f;
	}
	CHECK_EQ(n, total);
	CHECK(ascending);		/* lowest first, never the same frame twice */
	CHECK_EQ(m.nfree, 0);
	CHECK_EQ(frame_map_alloc(&m), FRAME_NONE);
	CHECK_EQ(frame_map_alloc_contig(&m, 1), FRAME_NONE);
	CHECK_EQ(got[0], 0x201);

	/* free every other one backwards; the next allocation is the lowest freed */
	for (uint64_t i = n; i-- > 0;)
		if (i % 2 == 0) {
			all_free_before &= !frame_map_is_free(&m, got[i]);
			CHECK(frame_map_free(&m, got[i]));
		}
	CHECK(all_free_before);
	CHECK_EQ(m.nfree, (n + 1) / 2);
	CHECK(!frame_map_free(&m, got[0]));	/* double free is refused */
	CHECK(!frame_map_free(&m, nframes + 5));	/* outside the map */
	CHECK_EQ(frame_map_alloc(&m), got[0]);
	CHECK_EQ(frame_map_alloc(&m), got[2]);
	CHECK(frame_map_free(&m, got[0]));
	CHECK(frame_map_free(&m, got[2]));
	for (uint64_t i = 0; i < n; i++)
		if (i % 2 == 1)
			CHECK(frame_map_free(&m, got[i]));
	CHECK_EQ(m.nfree, total);
	free(got);
}

/* -m 6G on i440fx: 3 GiB below the hole, 3 GiB above 4 GiB. */
static const struct mem_range map6g[] = {
	{ 0x0, 0x9fc00, MEM_USABLE },
	{ 0x100000, 3 * GiB - 0x100000 - 0x20000, MEM_USABLE },
	{ 3 * GiB - 0x20000, 0x20000, MEM_RESERVED },
	{ 0xfeffc000, 0x4000, MEM_RESERVED },
	{ 4 * GiB, 3 * GiB, MEM_USABLE },
};

static void test_above_4g(void)
{
	struct frame_map m;
	uint64_t nframes = 7 * GiB / 4096;
	const struct phys_range res[] = { { 0, 2 * MiB } };

	CHECK_EQ(frame_map_build(&m, map6g, 5, res, 1, offset_for(2 * MiB, nframes), 4 * GiB), 0);
	CHECK_EQ(m.nframes, nframes);
	uint64_t bitmap_frames = ALIGN_UP(frame_map_bytes(nframes), 4096) / 4096;
	uint64_t below = (3 * GiB - 0x20000) / 4096 - 512 - bitmap_frames;
	CHECK_EQ(m.nfree, below + 3 * GiB / 4096);
	CHECK(!frame_map_is_free(&m, 3 * GiB / 4096));		/* the hole */
	CHECK(!frame_map_is_free(&m, 4 * GiB / 4096 - 1));
	CHECK(frame_map_is_free(&m, 4 * GiB / 4096));
	CHECK(frame_map_is_free(&m, nframes - 1));

	/* take everything below the hole; the next frame is the first one above 4 GiB */
	for (uint64_t i = 0; i < below; i++)
		if (frame_map_alloc(&m) >= 3 * GiB / 4096)
			CHECK(0);
	CHECK_EQ(frame_map_alloc(&m), 4 * GiB / 4096);
	uint64_t run = frame_map_alloc_contig(&m, 1000);
	CHECK_EQ(run, 4 * GiB / 4096 + 1);
	for (uint64_t i = 0; i < 1000; i++)
		CHECK(!frame_map_is_free(&m, run + i));
	CHECK_EQ(m.nfree, 3 * GiB / 4096 - 1001);
}

/* Entries that do not start or end on a page, that overlap, and a bogus huge length. */
static void test_unaligned_and_overlapping(void)
{
	struct frame_map m;
	const struct mem_range map[] = {
		{ 0x100800, 0x3000, MEM_USABLE },	/* whole: 0x101, 0x102; 0x103 partly */
		{ 0x200000, 0x10000, MEM_USABLE },
		{ 0x208100, 0x100, MEM_ACPI_NVS },	/* takes page 0x208 out */
		{ 0x20c000, 0x8000, MEM_USABLE },	/* overlaps the previous usable entry */
		{ 0x300000, 0x1000, MEM_BAD },
	};
	uint64_t nframes = 0x214;

	CHECK_EQ(frame_map_build(&m, map, 5, NULL, 0, offset_for(0x101000, nframes), 4 * GiB), 0);
	CHECK_EQ(m.nframes, nframes);
	CHECK(!frame_map_is_free(&m, 0x100));
	CHECK(!frame_map_is_free(&m, 0x101));	/* the bitmap (one page) */
	CHECK(frame_map_is_free(&m, 0x102));
	CHECK(!frame_map_is_free(&m, 0x103));	/* only 0x800 bytes of it are RAM */
	CHECK(!frame_map_is_free(&m, 0x208));
	CHECK(frame_map_is_free(&m, 0x20f));	/* counted once although listed twice */
	CHECK_EQ(m.nfree, 1 + (0x214 - 0x200) - 1);

	/* a contiguous run skips the hole at 0x208 */
	CHECK_EQ(frame_map_alloc_contig(&m, 8), 0x200);
	CHECK_EQ(frame_map_alloc_contig(&m, 8), 0x209);
	CHECK_EQ(frame_map_alloc_contig(&m, 4), FRAME_NONE);
	CHECK_EQ(frame_map_alloc_contig(&m, 3), 0x211);
	CHECK_EQ(frame_map_alloc(&m), 0x102);
	CHECK_EQ(m.nfree, 0);

	/* no usable memory at all, or no room for the bitmap below the limit */
	const struct mem_range none[] = { { 0, 0x100000, MEM_RESERVED } };
	CHECK_EQ(frame_map_build(&m, none, 1, NULL, 0, 0, 4 * GiB), -ENOMEM);
	CHECK_EQ(frame_map_build(&m, map, 5, NULL, 0, 0, 0x100000), -ENOMEM);

	const struct mem_range huge[] = {
		{ 0x100000, 0x100000, MEM_USABLE },
		{ 0x200000, ~0ULL - 0x1000, MEM_RESERVED },
	};
	CHECK_EQ(frame_map_build(&m, huge, 2, NULL, 0, offset_for(0x100000, 0x200), 4 * GiB), 0);
	CHECK_EQ(m.nfree, 0xff);
}

/* Frames freed after a long run of taken words pull the cursor back. */
static void test_cursor(void)
{
	struct frame_map m;
	uint64_t nframes = 100000;
	void *buf = calloc(1, frame_map_bytes(nframes));

	frame_map_init(&m, buf, nframes);
	CHECK_EQ(frame_map_alloc(&m), FRAME_NONE);
	frame_map_set_free(&m, 10, nframes);
	CHECK_EQ(m.nfree, nframes - 10);
	for (uint64_t i = 10; i < 90000; i++)
		if (frame_map_alloc(&m) != i)
			CHECK(0);
	CHECK(frame_map_free(&m, 17));
	CHECK(frame_map_free(&m, 70000));
	CHECK_EQ(frame_map_alloc(&m), 17);
	CHECK_EQ(frame_map_alloc(&m), 70000);
	CHECK_EQ(frame_map_alloc(&m), 90000);
	frame_map_set_used(&m, 0, nframes);
	CHECK_EQ(m.nfree, 0);
	CHECK_EQ(frame_map_alloc(&m), FRAME_NONE);
	free(buf);
}

int main(void)
{
	RUN(test_build_64m);
	RUN(test_exhaust_and_free);
	RUN(test_above_4g);
	RUN(test_unaligned_and_overlapping);
	RUN(test_cursor);
	free(storage);
	return check_summary();
}
