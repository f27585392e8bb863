/*
 * format.c - the printf engine behind kprintf and ksnprintf.
 *
 * One pass over the format string: each conversion is parsed into a struct spec (flags, width,
 * precision, length), its argument fetched from the va_list with the right type, and the digits
 * produced by put_number(). Padding rules follow C11 7.21.6.1 so host tests can compare the
 * output with the C library's printf byte for byte.
 */
#include <stdint.h>
#include "format.h"

enum { F_LEFT = 1, F_PLUS = 2, F_SPACE = 4, F_ALT = 8, F_ZERO = 16 };
enum length { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_SIZE, L_INTMAX, L_PTRDIFF };

struct spec {
	int flags;
	int width;
	int prec;		/* -1 when absent */
	enum length len;
};

struct sink {
	format_out_fn out;
	void *ctx;
	int count;
};

static void emit(struct sink *s, char c)
{
	s->out(c, s->ctx);
	s->count++;
}

static void emit_n(struct sink *s, char c, int n)
{
	while (n-- > 0)
		emit(s, c);
}

/*
 * Print an unsigned magnitude with an optional sign character and prefix ("0x", "0"), honouring
 * width, precision and the '-' and '0' flags.
 */
static void put_number(struct sink *s, const struct spec *sp, uintmax_t v, unsigned base,
		       int upper, char sign, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int n = 0;

	if (!(v == 0 && sp->prec == 0)) {
		do {
			buf[n++] = digits[v % base];
			v /= base;
		} while (v);
	}
	int zeros = sp->prec > n ? sp->prec - n : 0;
	/* "%#o" needs a leading zero only if the digits don't already start with one */
	if (base == 8 && prefix[0] && (zeros > 0 || (n > 0 && buf[n - 1] == '0')))
		prefix = "";
	int plen = 0;
	while (prefix[plen])
		plen++;
	int body = n + zeros + plen + (sign ? 1 : 0);
	int pad = sp->width > body ? sp->width - body : 0;

	if (!(sp->flags & F_LEFT) && !((sp->flags & F_ZERO) && sp->prec < 0))
		emit_n(s, ' ', pad);
	if (sign)
		emit(s, sign);
	for (int i = 0; i < plen; i++)
		emit(s, prefix[i]);
	if (!(sp->flags & F_LEFT) && (sp->flags & F_ZERO) && sp->prec < 0)
		emit_n(s, '0', pad);
	emit_n(s, '0', zeros);
	while (n > 0)
		emit(s, buf[--n]);
	if (sp->flags & F_LEFT)
		emit_n(s, ' ', pad);
}

static void put_string(struct sink *s, const struct spec *sp, const char *str)
{
	int n = 0;

	if (!str)
		str = "(null)";
	while (str[n] && (sp->prec < 0 || n < sp->prec))
		n++;
	int pad = sp->width > n ? sp->width - n : 0;
	if (!(sp->flags & F_LEFT))
		emit_n(s, ' ', pad);
	for (int i = 0; i < n; i++)
		emit(s, str[i]);
	if (sp->flags & F_LEFT)
		emit_n(s, ' ', pad);
}

static intmax_t fetch_signed(va_list *ap, enum length len)
{
	switch (len) {
	case L_CHAR: return (signed char)va_arg(*ap, int);
	case L_SHORT: return (short)va_arg(*ap, int);
	case L_LONG: return va_arg(*ap, long);
	case L_LLONG: return va_arg(*ap, long long);
	case L_SIZE: return va_arg(*ap, long);		/* ssize_t */
	case L_INTMAX: return va_arg(*ap, intmax_t);
	case L_PTRDIFF: return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

static uintmax_t fetch_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case L_CHAR: return (unsigned char)va_arg(*ap, unsigned);
	case L_SHORT: return (unsigned short)va_arg(*ap, unsigned);
	case L_LONG: return va_arg(*ap, unsigned long);
	case L_LLONG: return va_arg(*ap, unsigned long long);
	case L_SIZE: return va_arg(*ap, size_t);
	case L_INTMAX: return va_arg(*ap, uintmax_t);
	case L_PTRDIFF: return (uintmax_t)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned);
	}
}

