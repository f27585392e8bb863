/*
 * strtol.c - text to integers: strtol, strtoul, strtoll, strtoull, strtoimax, strtoumax and the
 * ato*() shorthands.
 *
 * All of them share one parser, parse_integer(), which reads
 *
 *	[whitespace] [+|-] [0x|0X when base is 16 or 0] digits
 *
 * into an unsigned 64-bit magnitude, noting overflow, and reports where it stopped. Base 0
 * means: "0x" prefix -> 16, leading "0" -> 8, otherwise 10. The signed and unsigned versions
 * differ only in how they clamp: out of range gives LONG_MAX/LONG_MIN (or ULONG_MAX) and ERANGE.
 * strtoul("-1") is ULONG_MAX, because C says the negation happens in the unsigned type.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parse into *mag (saturating at UINT64_MAX, with *overflow set), *neg for a leading '-'.
 * Returns the end pointer: s itself when there were no digits (then nothing was converted).
 * An invalid base sets errno to EINVAL.
 */
static const char *parse_integer(const char *s, int base, uint64_t *mag, int *neg,
				 int *overflow)
{
	const char *p = s;
	const char *digits_start;
	uint64_t v = 0;

	*mag = 0;
	*neg = 0;
	*overflow = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		return s;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}

	digits_start = p;
	for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			*overflow = 1;
		else
			v = v * (uint64_t)base + (uint64_t)d;
	}
	if (p == digits_start)
		return s;
	*mag = *overflow ? UINT64_MAX : v;
	return p;
}

static int64_t to_signed(const char *s, char **end, int base, int64_t min, int64_t max)
{
	uint64_t mag;
	int neg, overflow;
	const char *stop = parse_integer(s, base, &mag, &neg, &overflow);

	if (end)
		*end = (char *)stop;
	if (!neg && (overflow || mag > (uint64_t)max)) {
		errno = ERANGE;
		return max;
	}
	if (neg && (overflow || mag > (uint64_t)max + 1)) {
		errno = ERANGE;
		return min;
	}
	return neg ? (int64_t)(0 - mag) : (int64_t)mag;
}

static uint64_t to_unsigned(const char *s, char **end, int base, uint64_t max)
{
	uint64_t mag;
	int neg, overflow;
	const char *stop = parse_integer(s, base, &mag, &neg, &overflow);

	if (end)
		*end = (char *)stop;
	if (overflow || mag > max) {
		errno = ERANGE;
		return max;
	}
	return neg ? (0 - mag) & max : mag;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return to_signed(s, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	return to_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	return to_signed(s, end, base, INTMAX_MIN, INTMAX_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return to_unsigned(s, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	return to_unsigned(s, end, base, ULLONG_MAX);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	return to_unsigned(s, end, base, UINTMAX_MAX);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
