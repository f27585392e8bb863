/*
 * qsort.c - sorting (qsort) and binary search (bsearch) over arrays of any element type.
 *
 * qsort() is a heapsort: O(n log n) comparisons in every case, no recursion, no extra memory.
 * (A textbook quicksort is faster on average but degrades to O(n^2) on unlucky input, and
 * qsort() must cope with any input a program throws at it.) It is not stable, which C allows.
 *
 * The heap is the usual array-as-tree: the children of element i are 2i+1 and 2i+2.
 */
#include <stdlib.h>
#include <string.h>

typedef int (*cmp_fn)(const void *, const void *);

static void swap_bytes(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Move element `root` down until neither child is bigger; the heap is elements [0, n). */
static void sift_down(char *base, size_t root, size_t n, size_t size, cmp_fn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

void qsort(void *base, size_t n, size_t size, cmp_fn cmp)
{
	char *b = base;

	if (n < 2 || size == 0)
		return;
	/* build a max-heap, then repeatedly move the maximum to the end */
	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (size_t end = n - 1; end > 0; end--) {
		swap_bytes(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}

/* Find key in a sorted array; any matching element if several match, NULL if none does. */
void *bsearch(const void *key, const void *base, size_t n, size_t size, cmp_fn cmp)
{
	const char *b = base;

	while (n > 0) {
		const char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);

		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
