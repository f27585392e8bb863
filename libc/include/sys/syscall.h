/*
 * sys/syscall.h - SYS_<name> for every system call in kernel/include/uapi/syscalls.h, and
 * syscall(), which makes any of them directly.
 *
 * The constants are generated from the one shared list, so they are enumerators rather than
 * macros: `syscall(SYS_getpid)` works, `#ifdef SYS_getpid` does not.
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

enum {
#define SYSCALL(nr, name) SYS_##name = nr,
#include <uapi/syscalls.h>
#undef SYSCALL
};

/* Returns the call's result, or -1 with errno set when the kernel returned -errno. */
long syscall(long number, ...);

#endif
