/*
 * mm_test.c - in-kernel tests of the frame allocator, frame refcounts and kmalloc.
 *
 * These run on the real memory map (test=pmm,kmalloc): every test checks that frames_free()
 * comes back to where it started, which is how leaks are caught. The pure bitmap logic is
 * also tested on the host (tests/host/test_pmm.c, test_kmalloc.c).
 */
#include "kernel.h"
#include "ktest.h"
#include "pmm.h"
#include "page.h"
#include "kmalloc.h"
#include "frameref.h"
#include "string.h"
#include <arch.h>

#define NFRAMES	2048

/* Allocate many frames, each stamped with its index: a frame handed out twice loses a stamp. */
KTEST(pmm, alloc_free_many)
{
	uint64_t *pa = kmalloc(NFRAMES * sizeof(*pa));
	uint64_t start = frames_free();
	int n;

	KEXPECT(pa != NULL);
	if (!pa)
		return;
	uint64_t t0 = arch_cycles();
	for (n = 0; n < NFRAMES; n++)
		if (!(pa[n] = frame_alloc()))
			break;
	uint64_t t1 = arch_cycles();
	for (int i = 0; i < n; i++)
		*(uint64_t *)arch_phys_to_virt(pa[i]) = (uint64_t)i;
	KEXPECT_EQ(n, NFRAMES);
	KEXPECT_EQ(frames_free(), start - (uint64_t)n);
	int bad = 0;
	for (int i = 0; i < n; i++) {
		bad += pa[i] % FRAME_SIZE != 0 || pa[i] < 0x100000;
		bad += pa[i] >= frames_end() * FRAME_SIZE;
		bad += *(uint64_t *)arch_phys_to_virt(pa[i]) != (uint64_t)i;
	}
	KEXPECT_EQ(bad, 0);
	uint64_t t2 = arch_cycles();
	for (int i = 0; i < n; i++)
		frame_free(pa[i]);
	uint64_t t3 = arch_cycles();
	KEXPECT_EQ(frames_free(), start);
	kfree(pa);
	kprintf("#   cycles per frame_alloc %lu, per frame_free %lu\n",
		(unsigned long)((t1 - t0) / NFRAMES), (unsigned long)((t3 - t2) / NFRAMES));
}

/*
 * Take every free frame (chained through the frames themselves), check the count, that the
 * allocator then says no, and that memory above 4 GiB was handed out when there is some.
 */
KTEST(pmm, exhaust_and_restore)
{
	uint64_t start = frames_free(), head = 0, n = 0, highest = 0, pa;

	while ((pa = frame_alloc()) != 0) {
		*(uint64_t *)arch_phys_to_virt(pa) = head;
		head = pa;
		highest = MAX(highest, pa);
		n++;
	}
	KEXPECT_EQ(n, start);
	KEXPECT_EQ(frames_free(), 0);
	KEXPECT_EQ(frame_alloc_contig(1), 0);
	if (frames_end() > (4ULL << 30) / FRAME_SIZE)
		KEXPECT(highest >= (4ULL << 30));
	while (head) {
		uint64_t next = *(uint64_t *)arch_phys_to_virt(head);
		frame_free(head);
		head = next;
	}
	KEXPECT_EQ(frames_free(), start);
	kprintf("#   %lu frames, highest at %#lx\n", (unsigned long)n, (unsigned long)highest);
}

KTEST(pmm, contiguous)
{
	uint64_t start = frames_free();
	uint64_t pa = frame_alloc_contig(100);

	KEXPECT(pa != 0 && pa % FRAME_SIZE == 0);
	KEXPECT_EQ(frames_free(), start - 100);
	memset(arch_phys_to_virt(pa), 0x5a, 100 * FRAME_SIZE);	/* all of it is RAM, mapped */
	frame_free_contig(pa, 100);
	KEXPECT_EQ(frames_free(), start);
}

KTEST(pmm, frameref_counts)
{
	uint64_t start = frames_free();
	uint64_t pa = user_frame_alloc();

	KEXPECT(pa != 0);
	if (!pa)
		return;
	const uint8_t *p = arch_phys_to_virt(pa);
	int nonzero = 0;
	for (size_t i = 0; i < FRAME_SIZE; i++)
		nonzero += p[i] != 0;
	KEXPECT_EQ(nonzero, 0);
	KEXPECT_EQ(frame_ref_count(pa), 1);
	frame_ref_get(pa);
	KEXPECT_EQ(frame_ref_count(pa), 2);
	frame_ref_put(pa);
	KEXPECT_EQ(frame_ref_count(pa), 1);
	KEXPECT_EQ(frames_free(), start - 1);
	frame_ref_put(pa);
	KEXPECT_EQ(frame_ref_count(pa), 0);
	KEXPECT_EQ(frames_free(), start);
}

