/*
 * pidmap.c - handing out the numbers of one pspace.
 *
 * Every pspace numbers its processes independently, so every pspace has its own allocator: a
 * bitmap with one bit per number, split into 4 KiB pages of 32768 bits each. The array of page
 * pointers is sized for PID_MAX_LIMIT (2^22 numbers, 128 pages), but a page is allocated only when
 * a number in its range is first handed out. A fresh pspace therefore costs no bitmap memory at
 * all, a typical one costs one page, and a process numbered 4000000 costs the page that number
 * lives in and nothing else. Pages are kept until the pspace itself is freed; a page that filled
 * up once is likely to fill up again.
 *
 * The policy is Linux's, so that programs that watch pid numbers behave the same on both:
 *   - numbers are handed out sequentially from a cursor (last_pid, "ns_last_pid" in /proc), so a
 *     number that has just been freed is not reused until the cursor comes round again;
 *   - numbers are < pid_max; after pid_max - 1 the search wraps round to RESERVED_PIDS (300),
 *     leaving the low numbers to the daemons that started first. While the cursor has not yet
 *     passed 300 (a young pspace) it wraps to 1 instead, so a pspace always gets its init as 1;
 *   - taken numbers are skipped; when none is free below pid_max the answer is -EAGAIN;
 *   - asking for a particular number (clone3's set_tid) does not move the cursor.
 *
 * Number 0 is never handed out: its bit is set when page 0 is allocated, so that the free
 * counts are exact and "0 means no process" holds in every pspace.
 *
 * Cost: allocation is one bit set in the common case. The worst case, all numbers but one taken,
 * reads each non-full page once, 512 words per page, and skips full pages by their count.
 *
 * Every function here is called with pid_lock held; none of them takes a lock itself.
 */
#include "pspace.h"

#include "kernel.h"
#include "page.h"
#include "uapi/errno.h"

#define WORD_BITS	64
#define WORDS_PER_PAGE	(PIDMAP_PAGE_BYTES / 8)

_Static_assert(PID_MAX_LIMIT % PIDMAP_BITS_PER_PAGE == 0, "pidmap pages must tile PID_MAX_LIMIT");
_Static_assert(RESERVED_PIDS + 1 <= PID_MAX_DEFAULT, "RESERVED_PIDS leaves no number to use");

/* An empty allocator whose first number will be 1. */
void pidmap_init(struct pidmap *map, int pid_max)
{
	map->last_pid = 0;
	map->pid_max = pid_max;
	map->nr_pages = 0;
	for (int i = 0; i < PIDMAP_PAGES; i++) {
		map->pages[i].bits = NULL;
		map->pages[i].nr_free = PIDMAP_BITS_PER_PAGE;
	}
}

/* Give back every bitmap page. The map must hold no numbers any more. */
void pidmap_destroy(struct pidmap *map)
{
	for (int i = 0; i < PIDMAP_PAGES; i++) {
		if (map->pages[i].bits)
			page_free(map->pages[i].bits);
		map->pages[i].bits = NULL;
	}
	map->nr_pages = 0;
}

static bool bit_is_set(const uint64_t *bits, int n)
{
	return bits[n / WORD_BITS] & (1ULL << (n % WORD_BITS));
}

/*
 * The first clear bit of `bits` in [from, to), both offsets within one page, or -1. The mask
 * drops the bits below `from` in the first word; a free bit found past `to` does not count.
 */
static int page_find_clear(const uint64_t *bits, int from, int to)
{
	int w = from / WORD_BITS;
	uint64_t free = ~bits[w] & (~0ULL << (from % WORD_BITS));

	for (;;) {
		if (free) {
			int n = w * WORD_BITS + __builtin_ctzll(free);
			return n < to ? n : -1;
		}
		if (++w * WORD_BITS >= to)
			return -1;
		free = ~bits[w];
	}
}

