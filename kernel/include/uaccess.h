/*
 * uaccess.h - the only way kernel code touches user memory.
 *
 * A user pointer is never dereferenced directly. These functions check that the whole range lies
 * in the user half of the address space and copy with a fault fixup: if a page is missing and
 * cannot be faulted in, the copy stops and the call returns -EFAULT instead of the kernel taking
 * a fault it cannot handle. User pointers are marked `__user` so a reader sees which is which.
 */
#ifndef NIDO_UACCESS_H
#define NIDO_UACCESS_H

#include <stddef.h>
#include <stdbool.h>

#define __user

/* Is [p, p + n) entirely inside user space (no wrap-around)? Does not check the mapping. */
bool user_range_ok(const void __user *p, size_t n);

/* 0 on success, -EFAULT if any byte could not be copied. */
int copy_from_user(void *dst, const void __user *src, size_t n);
int copy_to_user(void __user *dst, const void *src, size_t n);
int clear_user(void __user *dst, size_t n);

/*
 * Copy a NUL-terminated string of at most max - 1 characters plus the NUL. Returns its length,
 * -EFAULT on a bad pointer, or -ENAMETOOLONG when no NUL was found within max bytes.
 */
long strncpy_from_user(char *dst, const char __user *src, size_t max);

/* Typed one-value helpers: 0 or -EFAULT. */
#define get_user(var, uptr) copy_from_user(&(var), (uptr), sizeof(var))
#define put_user(val, uptr)                                              \
	({                                                               \
		__typeof__(*(uptr)) _v = (val);                          \
		copy_to_user((uptr), &_v, sizeof(_v));                   \
	})

#endif
