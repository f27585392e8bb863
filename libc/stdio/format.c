/*
 * format.c - the printf engine: parse a format string and produce the output of each conversion.
 *
 * A conversion specification is
 *
 *	%[flags][width][.precision][length]conversion
 *
 *	flags		- + space # 0
 *	width		digits, or * (an int argument; negative means '-' and its absolute value)
 *	precision	.digits or .* (negative means "none"); just "." is 0
 *	length		hh h l ll j z t L: the size of the integer (or long double) argument
 *	conversion	d i u o x X c s p n % m, and e E f F g G (libc/stdio/printf_float.c)
 *
 * Everything is written through a struct fmt_out (internal/format.h), so the same code serves
 * printf, fprintf, snprintf, dprintf and asprintf. The front ends live in stdio/printf.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "format.h"

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

void fmt_pad(struct fmt_out *out, char c, int n)
{
	char chunk[32];

	if (n <= 0)
		return;
	memset(chunk, c, sizeof(chunk));
	while (n > 0) {
		int k = n < (int)sizeof(chunk) ? n : (int)sizeof(chunk);

		fmt_put(out, chunk, (size_t)k);
		n -= k;
	}
}

void fmt_field(struct fmt_out *out, const struct fmt_spec *spec, const char *prefix, int zeros,
	       const char *body, size_t body_len, int zero_pad)
{
	size_t plen = strlen(prefix);
	int pad = spec->width - (int)(plen + (size_t)zeros + body_len);

	if (!spec->left && !zero_pad)
		fmt_pad(out, ' ', pad);
	fmt_put(out, prefix, plen);
	if (!spec->left && zero_pad)
		fmt_pad(out, '0', pad);
	fmt_pad(out, '0', zeros);
	fmt_put(out, body, body_len);
	if (spec->left)
		fmt_pad(out, ' ', pad);
}

/*
 * d i u o x X p: the digits of the magnitude, then the precision (minimum number of digits),
 * then the prefix (sign, 0x), then the padding.
 */
static void fmt_integer(struct fmt_out *out, const struct fmt_spec *spec, uintmax_t mag,
			int negative)
{
	static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
	const char *digits = spec->conv == 'X' ? upper : lower;
	unsigned base = 10;
	char buf[24];		/* 22 octal digits of a 64-bit value, and a leading 0 for '#' */
	char *end = buf + sizeof(buf), *p = end;
	char prefix[3] = "";
	int precision = spec->precision < 0 ? 1 : spec->precision;
	int zeros;

	if (spec->conv == 'o')
		base = 8;
	else if (spec->conv == 'x' || spec->conv == 'X' || spec->conv == 'p')
		base = 16;

	/* the digits; a precision of 0 prints the value 0 as no digits at all */
	for (uintmax_t v = mag; v; v /= base)
		*--p = digits[v % base];
	zeros = precision - (int)(end - p);
	if (zeros < 0)
		zeros = 0;
	/* '#' with octal: the first digit must be a 0 */
	if (spec->conv == 'o' && spec->alt && zeros == 0 && (p == end || *p != '0'))
		*--p = '0';

	if (spec->conv == 'd' || spec->conv == 'i') {
		if (negative)
			prefix[0] = '-';
		else if (spec->plus)
			prefix[0] = '+';
		else if (spec->space)
			prefix[0] = ' ';
	} else if ((spec->conv == 'x' || spec->conv == 'X') && spec->alt && mag) {
		prefix[0] = '0';
		prefix[1] = spec->conv;
	} else if (spec->conv == 'p') {
		prefix[0] = '0';
		prefix[1] = 'x';
	}
	/* '0' is ignored when a precision is given or when padding on the right */
	fmt_field(out, spec, prefix, zeros, p, (size_t)(end - p),
		  spec->zero && spec->precision < 0 && !spec->left);
}

/* %s with a precision reads at most that many bytes, so the string need not be terminated. */
static void fmt_string(struct fmt_out *out, const struct fmt_spec *spec, const char *s)
{
	size_t len;

	if (!s)
		s = spec->precision < 0 || spec->precision >= 6 ? "(null)" : "";
	len = spec->precision < 0 ? strlen(s) : strnlen(s, (size_t)spec->precision);
	fmt_field(out, spec, "", 0, s, len, 0);
}

/* Read an integer argument of the given length; *negative reports the sign for signed ones. */
static uintmax_t integer_arg(va_list *ap, enum length len, int is_signed, int *negative)
{
	intmax_t v;

	*negative = 0;
	if (!is_signed) {
		switch (len) {
		case LEN_HH:
			return (unsigned char)va_arg(*ap, unsigned int);
		case LEN_H:
			return (unsigned short)va_arg(*ap, unsigned int);
		case LEN_L:
			return va_arg(*ap, unsigned long);
		case LEN_LL:
			return va_arg(*ap, unsigned long long);
		case LEN_J:
			return va_arg(*ap, uintmax_t);
		case LEN_Z:
			return va_arg(*ap, size_t);
		case LEN_T:
			return (uintmax_t)va_arg(*ap, ptrdiff_t);
		default:
			return va_arg(*ap, unsigned int);
		}
	}
	switch (len) {
	case LEN_HH:
		v = (signed char)va_arg(*ap, int);
		break;
	case LEN_H:
		v = (short)va_arg(*ap, int);
		break;
	case LEN_L:
		v = va_arg(*ap, long);
		break;
	case LEN_LL:
		v = va_arg(*ap, long long);
		break;
	case LEN_J:
		v = va_arg(*ap, intmax_t);
		break;
	case LEN_Z:
		v = va_arg(*ap, ptrdiff_t);	/* the signed type the size of size_t */
		break;
	case LEN_T:
		v = va_arg(*ap, ptrdiff_t);
		break;
	default:
		v = va_arg(*ap, int);
		break;
	}
	if (v < 0) {
		*negative = 1;
		return 0 - (uintmax_t)v;	/* correct for INTMAX_MIN too */
	}
	return (uintmax_t)v;
}

