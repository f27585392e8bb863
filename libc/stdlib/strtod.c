/*
 * strtod.c - text to floating point: strtod, strtof, strtold, atof.
 *
 * Accepted: [whitespace] [+|-] then one of
 *	decimal		digits [. digits] [e|E [+|-] digits]
 *	hexadecimal	0x hexdigits [. hexdigits] [p|P [+|-] digits]	(exact)
 *	inf, infinity, nan, nan(chars)				(any case)
 *
 * Decimal method: the first 19 significant digits go into a 64-bit integer M (exact), the rest
 * only count towards the exponent, so the value is M * 10^E. M is exact in a long double (64-bit
 * mantissa), and so is 10^E for |E| <= 27; beyond that 10^E is built by squaring. The product is
 * formed in long double and rounded once more to double. That is correctly rounded for all
 * everyday input; for inputs extremely close to a halfway point between two doubles it can be
 * one unit in the last place off (a correctly rounded strtod needs big-number comparison).
 */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

/* x * 10^e in long double */
static long double scale10(long double x, int e)
{
	long double p = 10.0L, f = 1.0L;
	int n = e < 0 ? -e : e;

	if (n > 6000)
		n = 6000;	/* far past the range of long double either way */
	while (n) {
		if (n & 1)
			f *= p;
		p *= p;
		n >>= 1;
	}
	return e < 0 ? x / f : x * f;
}

/* x * 2^e in long double, exact unless the result over- or underflows */
static long double scale2(long double x, int e)
{
	while (e > 60) {
		x *= 0x1p60L;
		e -= 60;
	}
	while (e < -60) {
		x *= 0x1p-60L;
		e += 60;
	}
	return e >= 0 ? x * (long double)(1ull << e) : x / (long double)(1ull << -e);
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Read an optional exponent: [+|-] digits after the 'e'/'p' at *pp. Leaves *pp alone if none. */
static int parse_exponent(const char **pp)
{
	const char *p = *pp + 1;
	int neg = 0;
	long e = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p)) {
		if (e < 100000)
			e = e * 10 + (*p - '0');
		p++;
	}
	*pp = p;
	return (int)(neg ? -e : e);
}

static long double parse_hex(const char **pp)
{
	const char *p = *pp;
	uint64_t m = 0;
	int exp = 0, any = 0, seen_point = 0;

	for (;; p++) {
		int v;

		if (*p == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		v = hex_value((unsigned char)*p);
		if (v < 0)
			break;
		any = 1;
		if (m >> 60) {
			/* no room: this digit only scales the value (its bits are dropped) */
			if (!seen_point)
				exp += 4;
		} else {
			m = m << 4 | (uint64_t)v;
			if (seen_point)
				exp -= 4;
		}
	}
	if (!any)
		return -1;
	if (*p == 'p' || *p == 'P')
		exp += parse_exponent(&p);
	*pp = p;
	return scale2((long double)m, exp);
}

static long double parse_decimal(const char **pp)
{
	const char *p = *pp;
	uint64_t m = 0;
	int digits = 0, exp = 0, any = 0, seen_point = 0;

	for (;; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			break;
		any = 1;
		if (m == 0 && *p == '0') {
			if (seen_point)
				exp--;		/* leading zeros after the point only shift */
		} else if (digits < 19) {
			m = m * 10 + (uint64_t)(*p - '0');
			digits++;
			if (seen_point)
				exp--;
		} else if (!seen_point) {
			exp++;			/* a digit we cannot keep: it still counts as a place */
		}
	}
	if (!any)
		return -1;
	if (*p == 'e' || *p == 'E')
		exp += parse_exponent(&p);
	*pp = p;
	if (m == 0)
		return 0;
	if (exp < -4950 - 19)
		return 0;
	return scale10((long double)m, exp);
}

long double strtold(const char *restrict s, char **restrict end)
{
	const char *p = s;
	long double v;
	int neg = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';

	if (strncasecmp(p, "inf", 3) == 0) {
		p += strncasecmp(p, "infinity", 8) == 0 ? 8 : 3;
		v = __builtin_infl();
	} else if (strncasecmp(p, "nan", 3) == 0) {
		p += 3;
		if (*p == '(') {
			const char *q = p + 1;

			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			if (*q == ')')
				p = q + 1;
		}
		v = __builtin_nanl("");
	} else if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
		   (hex_value((unsigned char)p[2]) >= 0 ||
		    (p[2] == '.' && hex_value((unsigned char)p[3]) >= 0))) {
		p += 2;
		v = parse_hex(&p);
	} else {
		v = parse_decimal(&p);
		if (v < 0) {
			/* no number at all */
			if (end)
				*end = (char *)s;
			return 0;
		}
	}
	if (end)
		*end = (char *)p;
	return neg ? -v : v;
}

double strtod(const char *restrict s, char **restrict end)
{
	long double v = strtold(s, end);
	double d = (double)v;

	if (__builtin_isinf(d) && !__builtin_isinf(v))
		errno = ERANGE;		/* overflow */
	else if (d == 0 && v != 0)
		errno = ERANGE;		/* underflow */
	return d;
}

float strtof(const char *restrict s, char **restrict end)
{
	long double v = strtold(s, end);
	float f = (float)v;

	if ((__builtin_isinf(f) && !__builtin_isinf(v)) || (f == 0 && v != 0))
		errno = ERANGE;
	return f;
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
