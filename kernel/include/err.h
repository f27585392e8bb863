/*
 * err.h - an error number carried in a pointer.
 *
 * A function that returns an object can fail in more than one way. Rather than an extra out
 * parameter, it returns ERR_PTR(-ENOMEM) or ERR_PTR(-EEXIST): the top 4095 addresses are never
 * valid kernel objects, so they are free to encode a negative errno. Callers test IS_ERR() and
 * recover the number with PTR_ERR(). A function documented as "or NULL" never returns an ERR_PTR.
 */
#ifndef NIDO_ERR_H
#define NIDO_ERR_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_ERRNO	4095

static inline void *ERR_PTR(long error)
{
	return (void *)(intptr_t)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)(intptr_t)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return (uintptr_t)ptr >= (uintptr_t)-MAX_ERRNO;
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

#endif
