/*
 * internal/format.h - the pieces of printf shared between libc/stdio/printf.c (the format
 * parser, integers, strings) and libc/stdio/printf_float.c (floating point).
 *
 * Formatting writes into a struct fmt_out, which says where the characters go: a caller's
 * buffer (snprintf), a FILE (fprintf), a file descriptor (dprintf) or a growing heap buffer
 * (asprintf). The formatter only calls fmt_put()/fmt_pad(); count keeps the number of characters
 * the whole call produced, which is printf's return value even when snprintf truncates.
 */
#ifndef _NIDO_INTERNAL_FORMAT_H
#define _NIDO_INTERNAL_FORMAT_H

#include <stddef.h>

struct fmt_out {
	void (*write)(struct fmt_out *out, const char *s, size_t n);	/* the sink */
	void *target;		/* the sink's own state: a FILE *, a struct strbuf *, ... */
	size_t count;		/* characters produced so far */
	int error;		/* set by the sink when it failed (EOF from printf) */
};

/* one parsed conversion specification: %[flags][width][.precision][length]conv */
struct fmt_spec {
	unsigned left : 1;	/* '-': pad on the right */
	unsigned plus : 1;	/* '+': always a sign */
	unsigned space : 1;	/* ' ': a space where a '+' would go */
	unsigned alt : 1;	/* '#': alternate form (0x, leading 0, keep the point) */
	unsigned zero : 1;	/* '0': pad with zeros after the sign */
	int width;		/* minimum field width, 0 if none */
	int precision;		/* -1 if none */
	char conv;		/* the conversion letter */
};

static inline void fmt_put(struct fmt_out *out, const char *s, size_t n)
{
	if (n) {
		out->write(out, s, n);
		out->count += n;
	}
}

void fmt_pad(struct fmt_out *out, char c, int n);

/*
 * Write a field made of a prefix (sign, "0x"), `zeros` '0' characters and a body, padded to
 * spec->width: with spaces before or after, or with more zeros after the prefix when zero_pad.
 */
void fmt_field(struct fmt_out *out, const struct fmt_spec *spec, const char *prefix, int zeros,
	       const char *body, size_t body_len, int zero_pad);

/* %e %E %f %F %g %G (libc/stdio/printf_float.c) */
void fmt_float(struct fmt_out *out, const struct fmt_spec *spec, double value);

/* the whole of vfprintf, writing to any sink */
int fmt_format(struct fmt_out *out, const char *fmt, __builtin_va_list ap);

#endif