KTEST(kmalloc, size_classes)
{
	KEXPECT_EQ(kmalloc_size_class(0), 0);
	KEXPECT_EQ(kmalloc_size_class(1), 0);
	KEXPECT_EQ(kmalloc_size_class(16), 0);
	KEXPECT_EQ(kmalloc_size_class(17), 1);
	KEXPECT_EQ(kmalloc_size_class(1024), 6);
	KEXPECT_EQ(kmalloc_size_class(1025), 7);
	KEXPECT_EQ(kmalloc_size_class(2048), 7);
	KEXPECT_EQ(kmalloc_size_class(2049), -1);
}

static const size_t sizes[] = { 1, 8, 16, 24, 100, 256, 700, 1024, 2000, 2048, 2049, 4096,
				5000, 70000 };
#define PER_SIZE 40

/* One round: PER_SIZE blocks of every size, each filled with its own byte, checked, freed. */
static int pattern_round(void)
{
	static void *blocks[ARRAY_SIZE(sizes)][PER_SIZE];
	int bad = 0;

	for (size_t s = 0; s < ARRAY_SIZE(sizes); s++)
		for (int i = 0; i < PER_SIZE; i++) {
			blocks[s][i] = kmalloc(sizes[s]);
			if (!blocks[s][i])
				return -1;
			memset(blocks[s][i], (int)(s * PER_SIZE + i), sizes[s]);
		}
	for (size_t s = 0; s < ARRAY_SIZE(sizes); s++)
		for (int i = 0; i < PER_SIZE; i++) {
			const uint8_t *b = blocks[s][i];
			bad += sizes[s] > 2048 && (uintptr_t)b % FRAME_SIZE != 0;
			bad += sizes[s] <= 2048 && (uintptr_t)b % 16 != 0;
			for (size_t j = 0; j < sizes[s]; j++)
				bad += b[j] != (uint8_t)(s * PER_SIZE + i);
		}
	for (size_t s = 0; s < ARRAY_SIZE(sizes); s++)
		for (int i = PER_SIZE; i-- > 0;)
			kfree(blocks[s][i]);
	return bad;
}

/* Blocks never overlap, are aligned, and a second identical round leaks no frame. */
KTEST(kmalloc, patterns_and_leaks)
{
	static void *p[256];

	KEXPECT_EQ(pattern_round(), 0);
	uint64_t t0 = arch_cycles();
	for (int i = 0; i < 256; i++)
		p[i] = kmalloc(64);
	uint64_t t1 = arch_cycles();
	for (int i = 0; i < 256; i++)
		kfree(p[i]);
	uint64_t t2 = arch_cycles();
	kprintf("#   cycles per kmalloc(64) %lu, per kfree %lu\n", (unsigned long)((t1 - t0) / 256),
		(unsigned long)((t2 - t1) / 256));
	uint64_t after_first = frames_free();	/* now each class holds one spare slab */
	KEXPECT_EQ(pattern_round(), 0);
	KEXPECT_EQ(frames_free(), after_first);
}

KTEST(kmalloc, kzalloc_zeroes)
{
	uint8_t *p = kmalloc(300);

	KEXPECT(p != NULL);
	memset(p, 0xff, 300);
	kfree(p);
	p = kzalloc(300);
	int nonzero = 0;
	for (int i = 0; i < 300; i++)
		nonzero += p[i] != 0;
	KEXPECT_EQ(nonzero, 0);
	kfree(p);
	kfree(NULL);
}

#ifdef DEBUG
/* A freed block is poisoned (reading it here is the use after free the poison exposes). */
KTEST(kmalloc, freed_blocks_poisoned)
{
	uint8_t *p = kmalloc(64);
	int unpoisoned = 0;

	memset(p, 0, 64);
	kfree(p);
	for (int i = 8; i < 64; i++)
		unpoisoned += p[i] != 0x6b;
	KEXPECT_EQ(unpoisoned, 0);
}
#endif

KTEST(kmalloc, pages)
{
	uint64_t start = frames_free();
	void *a = page_alloc(), *z = page_alloc_zeroed(), *big = pages_alloc(8);
	int nonzero = 0;

	KEXPECT(a && z && big);
	for (size_t i = 0; z && i < FRAME_SIZE; i++)
		nonzero += ((uint8_t *)z)[i] != 0;
	KEXPECT_EQ(nonzero, 0);
	KEXPECT_EQ(frames_free(), start - 10);
	page_free(a);
	page_free(z);
	pages_free(big, 8);
	KEXPECT_EQ(frames_free(), start);
}
