/*
 * uapi/mman.h - flags for mmap(), mprotect(), munmap(), mremap(), msync() and madvise().
 *
 * A mapping is either backed by a file or anonymous (zero-filled), and either private
 * (copy-on-write, changes stay in this process) or shared. nido's first mmap() supports
 * MAP_PRIVATE | MAP_ANONYMOUS, which is what malloc needs.
 */
#ifndef NIDO_UAPI_MMAN_H
#define NIDO_UAPI_MMAN_H

/* page protections */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4

/* mmap flags */
#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_TYPE		0x0f	/* mask for SHARED/PRIVATE */
#define MAP_FIXED		0x10	/* exactly at addr, replacing what was there */
#define MAP_ANONYMOUS		0x20	/* no file: zero-filled memory; fd must be -1 */
#define MAP_ANON		MAP_ANONYMOUS
#define MAP_32BIT		0x40
#define MAP_GROWSDOWN		0x0100
#define MAP_DENYWRITE		0x0800
#define MAP_EXECUTABLE		0x1000
#define MAP_LOCKED		0x2000
#define MAP_NORESERVE		0x4000
#define MAP_POPULATE		0x8000
#define MAP_NONBLOCK		0x10000
#define MAP_STACK		0x20000
#define MAP_HUGETLB		0x40000
#define MAP_FIXED_NOREPLACE	0x100000

/* mmap's failure value (the syscall itself returns -errno) */
#define MAP_FAILED	((void *)-1)

/* mremap flags */
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

/* msync flags */
#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

/* madvise advice */
#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4

#endif
