/*
 * sys/types.h - the POSIX names for the integer types that cross the syscall boundary.
 *
 * Each is the fixed-width type the uapi structs use for the same field, so a struct stat's
 * st_size (int64_t in the uapi header) is an off_t here. Other headers include this one.
 */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t ssize_t;	/* a size or -1 */
typedef int32_t pid_t;		/* process, thread, group and session ids */
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef uint32_t id_t;		/* any of pid_t, uid_t, gid_t (waitid, getpriority) */
typedef uint32_t mode_t;	/* S_IF* type | permission bits */
typedef uint64_t dev_t;
typedef uint64_t ino_t;
typedef uint64_t nlink_t;
typedef int64_t off_t;		/* file offsets and sizes: always 64-bit */
typedef int64_t blksize_t;
typedef int64_t blkcnt_t;
typedef int64_t time_t;		/* seconds since 1970-01-01 00:00:00 UTC */
typedef int64_t suseconds_t;
typedef uint32_t useconds_t;
typedef int64_t clock_t;	/* clock() and times() ticks */
typedef int32_t clockid_t;
typedef int32_t key_t;

#endif