/* The first free number in [from, to), or -1. A page not yet allocated is all free. */
static int find_free(const struct pidmap *map, int from, int to)
{
	int nr = from;

	while (nr < to) {
		int index = nr / PIDMAP_BITS_PER_PAGE;
		int base = index * PIDMAP_BITS_PER_PAGE;
		int end = MIN(base + PIDMAP_BITS_PER_PAGE, to);
		const struct pidmap_page *page = &map->pages[index];

		if (!page->bits)
			return nr;
		if (page->nr_free > 0) {
			int n = page_find_clear(page->bits, nr - base, end - base);
			if (n >= 0)
				return base + n;
		}
		nr = base + PIDMAP_BITS_PER_PAGE;
	}
	return -1;
}

/* Take free number `nr`, allocating its page first if need be. 0 or -ENOMEM. */
static int take(struct pidmap *map, int nr)
{
	struct pidmap_page *page = &map->pages[nr / PIDMAP_BITS_PER_PAGE];
	int n = nr % PIDMAP_BITS_PER_PAGE;

	if (!page->bits) {
		page->bits = page_alloc_zeroed();
		if (!page->bits)
			return -ENOMEM;
		map->nr_pages++;
		page->nr_free = PIDMAP_BITS_PER_PAGE;
		if (nr < PIDMAP_BITS_PER_PAGE) {
			page->bits[0] |= 1;	/* number 0 is never handed out */
			page->nr_free--;
		}
	}
	page->bits[n / WORD_BITS] |= 1ULL << (n % WORD_BITS);
	page->nr_free--;
	return 0;
}

/* The next number after the cursor; see the head comment for the policy. */
int pidmap_alloc(struct pidmap *map)
{
	int next = map->last_pid + 1;
	int min = next > RESERVED_PIDS ? RESERVED_PIDS : 1;
	int start = MAX(next, min);
	int nr, err;

	nr = find_free(map, start, map->pid_max);
	if (nr < 0)
		nr = find_free(map, min, MIN(start, map->pid_max));
	if (nr < 0)
		return -EAGAIN;
	err = take(map, nr);
	if (err)
		return err;
	map->last_pid = nr;
	return nr;
}

/* Exactly number `nr`, leaving the cursor where it is. */
int pidmap_alloc_nr(struct pidmap *map, int nr)
{
	int err;

	if (nr < 1 || nr >= map->pid_max)
		return -EINVAL;
	if (pidmap_busy(map, nr))
		return -EEXIST;
	err = take(map, nr);
	return err ? err : nr;
}

/* Give `nr` back. It must be taken. */
void pidmap_free(struct pidmap *map, int nr)
{
	struct pidmap_page *page = &map->pages[nr / PIDMAP_BITS_PER_PAGE];
	int n = nr % PIDMAP_BITS_PER_PAGE;

	assert(nr > 0 && page->bits && bit_is_set(page->bits, n));
	page->bits[n / WORD_BITS] &= ~(1ULL << (n % WORD_BITS));
	page->nr_free++;
}

/* Whether `nr` is taken. Number 0 and numbers out of range read as free. */
bool pidmap_busy(const struct pidmap *map, int nr)
{
	const struct pidmap_page *page;

	if (nr < 1 || nr >= PID_MAX_LIMIT)
		return false;
	page = &map->pages[nr / PIDMAP_BITS_PER_PAGE];
	return page->bits && bit_is_set(page->bits, nr % PIDMAP_BITS_PER_PAGE);
}

/* The smallest taken number >= nr, or 0. Scans whole words at a time, skips absent pages. */
int pidmap_next_busy(const struct pidmap *map, int nr)
{
	nr = MAX(nr, 1);
	while (nr < PID_MAX_LIMIT) {
		int index = nr / PIDMAP_BITS_PER_PAGE;
		int base = index * PIDMAP_BITS_PER_PAGE;
		const struct pidmap_page *page = &map->pages[index];

		if (page->bits && page->nr_free < PIDMAP_BITS_PER_PAGE) {
			int n = nr - base;
			int w = n / WORD_BITS;
			uint64_t used = page->bits[w] & (~0ULL << (n % WORD_BITS));

			for (;;) {
				if (used) {
					int found = base + w * WORD_BITS + __builtin_ctzll(used);
					if (found > 0)
						return found;
					used &= used - 1;	/* number 0's reserved bit */
					continue;
				}
				if (++w == WORDS_PER_PAGE)
					break;
				used = page->bits[w];
			}
		}
		nr = base + PIDMAP_BITS_PER_PAGE;
	}
	return 0;
}
