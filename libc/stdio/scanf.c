/*
 * scanf.c - formatted input: scanf, fscanf, sscanf and their v-forms.
 *
 * One engine, scan(), reads characters through a struct scan_in that is either a string
 * (sscanf) or a FILE (fscanf). It needs exactly one character of look-ahead, given back with
 * unget(), which both kinds of input support.
 *
 * Directives:
 *	white space	skips any amount of white space (including none)
 *	ordinary char	must match the next character
 *	%[*][width][hh|h|l|ll|j|z|t|L]conv
 *		d i u o x X p	integers (i: base from the prefix, like strtol base 0)
 *		e f g E G a	floating point (decimal, inf, nan)
 *		s		a run of non-white-space characters
 *		c		exactly width (default 1) characters, white space included
 *		[set] [^set]	the longest run of characters in (or not in) set
 *		n		store how many characters were read so far
 *		%		a literal '%'
 * '*' reads but does not store. The result is the number of stored conversions, or EOF when the
 * input ended before the first conversion.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

struct scan_in {
	int (*get)(struct scan_in *in);
	void (*unget)(struct scan_in *in, int c);
	const char *s;		/* string input */
	FILE *f;		/* stream input */
	size_t count;		/* characters consumed, for %n */
};

static int next(struct scan_in *in)
{
	int c = in->get(in);

	if (c != EOF)
		in->count++;
	return c;
}

static void back(struct scan_in *in, int c)
{
	if (c != EOF) {
		in->unget(in, c);
		in->count--;
	}
}

static int str_get(struct scan_in *in)
{
	return *in->s ? (unsigned char)*in->s++ : EOF;
}

static void str_unget(struct scan_in *in, int c)
{
	(void)c;
	in->s--;
}

static int file_get(struct scan_in *in)
{
	return fgetc(in->f);
}

static void file_unget(struct scan_in *in, int c)
{
	ungetc(c, in->f);
}

static void skip_space(struct scan_in *in)
{
	int c;

	while ((c = next(in)) != EOF && isspace(c))
		;
	back(in, c);
}

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_BIG_L };

static void store_int(void *dst, enum length len, uintmax_t v)
{
	switch (len) {
	case LEN_HH:
		*(unsigned char *)dst = (unsigned char)v;
		break;
	case LEN_H:
		*(unsigned short *)dst = (unsigned short)v;
		break;
	case LEN_L:
		*(unsigned long *)dst = (unsigned long)v;
		break;
	case LEN_LL:
		*(unsigned long long *)dst = (unsigned long long)v;
		break;
	default:
		*(unsigned int *)dst = (unsigned int)v;
		break;
	}
}

static int digit_ok(int c, int base)
{
	if (base == 8)
		return c >= '0' && c <= '7';
	if (base == 16)
		return isxdigit(c);
	return isdigit(c);
}

/*
 * Collect the characters of an integer in base (0: from the prefix) into buf, reading at most
 * width characters. Returns the base finally used, or 0 if no digits were found.
 */
