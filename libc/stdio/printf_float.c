/*
 * printf_float.c - printf's %e %E %f %F %g %G: doubles as decimal text, correctly rounded.
 *
 * A finite double is exactly m * 2^e for integers m (53 bits) and e, so its decimal expansion is
 * finite too: at most 309 digits before the point and 1074 after. We compute ALL of those digits
 * exactly with a little big-number arithmetic, and then rounding to any precision is the school
 * method on a digit string - including the tie case: an exactly representable 0.125 printed
 * with %.2f is a true tie and rounds to even ("0.12"), as glibc does, while 0.135 (really
 * 0.13500000000000000888...) rounds up.
 *
 *  - Integer part (e >= 0): m << e as a big number in 32-bit words, turned into decimal by
 *    repeated division by 10^9 (nine digits per division).
 *  - Fraction (e < 0): the k = -e low bits of m are a fraction f / 2^k. Multiplying it by 10^9
 *    pushes the next nine decimal digits out above the binary point. We keep the fraction in
 *    words with the binary point at a word boundary, so what overflows the top word is exactly
 *    those nine digits.
 *
 * long double arguments arrive here converted to double (libc/stdio/format.c).
 */
#include <stdint.h>
#include <string.h>

#include "format.h"

#define MAX_DIGITS	1200	/* 17 significant + 1074 fraction digits is the worst case */
#define BIG_WORDS	36	/* 1024 + 53 + 32 bits */

/* value = 0.digits[0..n) * 10^point; n == 0 means zero; no leading or trailing '0' digits */
struct decimal {
	char digits[MAX_DIGITS];
	int n;
	int point;
};

/* Append the nine digits of chunk (with leading zeros unless first) to d. */
static void append_chunk(struct decimal *d, uint32_t chunk, int all_nine)
{
	char tmp[9];
	int len = 0;

	do {
		tmp[len++] = (char)('0' + chunk % 10);
		chunk /= 10;
	} while (chunk && len < 9);
	while (all_nine && len < 9)
		tmp[len++] = '0';
	while (len > 0 && d->n < MAX_DIGITS)
		d->digits[d->n++] = tmp[--len];
}

/* The decimal digits of the integer held in w[0..nw) (little-endian 32-bit words). */
static void append_big_integer(struct decimal *d, uint32_t *w, int nw)
{
	uint32_t chunks[BIG_WORDS * 32 / 29 + 2];
	int nc = 0;

	while (nw > 0 && w[nw - 1] == 0)
		nw--;
	while (nw > 0) {
		uint64_t rem = 0;

		for (int i = nw - 1; i >= 0; i--) {
			uint64_t cur = rem << 32 | w[i];

			w[i] = (uint32_t)(cur / 1000000000u);
			rem = cur % 1000000000u;
		}
		chunks[nc++] = (uint32_t)rem;
		while (nw > 0 && w[nw - 1] == 0)
			nw--;
	}
	for (int i = nc - 1; i >= 0; i--)
		append_chunk(d, chunks[i], i != nc - 1);
}

/* Store (value << shift) into w[] starting at word `at`, zeroing the rest; value < 2^53. */
static void big_set(uint32_t *w, int at, uint64_t value, int shift)
{
	unsigned __int128 v = (unsigned __int128)value << shift;

	memset(w, 0, BIG_WORDS * sizeof(*w));
	w[at] = (uint32_t)v;
	w[at + 1] = (uint32_t)(v >> 32);
	w[at + 2] = (uint32_t)(v >> 64);
}

/* Exact decimal expansion of a finite x >= 0. */
static void decimal_from_double(double x, struct decimal *d)
{
	uint32_t w[BIG_WORDS];
	uint64_t bits, m;
	int biased, e, lead = 0;

	memcpy(&bits, &x, sizeof(bits));
	biased = (int)(bits >> 52 & 0x7ff);
	m = bits & ((1ull << 52) - 1);
	if (biased) {
		m |= 1ull << 52;
		e = biased - 1075;
	} else {
		e = -1074;		/* subnormal: no implicit leading 1 */
	}
	d->n = 0;
	d->point = 0;
	if (m == 0)
		return;

	if (e >= 0) {
		big_set(w, e / 32, m, e % 32);
		append_big_integer(d, w, e / 32 + 3);
		d->point = d->n;
	} else {
		int k = -e;
		int words = (k + 31) / 32;
		int low = 0;		/* w[0..low) are known to be zero */
		uint64_t frac = k < 64 ? m & ((1ull << k) - 1) : m;

		if (k < 64 && (m >> k)) {
			big_set(w, 0, m >> k, 0);
			append_big_integer(d, w, 3);
		}
		d->point = d->n;
		big_set(w, 0, frac, words * 32 - k);
		for (;;) {
			uint64_t carry = 0;

			while (low < words && w[low] == 0)
				low++;
			if (low == words)
				break;
			for (int i = low; i < words; i++) {
				uint64_t cur = (uint64_t)w[i] * 1000000000u + carry;

				w[i] = (uint32_t)cur;
				carry = cur >> 32;
			}
			append_chunk(d, (uint32_t)carry, 1);
		}
	}

	/* normalise: no leading zeros (each one lowers the point), no trailing zeros */
	while (lead < d->n && d->digits[lead] == '0')
		lead++;
	memmove(d->digits, d->digits + lead, (size_t)(d->n - lead));
	d->n -= lead;
	d->point -= lead;
	while (d->n > 0 && d->digits[d->n - 1] == '0')
		d->n--;
}

