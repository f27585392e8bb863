/*
 * random.c - the CPU's own random number generator (RDSEED, RDRAND), for seeding kernel/dev.c.
 *
 * RDSEED returns conditioned entropy straight from the hardware source; RDRAND returns the output
 * of a DRBG reseeded from it. Either may transiently fail (CF = 0), so each is retried a few
 * times, as Intel's DRNG guide recommends. Neither exists on every CPU (QEMU's qemu64 has
 * neither): the caller mixes in timing jitter as well and treats this as a bonus.
 */
#include <stdbool.h>
#include <stdint.h>
#include "random.h"
#include "x86.h"

#define CPUID1_ECX_RDRAND	(1u << 30)
#define CPUID7_EBX_RDSEED	(1u << 18)
#define RETRIES			10

/* One attempt of RDSEED (seed) or RDRAND: true and *v when the CPU delivered. */
static bool rd(bool seed, uint64_t *v)
{
	uint8_t ok;

	if (seed)
		__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
	else
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

bool arch_random_seed(uint64_t *v)
{
	uint32_t a, b, c, d, max;
	bool has_seed = false, has_rand;

	cpuid(0, 0, &max, &b, &c, &d);
	cpuid(1, 0, &a, &b, &c, &d);
	has_rand = c & CPUID1_ECX_RDRAND;
	if (max >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		has_seed = b & CPUID7_EBX_RDSEED;
	}
	for (int i = 0; i < RETRIES; i++) {
		if (has_seed && rd(true, v))
			return true;
		if (has_rand && rd(false, v))
			return true;
	}
	return false;
}

/* Until the timer code defines the real one (arch.h). */
__attribute__((weak)) uint64_t arch_cycles(void)
{
	return rdtsc();
}
