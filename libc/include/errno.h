/*
 * errno.h - the error numbers, and errno itself.
 *
 * errno is an lvalue reached through __errno_location() so that it can become per-thread later
 * without recompiling programs; today it is one global in libc/errno/errno.c.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <bits/uapi.h>
#include <uapi/errno.h>

int *__errno_location(void);
#define errno (*__errno_location())

extern char *program_invocation_name;
extern char *program_invocation_short_name;

#endif
