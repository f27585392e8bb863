/*
 * sys/random.h - getrandom(): bytes from the kernel's random number generator.
 */
#ifndef _SYS_RANDOM_H
#define _SYS_RANDOM_H

#include <sys/types.h>
#include <bits/uapi.h>
#include <uapi/random.h>

ssize_t getrandom(void *buf, size_t len, unsigned int flags);

#endif
