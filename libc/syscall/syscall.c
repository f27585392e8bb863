/*
 * syscall.c - the generic way into the kernel: syscall(nr, ...), and the errno convention every
 * wrapper shares.
 */
#include <errno.h>
#include <stdarg.h>

#include "syscall.h"

/*
 * The kernel returns -errno (-4095..-1) on failure. Turn that into the C convention: -1 with
 * errno set. Everything else (including large "negative" addresses from mmap) is a result.
 */
long __syscall_ret(long r)
{
	if ((unsigned long)r > -4096ul) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

/*
 * syscall(nr, a1..a6): always passes six arguments; the kernel ignores the ones a call does
 * not take. Reading va_args the caller did not pass is harmless on x86_64: they come from
 * registers or stack slots that are there anyway.
 */
long syscall(long number, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}
