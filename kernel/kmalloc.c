/*
 * kmalloc.c - the kernel's general-purpose allocator: size classes carved from pages.
 *
 * Model: a request of up to 2048 bytes is rounded up to one of eight power-of-two size classes
 * (16, 32, ..., 2048). Each class owns slabs: single pages cut into equal blocks, the free ones
 * chained through their first word. A larger request gets whole, physically contiguous pages.
 *
 * kfree() is given only a pointer, so every page kmalloc uses is tagged in a table with one word
 * per page: either the page's slab descriptor (which says the class) or, for the first page of
 * a large block, (number of pages << 1) | 1. Keeping the descriptors off the page lets a 2048-byte
 * class fit two blocks per page, and lets kfree() reject a pointer kmalloc never returned.
 *
 * Fail loudly (DEBUG builds): freed blocks are filled with KMALLOC_POISON, and kmalloc() checks
 * that the poison is intact before handing a block out again, so a write after free is caught at
 * the next allocation of that block; each slab also keeps a bitmap of its blocks in use, so a
 * double free or a pointer into the middle of a block panics at the kfree().
 *
 * One spinlock guards everything; the slab fast path is a list head and a freelist pop.
 */
#include "kernel.h"
#include "kmalloc.h"
#include "page.h"
#include "list.h"
#include "spinlock.h"
#include "string.h"
#include "uapi/errno.h"

#define KM_PAGE		4096UL
#define KM_MIN_SHIFT	4			/* smallest class: 16 bytes */
#define KM_CLASSES	8			/* 16 .. 2048 */
#define KM_MAX_SMALL	(1UL << (KM_MIN_SHIFT + KM_CLASSES - 1))
#define SLAB_MAGIC	0x534c4142u		/* "SLAB" */
#define TAG_LARGE	1UL
#define KMALLOC_POISON	0x6b

struct slab {
	uint32_t magic;
	uint16_t cls;			/* index into classes[] */
	uint16_t nfree;
	char *page;			/* the page the blocks are carved from */
	void *freelist;			/* free blocks, linked through their first word */
	struct list_head link;		/* on its class's partial list, or in the pool */
#ifdef DEBUG
	uint64_t inuse[KM_PAGE >> KM_MIN_SHIFT >> 6];	/* block i allocated: bit i */
#endif
};

struct km_class {
	size_t size;
	unsigned per_page;
	struct list_head partial;	/* slabs with at least one free block */
	struct slab *spare;		/* one empty slab kept against page churn, or NULL */
};

static struct km_class classes[KM_CLASSES];	/* all of this file's state: kmalloc_lock */
static struct list_head free_descs = LIST_HEAD_INIT(free_descs);
static uintptr_t *tags;		/* one per page from tag_base on, tag_pages of them */
static uintptr_t tag_base;
static size_t tag_pages;
static struct spinlock kmalloc_lock = SPINLOCK_INIT("kmalloc");

int kmalloc_size_class(size_t size)
{
	if (size > KM_MAX_SMALL)
		return -1;
	int cls = 0;
	while ((1UL << (KM_MIN_SHIFT + cls)) < size)
		cls++;
	return cls;
}

int kmalloc_init(uintptr_t base, size_t npages)
{
	size_t table_pages = (npages * sizeof(uintptr_t) + KM_PAGE - 1) / KM_PAGE;

	tags = pages_alloc(table_pages);
	if (!tags)
		return -ENOMEM;
	memset(tags, 0, table_pages * KM_PAGE);
	tag_base = base;
	tag_pages = npages;
	list_init(&free_descs);
	for (int c = 0; c < KM_CLASSES; c++) {
		classes[c].size = 1UL << (KM_MIN_SHIFT + c);
		classes[c].per_page = (unsigned)(KM_PAGE / classes[c].size);
		list_init(&classes[c].partial);
		classes[c].spare = NULL;
	}
	return 0;
}

/* The tag slot of the page holding p, or NULL when p is not in the tagged range. */
static uintptr_t *tag_of(const void *p)
{
	uintptr_t i = ((uintptr_t)p - tag_base) / KM_PAGE;

	return (uintptr_t)p >= tag_base && i < tag_pages ? &tags[i] : NULL;
}

/* A slab descriptor from the pool, refilled a page at a time. kmalloc_lock held. */
static struct slab *desc_alloc(void)
{
	if (list_empty(&free_descs)) {
		struct slab *d = page_alloc();
		if (!d)
			return NULL;
		for (size_t i = 0; i < KM_PAGE / sizeof(*d); i++)
			list_add(&d[i].link, &free_descs);
	}
	struct slab *s = list_first_entry(&free_descs, struct slab, link);
	list_del(&s->link);
	return s;
}