static int read_integer(struct scan_in *in, char *buf, size_t cap, int width, int base)
{
	size_t n = 0;
	int c = next(in), digits = 0;

#define TAKE() do { if (n + 1 < cap) buf[n++] = (char)c; width--; c = width ? next(in) : EOF; } \
	while (0)
	if (c == '+' || c == '-')
		TAKE();
	if ((base == 0 || base == 16) && c == '0') {
		TAKE();
		digits = 1;
		if (c == 'x' || c == 'X') {
			TAKE();
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while (c != EOF && digit_ok(c, base)) {
		TAKE();
		digits = 1;
	}
#undef TAKE
	back(in, c);
	buf[n] = '\0';
	return digits ? base : 0;
}

/* Collect a decimal floating-point number (or inf/nan) into buf; 0 if there was none. */
static int read_float(struct scan_in *in, char *buf, size_t cap, int width)
{
	size_t n = 0;
	int c = next(in), digits = 0;

#define TAKE() do { if (n + 1 < cap) buf[n++] = (char)c; width--; c = width ? next(in) : EOF; } \
	while (0)
	if (c == '+' || c == '-')
		TAKE();
	if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
		const char *word = (c == 'i' || c == 'I') ? "infinity" : "nan";
		size_t i = 0;

		while (word[i] && c != EOF && tolower(c) == word[i]) {
			TAKE();
			i++;
		}
		digits = i >= 3;
	} else {
		while (c != EOF && isdigit(c)) {
			TAKE();
			digits = 1;
		}
		if (c == '.') {
			TAKE();
			while (c != EOF && isdigit(c)) {
				TAKE();
				digits = 1;
			}
		}
		if (digits && (c == 'e' || c == 'E')) {
			TAKE();
			if (c == '+' || c == '-')
				TAKE();
			while (c != EOF && isdigit(c))
				TAKE();
		}
	}
#undef TAKE
	back(in, c);
	buf[n] = '\0';
	return digits;
}

/* Parse a scanset after '[': fills in[256] and returns the position after the closing ']'. */
static const char *parse_set(const char *f, unsigned char in_set[256])
{
	int invert = 0;

	if (*f == '^') {
		invert = 1;
		f++;
	}
	memset(in_set, 0, 256);
	if (*f == ']')
		in_set[(unsigned char)*f++] = 1;	/* a leading ']' is a member */
	for (; *f && *f != ']'; f++) {
		if (f[1] == '-' && f[2] && f[2] != ']') {
			for (int c = (unsigned char)f[0]; c <= (unsigned char)f[2]; c++)
				in_set[c] = 1;
			f += 2;
		} else {
			in_set[(unsigned char)*f] = 1;
		}
	}
	if (invert)
		for (int i = 0; i < 256; i++)
			in_set[i] = !in_set[i];
	return *f ? f + 1 : f;
}

static int scan(struct scan_in *in, const char *fmt, va_list ap)
{
	int assigned = 0, converted_any = 0;

	for (const char *f = fmt; *f; f++) {
		enum length len = LEN_NONE;
		int suppress = 0, width = 0, c, base;
		char buf[128];
		void *dst;

		if (isspace((unsigned char)*f)) {
			skip_space(in);
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%')
				f++;
			if (*f == '%')
				skip_space(in);
			c = next(in);
			if (c != (unsigned char)*f) {
				back(in, c);
				return c == EOF && !converted_any ? EOF : assigned;
			}
			continue;
		}

		f++;
		if (*f == '*') {
			suppress = 1;
			f++;
		}
		while (isdigit((unsigned char)*f))
			width = width * 10 + (*f++ - '0');
		if (*f == 'h') {
			len = f[1] == 'h' ? LEN_HH : LEN_H;
			f += f[1] == 'h' ? 2 : 1;
		} else if (*f == 'l') {
			len = f[1] == 'l' ? LEN_LL : LEN_L;
			f += f[1] == 'l' ? 2 : 1;
		} else if (*f == 'j' || *f == 'z' || *f == 't' || *f == 'q') {
			len = LEN_LL;
			f++;
		} else if (*f == 'L') {
			len = LEN_BIG_L;
			f++;
		}

		if (*f == 'n') {
			if (!suppress)
				store_int(va_arg(ap, void *), len, in->count);
			continue;
		}
		if (*f != 'c' && *f != '[')
			skip_space(in);
		if (width == 0)
			width = *f == 'c' ? 1 : -1;	/* -1: no limit */

		switch (*f) {
		case 'd':
		case 'i':
		case 'u':
		case 'o':
		case 'x':
		case 'X':
		case 'p':
			base = *f == 'd' || *f == 'u' ? 10 : *f == 'o' ? 8 : *f == 'i' ? 0 : 16;
			base = read_integer(in, buf, sizeof(buf), width, base);
			if (!base)
				goto fail;
			if (!suppress) {
				dst = va_arg(ap, void *);
				if (*f == 'p')
					*(void **)dst = (void *)(uintptr_t)strtoull(buf, NULL, base);
				else if (*f == 'd' || *f == 'i')
					store_int(dst, len, (uintmax_t)strtoll(buf, NULL, base));
				else
					store_int(dst, len, strtoull(buf, NULL, base));
			}
			break;
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G':
		case 'a':
			if (!read_float(in, buf, sizeof(buf), width))
				goto fail;
			if (!suppress) {
				dst = va_arg(ap, void *);
				if (len == LEN_L)
					*(double *)dst = strtod(buf, NULL);
				else if (len == LEN_BIG_L)
					*(long double *)dst = strtold(buf, NULL);
				else
					*(float *)dst = strtof(buf, NULL);
			}
			break;
		case 's':
		case 'c':
		case '[': {
			unsigned char set[256];
			char *out = suppress ? NULL : va_arg(ap, char *);
			int n = 0;

			if (*f == '[') {
				f = parse_set(f + 1, set) - 1;
			} else {
				for (int i = 0; i < 256; i++)
					set[i] = *f == 'c' || !isspace(i);
				set[0] = *f == 'c';
			}
			while (width != 0 && (c = next(in)) != EOF) {
				if (!set[c]) {
					back(in, c);
					break;
				}
				if (out)
					out[n] = (char)c;
				n++;
				width--;
			}
			if (n == 0 || (*f == 'c' && width > 0))
				goto fail;
			if (out && *f != 'c')
				out[n] = '\0';
			break;
		}
		default:
			return assigned;
		}
		converted_any = 1;
		if (!suppress)
			assigned++;
		continue;
fail:
		c = next(in);
		back(in, c);
		return c == EOF && !converted_any && assigned == 0 ? EOF : assigned;
	}
	return assigned;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	struct scan_in in = { .get = str_get, .unget = str_unget, .s = s };

	return scan(&in, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct scan_in in = { .get = file_get, .unget = file_unget, .f = f };

	return scan(&in, fmt, ap);
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}