/* %n: store the count so far into an int of the given length */
static void store_count(va_list *ap, enum length len, size_t count)
{
	switch (len) {
	case LEN_HH:
		*va_arg(*ap, signed char *) = (signed char)count;
		break;
	case LEN_H:
		*va_arg(*ap, short *) = (short)count;
		break;
	case LEN_L:
	case LEN_Z:
	case LEN_T:
		*va_arg(*ap, long *) = (long)count;
		break;
	case LEN_LL:
	case LEN_J:
		*va_arg(*ap, long long *) = (long long)count;
		break;
	default:
		*va_arg(*ap, int *) = (int)count;
		break;
	}
}

/* Parse flags, width, precision and length after a '%'; returns the conversion's address. */
static const char *parse_spec(const char *f, struct fmt_spec *spec, enum length *len,
			      va_list *ap)
{
	memset(spec, 0, sizeof(*spec));
	spec->precision = -1;
	for (;; f++) {
		if (*f == '-')
			spec->left = 1;
		else if (*f == '+')
			spec->plus = 1;
		else if (*f == ' ')
			spec->space = 1;
		else if (*f == '#')
			spec->alt = 1;
		else if (*f == '0')
			spec->zero = 1;
		else
			break;
	}
	if (*f == '*') {
		spec->width = va_arg(*ap, int);
		if (spec->width < 0) {
			spec->left = 1;
			spec->width = -spec->width;
		}
		f++;
	} else {
		while (*f >= '0' && *f <= '9')
			spec->width = spec->width * 10 + (*f++ - '0');
	}
	if (*f == '.') {
		f++;
		spec->precision = 0;
		if (*f == '*') {
			spec->precision = va_arg(*ap, int);
			if (spec->precision < 0)
				spec->precision = -1;
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				spec->precision = spec->precision * 10 + (*f++ - '0');
		}
	}

	*len = LEN_NONE;
	switch (*f) {
	case 'h':
		*len = f[1] == 'h' ? LEN_HH : LEN_H;
		f += f[1] == 'h' ? 2 : 1;
		break;
	case 'l':
		*len = f[1] == 'l' ? LEN_LL : LEN_L;
		f += f[1] == 'l' ? 2 : 1;
		break;
	case 'q':
		*len = LEN_LL;
		f++;
		break;
	case 'j':
		*len = LEN_J;
		f++;
		break;
	case 'z':
		*len = LEN_Z;
		f++;
		break;
	case 't':
		*len = LEN_T;
		f++;
		break;
	case 'L':
		*len = LEN_BIG_L;
		f++;
		break;
	}
	spec->conv = *f;
	return f;
}

int fmt_format(struct fmt_out *out, const char *fmt, va_list ap_in)
{
	int saved_errno = errno;	/* for %m, before anything can change it */
	va_list ap;

	va_copy(ap, ap_in);
	for (const char *f = fmt; *f; f++) {
		struct fmt_spec spec;
		enum length len;
		const char *start = f;
		uintmax_t mag;
		int negative;
		char c;

		if (*f != '%') {
			const char *next = strchrnul(f, '%');

			fmt_put(out, f, (size_t)(next - f));
			f = next - 1;
			continue;
		}
		f = parse_spec(f + 1, &spec, &len, &ap);
		switch (spec.conv) {
		case 'd':
		case 'i':
			mag = integer_arg(&ap, len, 1, &negative);
			fmt_integer(out, &spec, mag, negative);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			mag = integer_arg(&ap, len, 0, &negative);
			fmt_integer(out, &spec, mag, 0);
			break;
		case 'p': {
			void *ptr = va_arg(ap, void *);

			if (!ptr) {
				spec.precision = -1;
				fmt_string(out, &spec, "(nil)");
			} else {
				fmt_integer(out, &spec, (uintptr_t)ptr, 0);
			}
			break;
		}
		case 'c':
			c = (char)va_arg(ap, int);
			fmt_field(out, &spec, "", 0, &c, 1, 0);
			break;
		case 's':
			fmt_string(out, &spec, va_arg(ap, const char *));
			break;
		case 'm':
			fmt_string(out, &spec, strerror(saved_errno));
			break;
		case 'n':
			store_count(&ap, len, out->count);
			break;
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G':
			/* long double is formatted through double: nido's libc has no wider code */
			if (len == LEN_BIG_L)
				fmt_float(out, &spec, (double)va_arg(ap, long double));
			else
				fmt_float(out, &spec, va_arg(ap, double));
			break;
		case '%':
			fmt_put(out, "%", 1);
			break;
		case '\0':
			/* a lone '%' at the end: print it and stop */
			fmt_put(out, start, (size_t)(f - start));
			f--;
			break;
		default:
			/* unknown conversion: print the specification as it was written */
			fmt_put(out, start, (size_t)(f - start + 1));
			break;
		}
	}
	va_end(ap);
	return out->error ? -1 : (int)out->count;
}
