/*
 * mman.c - memory mapping system calls: mmap, munmap, mprotect, mremap, msync, madvise, brk.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "syscall.h"

/* mmap returns an address; only -4095..-1 are errors, so __syscall_ret() tells them apart */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)__syscall_ret(__syscall(SYS_mmap, addr, len, prot, flags, fd, off));
}

int munmap(void *addr, size_t len)
{
	return (int)__syscall_ret(__syscall(SYS_munmap, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)__syscall_ret(__syscall(SYS_mprotect, addr, len, prot));
}

/* mremap(old, old_len, new_len, flags[, new_address]) - the address only with MREMAP_FIXED */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = NULL;

	if (flags & MREMAP_FIXED) {
		va_list ap;

		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)__syscall_ret(__syscall(SYS_mremap, old, old_len, new_len, flags, new_addr));
}

int msync(void *addr, size_t len, int flags)
{
	return (int)__syscall_ret(__syscall(SYS_msync, addr, len, flags));
}

int madvise(void *addr, size_t len, int advice)
{
	return (int)__syscall_ret(__syscall(SYS_madvise, addr, len, advice));
}

/*
 * The brk syscall never fails with an errno: it returns the new break, or the old one when it
 * could not move. brk() and sbrk() turn that into the traditional interface.
 */
int brk(void *addr)
{
	if ((void *)__syscall(SYS_brk, addr) != addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t inc)
{
	uintptr_t old = (uintptr_t)__syscall(SYS_brk, 0);

	if (inc && (uintptr_t)__syscall(SYS_brk, old + (uintptr_t)inc) != old + (uintptr_t)inc) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)old;
}
