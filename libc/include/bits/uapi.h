/*
 * bits/uapi.h - how libc's public headers pull in the kernel's uapi headers.
 *
 * kernel/include/uapi/ spells every struct tag UAPI(name); the kernel gets linux_name. libc wants
 * the POSIX names (struct stat, struct timespec, ...), so it defines UAPI(name) as plain name
 * before the first uapi header is seen. Every public header that includes a uapi header includes
 * this one first. See kernel/include/uapi/types.h for the whole scheme.
 */
#ifndef _NIDO_BITS_UAPI_H
#define _NIDO_BITS_UAPI_H

#define UAPI(name) name
#include <uapi/types.h>

#endif
