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
#include <stdint.h>
#include <stdbool.h>

/* Fill buf with n unpredictable bytes. Any context that may take a spinlock. */
void get_random_bytes(void *buf, size_t n);

/* The ChaCha20 block function (RFC 8439 2.3): 64 bytes of keystream. */
void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
		    uint32_t out[16]);

/*
 * A 64-bit value from the CPU's hardware generator (x86: RDSEED, else RDRAND); false when the
 * CPU has none or it kept failing. Implemented by the arch (arch/x86_64/random.c).
 */
bool arch_random_seed(uint64_t *v);

#endif
