/*
 * syscall.h - the system-call table generated from uapi/syscalls.h.
 */
#ifndef NIDO_SYSCALL_H
#define NIDO_SYSCALL_H

#include <stdbool.h>

#define SYSCALL_MAX	450	/* highest number the table has room for */

typedef long (*syscall_fn)(long, long, long, long, long, long);

extern const syscall_fn syscall_table[SYSCALL_MAX + 1];
extern const char *const syscall_names[SYSCALL_MAX + 1];

long syscall_dispatch(unsigned long nr, long a0, long a1, long a2, long a3, long a4, long a5);
bool syscall_implemented(unsigned long nr);

#endif
