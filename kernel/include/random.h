/*
 * random.h - the kernel's random numbers (kernel/dev.c): /dev/urandom, getrandom(2), AT_RANDOM.
 *
 * A ChaCha20 generator keyed at boot from RDSEED/RDRAND when the CPU has them, mixed with the
 * jitter of the cycle counter. Output is never blocked on "entropy": like Linux since 5.6, once
 * seeded the generator is good for any amount of output.
 */
#ifndef NIDO_RANDOM_H
#define NIDO_RANDOM_H

#include <stddef.h>

/* Fill buf with n unpredictable bytes. Any context that may take a spinlock. */
void get_random_bytes(void *buf, size_t n);

#endif
