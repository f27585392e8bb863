/*
 * uapi/types.h - the rules every header in kernel/include/uapi/ follows.
 *
 * The uapi headers describe the boundary between nido and its programs: syscall numbers, errno
 * values, flag bits and the layout of every struct that crosses the boundary. nido speaks the
 * Linux x86_64 ABI, so every number and every byte offset here is Linux's. They are written once
 * and included by both sides:
 *
 *	kernel:	#include <uapi/stat.h>	-> struct linux_stat, S_IFREG, ...
 *	libc:	#include <sys/stat.h>	-> struct stat (the very same definition), S_IFREG, ...
 *
 * Naming scheme
 * -------------
 *  - Constants (EPERM, O_CREAT, SIGINT, TCGETS, CLONE_NEWPID, ...) carry their plain Linux names.
 *    They mean the same thing on both sides, so there is nothing to disambiguate, and libc's
 *    public headers simply re-export them.
 *  - Struct tags are written UAPI(name). In the kernel UAPI(stat) expands to linux_stat, so kernel
 *    code says `struct linux_stat` and can never confuse it with a kernel-internal struct. libc
 *    defines UAPI(name) as plain `name` before including these headers, so the same definition
 *    becomes the POSIX `struct stat` a program uses. One definition, two spellings.
 *  - Fields use fixed-width types (uint32_t, int64_t, ...) so the layout does not depend on which
 *    side compiles it. On x86_64 these are the same types libc's pid_t, off_t, time_t, ... name.
 *  - Scalar types that only exist at the boundary are typedefs named linux_*_t (linux_sigset_t);
 *    libc gives them their POSIX names (sigset_t) on top.
 *  - Every struct whose size the ABI fixes has a _Static_assert next to it.
 *
 * These headers may only include each other, <stdint.h> and <stddef.h>: the kernel is built
 * freestanding.
 */
#ifndef NIDO_UAPI_TYPES_H
#define NIDO_UAPI_TYPES_H

#include <stddef.h>
#include <stdint.h>

#ifndef UAPI
#define UAPI(name) linux_##name
#endif

/* Check a struct's size against the Linux ABI at compile time. */
#define UAPI_SIZE(type, bytes) _Static_assert(sizeof(type) == (bytes), #type " must be " #bytes " bytes")

/* Check one field's byte offset against the Linux ABI at compile time. */
#define UAPI_OFFSET(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), #type "." #field " must be at offset " #off)

#endif