/* Parse flags, width, precision and length starting at *pp; leaves *pp at the conversion. */
static void parse_spec(const char **pp, va_list *ap, struct spec *sp)
{
	const char *p = *pp;

	sp->flags = 0;
	for (;; p++) {
		if (*p == '-') sp->flags |= F_LEFT;
		else if (*p == '+') sp->flags |= F_PLUS;
		else if (*p == ' ') sp->flags |= F_SPACE;
		else if (*p == '#') sp->flags |= F_ALT;
		else if (*p == '0') sp->flags |= F_ZERO;
		else break;
	}
	sp->width = 0;
	if (*p == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= F_LEFT;
			sp->width = -sp->width;
		}
		p++;
	} else {
		while (*p >= '0' && *p <= '9')
			sp->width = sp->width * 10 + (*p++ - '0');
	}
	sp->prec = -1;
	if (*p == '.') {
		p++;
		sp->prec = 0;
		if (*p == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			p++;
		} else {
			while (*p >= '0' && *p <= '9')
				sp->prec = sp->prec * 10 + (*p++ - '0');
		}
	}
	sp->len = L_INT;
	switch (*p) {
	case 'h':
		sp->len = (p[1] == 'h') ? L_CHAR : L_SHORT;
		p += (p[1] == 'h') ? 2 : 1;
		break;
	case 'l':
		sp->len = (p[1] == 'l') ? L_LLONG : L_LONG;
		p += (p[1] == 'l') ? 2 : 1;
		break;
	case 'z': sp->len = L_SIZE; p++; break;
	case 'j': sp->len = L_INTMAX; p++; break;
	case 't': sp->len = L_PTRDIFF; p++; break;
	}
	*pp = p;
}

int format(format_out_fn out, void *ctx, const char *fmt, va_list ap_in)
{
	struct sink s = { out, ctx, 0 };
	struct spec sp;
	va_list ap;

	va_copy(ap, ap_in);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			emit(&s, *p);
			continue;
		}
		p++;
		parse_spec(&p, &ap, &sp);
		switch (*p) {
		case 'd':
		case 'i': {
			intmax_t v = fetch_signed(&ap, sp.len);
			char sign = v < 0 ? '-' : (sp.flags & F_PLUS) ? '+' : (sp.flags & F_SPACE) ? ' ' : 0;
			uintmax_t mag = v < 0 ? -(uintmax_t)v : (uintmax_t)v;
			put_number(&s, &sp, mag, 10, 0, sign, "");
			break;
		}
		case 'u':
			put_number(&s, &sp, fetch_unsigned(&ap, sp.len), 10, 0, 0, "");
			break;
		case 'o':
			put_number(&s, &sp, fetch_unsigned(&ap, sp.len), 8, 0, 0,
				   (sp.flags & F_ALT) ? "0" : "");
			break;
		case 'x':
		case 'X': {
			uintmax_t v = fetch_unsigned(&ap, sp.len);
			const char *prefix = (sp.flags & F_ALT) && v ? (*p == 'x' ? "0x" : "0X") : "";
			put_number(&s, &sp, v, 16, *p == 'X', 0, prefix);
			break;
		}
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(ap, void *);
			if (!v) {
				sp.prec = -1;
				put_string(&s, &sp, "(nil)");
			} else {
				put_number(&s, &sp, v, 16, 0, 0, "0x");
			}
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			int pad = sp.width > 1 ? sp.width - 1 : 0;
			if (!(sp.flags & F_LEFT))
				emit_n(&s, ' ', pad);
			emit(&s, c);
			if (sp.flags & F_LEFT)
				emit_n(&s, ' ', pad);
			break;
		}
		case 's':
			put_string(&s, &sp, va_arg(ap, const char *));
			break;
		case '%':
			emit(&s, '%');
			break;
		case '\0':
			p--;	/* a lone '%' at the end: stop */
			break;
		default:	/* unknown conversion: print it as is, so the mistake is visible */
			emit(&s, '%');
			emit(&s, *p);
			break;
		}
	}
	va_end(ap);
	return s.count;
}

struct bufctx {
	char *buf;
	size_t size;
	size_t pos;
};

static void buf_out(char c, void *ctx)
{
	struct bufctx *b = ctx;

	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bufctx b = { buf, size, 0 };
	int n = format(buf_out, &b, fmt, ap);

	if (size > 0)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
