/*
 * vm.h - user address spaces: regions (VMAs), page faults, copy-on-write, brk and mmap.
 *
 * A struct mm is one user address space: a page-table root (arch) and a sorted list of regions.
 * A region (struct vma) says what may be at [start, end): its protection and whether it is
 * private (copy-on-write after fork) or shared. Pages are filled lazily by the page-fault handler:
 * a never-touched private page is a fresh zero frame, a shared anonymous page comes from the
 * region's shared object, and a write to a copy-on-write page gets its own copy only when the
 * frame is still shared.
 */
#ifndef NIDO_VM_H
#define NIDO_VM_H

#include <stdint.h>
#include <stdbool.h>
#include "list.h"
#include "spinlock.h"

#define PAGE_SIZE_4K	4096UL
#define USER_STACK_TOP	0x00007ffffff00000UL	/* just below the top, leaving a gap */
#define USER_STACK_MAX	(8UL << 20)		/* RLIMIT_STACK default: 8 MiB */
#define USER_MMAP_BASE	0x00007f0000000000UL	/* mmap() without a hint allocates below this */
#define USER_PIE_BASE	0x0000555555554000UL	/* where a static-PIE program is loaded */

enum {
	VMA_SHARED = 1,		/* MAP_SHARED: writes are seen by every mapping of the object */
	VMA_GROWSDOWN = 2,	/* the stack: grows down on faults just below it */
	VMA_HEAP = 4,		/* the brk region */
};

struct shm_object;		/* pages of a MAP_SHARED anonymous region, shared across fork */

struct vma {
	uintptr_t start, end;	/* page aligned, end exclusive */
	int prot;		/* PROT_* */
	int flags;		/* VMA_* */
	struct shm_object *shm;	/* MAP_SHARED anonymous: the shared pages */
	uint64_t shm_pgoff;	/* page index in shm of `start` */
	struct list_head link;	/* in mm->vmas, sorted by start */
};

struct mm {
	uint32_t magic;
	int refcount;			/* threads/processes sharing it (CLONE_VM) */
	struct spinlock lock;		/* vmas, brk, page tables */
	uint64_t pt_root;		/* arch page-table root (physical) */
	struct list_head vmas;
	uintptr_t brk_start, brk;	/* heap: [brk_start, brk) rounded up to pages */
	uintptr_t stack_top;
	uintptr_t mmap_base;		/* next mmap() search starts below this */
	uintptr_t arg_start, arg_end, env_start, env_end;	/* for /proc cmdline, environ */
	uint64_t rss_pages;		/* frames mapped */
};

struct mm *mm_create(void);			/* empty address space, or NULL */
struct mm *mm_get(struct mm *mm);
void mm_put(struct mm *mm);			/* last reference frees every frame and table */
struct mm *mm_fork(struct mm *parent);		/* copy-on-write copy, or NULL */
void mm_activate(struct mm *mm);		/* load it on this CPU (NULL: kernel only) */

/* Map [start, start+len) with prot; replaces what was there. 0 or -errno. */
int vm_map_region(struct mm *mm, uintptr_t start, size_t len, int prot, int flags);
int vm_unmap_region(struct mm *mm, uintptr_t start, size_t len);

/*
 * Resolve a fault at addr. access: PROT_READ / PROT_WRITE / PROT_EXEC.
 * Returns 0 (fixed: retry the access), -EFAULT (no mapping: SEGV_MAPERR) or -EACCES
 * (mapping forbids the access: SEGV_ACCERR), or -ENOMEM.
 */
int vm_fault(struct mm *mm, uintptr_t addr, int access);

/* Make [addr, addr+len) accessible for the kernel to copy (faulting pages in). 0 or -EFAULT. */
int vm_prefault(struct mm *mm, uintptr_t addr, size_t len, int access);

/* Copy bytes into / out of a (possibly not current) address space, faulting pages in. */
int vm_write(struct mm *mm, uintptr_t addr, const void *src, size_t len);
int vm_read(struct mm *mm, uintptr_t addr, void *dst, size_t len);

/* System-call level operations (validated arguments, Linux semantics). */
long vm_brk(struct mm *mm, uintptr_t newbrk);
long vm_mmap(struct mm *mm, uintptr_t addr, size_t len, int prot, int flags);
long vm_mprotect(struct mm *mm, uintptr_t addr, size_t len, int prot);
uint64_t vm_size(struct mm *mm);		/* bytes of all regions (VmSize) */

#endif