/* A new slab of class c, all blocks free (and poisoned), or NULL. kmalloc_lock held. */
static struct slab *slab_create(int c)
{
	struct km_class *k = &classes[c];
	struct slab *s = desc_alloc();
	char *page = s ? page_alloc() : NULL;

	if (!page)
		goto fail;
	uintptr_t *tag = tag_of(page);
	if (!tag)
		panic("kmalloc: page %p outside the tagged range", (void *)page);
	*tag = (uintptr_t)s;
	s->magic = SLAB_MAGIC;
	s->cls = (uint16_t)c;
	s->nfree = (uint16_t)k->per_page;
	s->page = page;
	s->freelist = NULL;
#ifdef DEBUG
	memset(s->inuse, 0, sizeof(s->inuse));
	memset(page, KMALLOC_POISON, KM_PAGE);
#endif
	for (unsigned i = k->per_page; i-- > 0;) {
		void **block = (void **)(page + i * k->size);
		*block = s->freelist;
		s->freelist = block;
	}
	return s;
fail:
	if (s)
		list_add(&s->link, &free_descs);
	return NULL;
}

/* Give an empty slab's page back and its descriptor to the pool. kmalloc_lock held. */
static void slab_destroy(struct slab *s)
{
	*tag_of(s->page) = 0;
	s->magic = 0;
	page_free(s->page);
	list_add(&s->link, &free_descs);
}

static void *large_alloc(size_t size)
{
	size_t n = (size + KM_PAGE - 1) / KM_PAGE;
	void *p = pages_alloc(n);

	if (!p)
		return NULL;
	uintptr_t *tag = tag_of(p);
	if (!tag)
		panic("kmalloc: page %p outside the tagged range", p);
	spin_lock(&kmalloc_lock);
	*tag = n << 1 | TAG_LARGE;
	spin_unlock(&kmalloc_lock);
	return p;
}

void *kmalloc(size_t size)
{
	int c = kmalloc_size_class(size);

	if (!tags)
		return NULL;		/* before mm_init */
	if (c < 0)
		return large_alloc(size);
	struct km_class *k = &classes[c];
	spin_lock(&kmalloc_lock);
	struct slab *s;
	if (!list_empty(&k->partial)) {
		s = list_first_entry(&k->partial, struct slab, link);
	} else {
		s = k->spare ? k->spare : slab_create(c);
		k->spare = NULL;
		if (!s) {
			spin_unlock(&kmalloc_lock);
			return NULL;
		}
		list_add(&s->link, &k->partial);
	}
	void **block = s->freelist;
	s->freelist = *block;
	if (--s->nfree == 0)
		list_del(&s->link);
#ifdef DEBUG
	size_t i = (size_t)((char *)block - s->page) / k->size;
	const unsigned char *b = (const unsigned char *)block;
	for (size_t j = sizeof(void *); j < k->size; j++)
		if (b[j] != KMALLOC_POISON)
			panic("kmalloc: %zu-byte block %p written after free (byte %zu)", k->size,
			      (void *)block, j);
	s->inuse[i / 64] |= 1ULL << (i % 64);
#endif
	spin_unlock(&kmalloc_lock);
	return block;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	uintptr_t *tag = tag_of(p);
	spin_lock(&kmalloc_lock);
	uintptr_t t = tag ? *tag : 0;
	if (t & TAG_LARGE) {
		if ((uintptr_t)p % KM_PAGE)
			panic("kfree: %p is inside a large block", p);
		*tag = 0;
		spin_unlock(&kmalloc_lock);
		pages_free(p, t >> 1);
		return;
	}
	struct slab *s = (struct slab *)t;
	if (!s || s->magic != SLAB_MAGIC)
		panic("kfree: %p was not returned by kmalloc", p);
	struct km_class *k = &classes[s->cls];
	size_t off = (size_t)((char *)p - s->page);
	if (off % k->size)
		panic("kfree: %p is inside a %zu-byte block", p, k->size);
#ifdef DEBUG
	size_t i = off / k->size;
	if (!(s->inuse[i / 64] >> (i % 64) & 1))
		panic("kfree: %p freed twice", p);
	s->inuse[i / 64] &= ~(1ULL << (i % 64));
	memset(p, KMALLOC_POISON, k->size);
#endif
	*(void **)p = s->freelist;
	s->freelist = p;
	if (++s->nfree == 1)
		list_add(&s->link, &k->partial);
	if (s->nfree == k->per_page) {
		list_del(&s->link);
		if (!k->spare)
			k->spare = s;
		else
			slab_destroy(s);
	}
	spin_unlock(&kmalloc_lock);
}