/* Keep the first `keep` digits, rounding to nearest with ties to even. */
static void decimal_round(struct decimal *d, int keep)
{
	int up, i;

	if (keep >= d->n)
		return;
	if (keep < 0) {
		d->n = 0;
		d->point = 0;
		return;
	}
	if (d->digits[keep] != '5')
		up = d->digits[keep] > '5';
	else if (keep + 1 < d->n)
		up = 1;			/* more than half: trailing digits are never zeros */
	else
		up = keep > 0 && (d->digits[keep - 1] - '0') % 2;	/* a tie: to even */
	d->n = keep;
	if (up) {
		for (i = keep - 1; i >= 0 && d->digits[i] == '9'; i--)
			;
		if (i < 0) {
			d->digits[0] = '1';
			d->n = 1;
			d->point++;
		} else {
			d->digits[i]++;
			d->n = i + 1;
		}
	}
	while (d->n > 0 && d->digits[d->n - 1] == '0')
		d->n--;
	if (d->n == 0)
		d->point = 0;
}

/* digit i of the expansion, '0' past its end */
static char digit(const struct decimal *d, int i)
{
	return i >= 0 && i < d->n ? d->digits[i] : '0';
}

/* a small buffer in front of fmt_put(), since digits come one at a time */
struct emitter {
	struct fmt_out *out;
	int len;
	char buf[128];
};

static void emit(struct emitter *em, char c)
{
	if (em->len == (int)sizeof(em->buf)) {
		fmt_put(em->out, em->buf, (size_t)em->len);
		em->len = 0;
	}
	em->buf[em->len++] = c;
}

static void emit_flush(struct emitter *em)
{
	fmt_put(em->out, em->buf, (size_t)em->len);
	em->len = 0;
}

/* how the body of the field will look */
struct layout {
	int exp_style;		/* d.ddde+XX rather than ddd.ddd */
	int precision;		/* digits after the point */
	int dot;		/* print the point */
	int exp;		/* exponent, for exp_style */
	char e;			/* 'e' or 'E' */
};

static int body_length(const struct decimal *d, const struct layout *l)
{
	int len = l->precision + l->dot;

	if (l->exp_style) {
		int a = l->exp < 0 ? -l->exp : l->exp;

		return len + 1 + 2 + (a >= 100 ? 3 : 2);
	}
	return len + (d->point > 0 ? d->point : 1);
}

static void emit_body(struct emitter *em, const struct decimal *d, const struct layout *l)
{
	if (l->exp_style) {
		int a = l->exp < 0 ? -l->exp : l->exp;

		emit(em, digit(d, 0));
		if (l->dot)
			emit(em, '.');
		for (int i = 1; i <= l->precision; i++)
			emit(em, digit(d, i));
		emit(em, l->e);
		emit(em, l->exp < 0 ? '-' : '+');
		if (a >= 100)
			emit(em, (char)('0' + a / 100));
		emit(em, (char)('0' + a / 10 % 10));
		emit(em, (char)('0' + a % 10));
		return;
	}
	if (d->point <= 0)
		emit(em, '0');
	for (int i = 0; i < d->point; i++)
		emit(em, digit(d, i));
	if (l->dot)
		emit(em, '.');
	for (int i = 0; i < l->precision; i++)
		emit(em, digit(d, d->point + i));
}

/* Decide the layout for %e/%f/%g and round the digits to match it. */
static void choose_layout(struct decimal *d, const struct fmt_spec *spec, struct layout *l)
{
	char conv = spec->conv;
	int p = spec->precision < 0 ? 6 : spec->precision;

	l->e = (conv == 'E' || conv == 'G') ? 'E' : 'e';
	if (conv == 'f' || conv == 'F') {
		decimal_round(d, d->point + p);
		l->exp_style = 0;
		l->precision = p;
	} else if (conv == 'e' || conv == 'E') {
		decimal_round(d, p + 1);
		l->exp_style = 1;
		l->precision = p;
	} else {
		/* %g: p significant digits; %e style if the exponent is < -4 or >= p */
		int x;

		if (p == 0)
			p = 1;
		decimal_round(d, p);
		x = d->n ? d->point - 1 : 0;
		l->exp_style = !(x >= -4 && x < p);
		l->precision = l->exp_style ? p - 1 : p - 1 - x;
		if (!spec->alt) {
			/* drop trailing zeros: only the digits that are really there */
			int have = l->exp_style ? d->n - 1 : d->n - d->point;

			if (have < 0)
				have = 0;
			if (have < l->precision)
				l->precision = have;
		}
	}
	l->exp = d->n ? d->point - 1 : 0;
	l->dot = l->precision > 0 || spec->alt;
}

void fmt_float(struct fmt_out *out, const struct fmt_spec *spec, double value)
{
	static struct decimal d;	/* 1.2 KiB: kept off the stack; stdio is not reentrant */
	struct emitter em = { .out = out };
	const char *sign = "";
	struct layout l;
	int upper = spec->conv == 'E' || spec->conv == 'F' || spec->conv == 'G';
	int len, pad;

	if (__builtin_signbit(value))
		sign = "-";
	else if (spec->plus)
		sign = "+";
	else if (spec->space)
		sign = " ";

	if (__builtin_isnan(value) || __builtin_isinf(value)) {
		const char *text = __builtin_isnan(value) ? (upper ? "NAN" : "nan") :
							     (upper ? "INF" : "inf");

		fmt_field(out, spec, sign, 0, text, 3, 0);
		return;
	}

	decimal_from_double(__builtin_fabs(value), &d);
	choose_layout(&d, spec, &l);
	len = (int)strlen(sign) + body_length(&d, &l);
	pad = spec->width - len;

	if (!spec->left && !spec->zero)
		fmt_pad(out, ' ', pad);
	fmt_put(out, sign, strlen(sign));
	if (!spec->left && spec->zero)
		fmt_pad(out, '0', pad);
	emit_body(&em, &d, &l);
	emit_flush(&em);
	if (spec->left)
		fmt_pad(out, ' ', pad);
}
