/*
 * uaccess.c - copying between the kernel and user memory: range checks, then usercopy.asm.
 *
 * Model (see kernel/include/uaccess.h): a user pointer is only an untrusted number. Before any
 * access the whole range must lie below ARCH_USER_TOP without wrapping around, which keeps user
 * pointers away from the kernel half; then usercopy.asm copies with a fault fixup, so a range that
 * is in user space but not mapped (and that vm_user_fault cannot fill) gives -EFAULT instead of a
 * kernel fault. The result never depends on how much was copied before the fault.
 */
#include "kernel.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include <arch.h>

size_t uaccess_copy(void *dst, const void *src, size_t n);	/* bytes not copied */
size_t uaccess_clear(void *dst, size_t n);			/* bytes not cleared */
long uaccess_strncpy(char *dst, const char *src, size_t n);	/* NUL index, n, or -1 */

bool user_range_ok(const void __user *p, size_t n)
{
	uintptr_t a = (uintptr_t)p;

	return a <= ARCH_USER_TOP && n <= ARCH_USER_TOP - a;
}

int copy_from_user(void *dst, const void __user *src, size_t n)
{
	if (!user_range_ok(src, n))
		return -EFAULT;
	return uaccess_copy(dst, src, n) ? -EFAULT : 0;
}

int copy_to_user(void __user *dst, const void *src, size_t n)
{
	if (!user_range_ok(dst, n))
		return -EFAULT;
	return uaccess_copy(dst, src, n) ? -EFAULT : 0;
}

int clear_user(void __user *dst, size_t n)
{
	if (!user_range_ok(dst, n))
		return -EFAULT;
	return uaccess_clear(dst, n) ? -EFAULT : 0;
}

/*
 * The string is read at most up to the end of user space: a string still running there ends in
 * the kernel half, which is -EFAULT, not -ENAMETOOLONG. dst is always NUL-terminated when max > 0.
 */
long strncpy_from_user(char *dst, const char __user *src, size_t max)
{
	uintptr_t a = (uintptr_t)src;

	if (max == 0)
		return -ENAMETOOLONG;
	if (a >= ARCH_USER_TOP)
		goto fault;
	size_t n = MIN(max, ARCH_USER_TOP - a);
	long len = uaccess_strncpy(dst, src, n);
	if (len < 0)
		goto fault;
	if ((size_t)len < n)
		return len;
	if (n < max)
		goto fault;
	dst[max - 1] = '\0';
	return -ENAMETOOLONG;
fault:
	dst[0] = '\0';
	return -EFAULT;
}
