/*
 * test_format.c - the kernel's printf engine (kernel/lib/format.c) against the C library's.
 *
 * format.c promises C11 7.21.6.1 padding rules for what it supports, so the host's snprintf is
 * the expected output: every combination of the flags that make sense for a conversion, a set of
 * widths and precisions (also given with '*'), every length modifier and a set of edge values is
 * printed by both and compared byte for byte, with the return values. What the C standard leaves
 * undefined ('#' with d, '0' with s, a precision with p or c, a NULL %s with a precision) is not
 * compared; the kernel's own choices there (unknown conversions, a lone '%') are checked as data.
 */
// SOURCES: kernel/lib/format.c
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>	/* -Ikernel/include: the kernel's string.h, same prototypes as C's */

#include "check.h"
#include "format.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static long compared;	/* how many outputs were compared, for the report */
static int shown;	/* mismatches printed so far (the first few are enough) */

/* Compare one output of each printf; print the first mismatches. */
static void same(const char *fmt, const char *want, int nwant, const char *got, int ngot)
{
	compared++;
	size_t len = nwant >= 0 && nwant < 256 ? (size_t)nwant : 0;
	if (nwant == ngot && memcmp(want, got, len + 1) == 0)
		return;
	check_current_failed = 1;
	if (shown++ < 10)
		printf("#   \"%s\": libc \"%s\" (%d), kernel \"%s\" (%d)\n", fmt, want, nwant, got, ngot);
}

static const char *first(const char *fmt, ...)
{
	return fmt;
}

/*
 * Print with both, the format and then its arguments; the buffers are big enough for every
 * output compared.
 */
#define BOTH(...)                                                                         \
	do {                                                                               \
		char want_[256], got_[256];                                                \
		int nwant_ = snprintf(want_, sizeof(want_), __VA_ARGS__);                  \
		int ngot_ = ksnprintf(got_, sizeof(got_), __VA_ARGS__);                    \
		same(first(__VA_ARGS__), want_, nwant_, got_, ngot_);                      \
	} while (0)

/* The same, with 0, 1 or 2 '*' arguments before the value. */
#define BOTH_STARS(fmt, nstar, s1, s2, v)                                                 \
	do {                                                                               \
		if ((nstar) == 0)                                                          \
			BOTH(fmt, v);                                                      \
		else if ((nstar) == 1)                                                     \
			BOTH(fmt, s1, v);                                                  \
		else                                                                       \
			BOTH(fmt, s1, s2, v);                                              \
	} while (0)

static const long long values[] = {
	0, 1, -1, 7, 8, 9, 10, 42, -42, 100, 127, 128, -128, 255, 256, 0x7fff, 0x8000, -32768,
	65535, 65536, 1234567, -1234567, INT_MAX, INT_MIN, (long long)UINT_MAX, 0x100000000ll,
	LLONG_MAX, LLONG_MIN, (long long)0xdeadbeef12345678ull, -0x7654321,
};

static const char *const widths[] = { "", "1", "3", "8", "24", "*" };
static const char *const precisions[] = { "", ".", ".0", ".1", ".3", ".12", ".*" };
static const char *const lengths[] = { "", "hh", "h", "l", "ll", "z", "j", "t" };
static const int star_widths[] = { -7, 0, 5 };
static const int star_precs[] = { -1, 0, 4 };

/* Print `v` with `fmt` (conversion `conv`, length `len`) and the given '*' arguments. */
static void one_integer(const char *fmt, char conv, const char *len, int nstar, int s1, int s2,
			long long v)
{
	int is_signed = conv == 'd' || conv == 'i';

	if (strcmp(len, "") == 0 || strcmp(len, "hh") == 0 || strcmp(len, "h") == 0) {
		if (is_signed)
			BOTH_STARS(fmt, nstar, s1, s2, (int)v);
		else
			BOTH_STARS(fmt, nstar, s1, s2, (unsigned)v);
	} else if (strcmp(len, "l") == 0) {
		if (is_signed)
			BOTH_STARS(fmt, nstar, s1, s2, (long)v);
		else
			BOTH_STARS(fmt, nstar, s1, s2, (unsigned long)v);
	} else if (strcmp(len, "ll") == 0) {
		if (is_signed)
			BOTH_STARS(fmt, nstar, s1, s2, v);
		else
			BOTH_STARS(fmt, nstar, s1, s2, (unsigned long long)v);
	} else if (strcmp(len, "z") == 0) {
		if (is_signed)
			BOTH_STARS(fmt, nstar, s1, s2, (long)v);	/* ssize_t */
		else
			BOTH_STARS(fmt, nstar, s1, s2, (size_t)v);
	} else if (strcmp(len, "j") == 0) {
		if (is_signed)
			BOTH_STARS(fmt, nstar, s1, s2, (intmax_t)v);
		else
			BOTH_STARS(fmt, nstar, s1, s2, (uintmax_t)v);
	} else {
		BOTH_STARS(fmt, nstar, s1, s2, (ptrdiff_t)v);
	}
}

/* Every subset of `flags`, as strings, into out[]; returns how many. */
static int flag_subsets(const char *flags, char out[][8])
{
	int n = (int)strlen(flags), count = 0;

	for (int mask = 0; mask < (1 << n); mask++) {
		int k = 0;
		for (int i = 0; i < n; i++)
			if (mask & (1 << i))
				out[count][k++] = flags[i];
		out[count][k] = '\0';
		count++;
	}
	return count;
}

/* The '*' arguments a width and precision need, walked as every combination of their values. */
static void for_each_star(const char *fmt, const char *w, const char *p, char conv,
			  const char *len, long long v)
{
	int wstar = strcmp(w, "*") == 0, pstar = strcmp(p, ".*") == 0;

	for (size_t i = 0; i < (wstar ? ARRAY_LEN(star_widths) : 1); i++) {
		for (size_t j = 0; j < (pstar ? ARRAY_LEN(star_precs) : 1); j++) {
			int s[2], n = 0;
			if (wstar)
				s[n++] = star_widths[i];
			if (pstar)
				s[n++] = star_precs[j];
			one_integer(fmt, conv, len, n, n > 0 ? s[0] : 0, n > 1 ? s[1] : 0, v);
		}
	}
}

/* Every integer conversion with its meaningful flags, widths, precisions, lengths, values. */
static void integers(char conv, const char *flags)
{
	char subsets[32][8];
	int nsub = flag_subsets(flags, subsets);

	for (int f = 0; f < nsub; f++)
		for (size_t w = 0; w < ARRAY_LEN(widths); w++)
			for (size_t p = 0; p < ARRAY_LEN(precisions); p++)
				for (size_t l = 0; l < ARRAY_LEN(lengths); l++) {
					char fmt[32];
					snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", subsets[f],
						 widths[w], precisions[p], lengths[l], conv);
					for (size_t v = 0; v < ARRAY_LEN(values); v++)
						for_each_star(fmt, widths[w], precisions[p], conv,
							      lengths[l], values[v]);
				}
}

static void test_d(void) { integers('d', "-+ 0"); }
static void test_i(void) { integers('i', "-+ 0"); }
static void test_u(void) { integers('u', "-0"); }
static void test_o(void) { integers('o', "-#0"); }
static void test_x(void) { integers('x', "-#0"); }
static void test_X(void) { integers('X', "-#0"); }

static void test_strings(void)
{
	static const char *const strs[] = { "", "a", "hello", "a longer string, with spaces" };

	for (size_t s = 0; s < ARRAY_LEN(strs); s++)
		for (int left = 0; left < 2; left++)
			for (size_t w = 0; w < ARRAY_LEN(widths); w++)
				for (size_t p = 0; p < ARRAY_LEN(precisions); p++) {
					char fmt[32];
					snprintf(fmt, sizeof(fmt), "<%%%s%s%ss>", left ? "-" : "",
						 widths[w], precisions[p]);
					int wstar = strcmp(widths[w], "*") == 0;
					int pstar = strcmp(precisions[p], ".*") == 0;
					BOTH_STARS(fmt, wstar + pstar, wstar ? -9 : 2, 3, strs[s]);
				}
	const char *volatile null = NULL;	/* hidden from the compiler's format checks */
	BOTH("%s|%10s|%-10s|", null, null, null);
}

static void test_chars(void)
{
	static const int chars[] = { 'a', ' ', '%', '~', 0x7f };

	for (size_t c = 0; c < ARRAY_LEN(chars); c++)
		for (int left = 0; left < 2; left++)
			for (size_t w = 0; w < ARRAY_LEN(widths); w++) {
				char fmt[32];
				snprintf(fmt, sizeof(fmt), "(%%%s%sc)", left ? "-" : "", widths[w]);
				if (strcmp(widths[w], "*") == 0)
					BOTH(fmt, -4, chars[c]);
				else
					BOTH(fmt, chars[c]);
			}
}

static void test_pointers(void)
{
	static void *const ptrs[] = { NULL, (void *)1, (void *)0xffffffff80100000ull,
				      (void *)0x7ffffffff000ull };

	for (size_t i = 0; i < ARRAY_LEN(ptrs); i++) {
		BOTH("%p", ptrs[i]);
		BOTH("[%20p]", ptrs[i]);
		BOTH("[%-20p]", ptrs[i]);
		BOTH("[%3p]", ptrs[i]);
	}
}

/* Whole lines as the kernel writes them, several conversions in one format. */
static void test_mixed(void)
{
	BOTH("%%");
	BOTH("100%% done, %d%% left%c", 0, '!');
	BOTH("pid %d in pspace %u: %s (state %c) at %#lx\n", 42, 7u, "init", 'S',
	     0xffffffff80101234ul);
	BOTH("mem: %lu MiB usable, %zu frames free", 6142ul, (size_t)1572000);
	BOTH("%-8s|%8s|%8.3d|%+.0d|% d|%#o|%#x", "ab", "cd", 5, 0, 7, 0u, 0u);
	BOTH("%hhd %hhu %hd %hu", 0x1ff, 0x1ff, 0x1ffff, 0x1ffff);
	BOTH("%lld %llx %jd %zd %td", LLONG_MIN, ULLONG_MAX, INTMAX_MIN, (long)-5, (ptrdiff_t)-6);
}

/* Truncation: any buffer size gives snprintf's bytes and return value, and nothing past size. */
static void test_truncation(void)
{
	const char *fmt = "pid %5d: %-6s|%#x";

	for (size_t size = 0; size < 32; size++) {
		char want[40], got[40];
		memset(want, '@', sizeof(want));
		memset(got, '@', sizeof(got));
		int nwant = snprintf(size ? want : NULL, size, fmt, 123, "ab", 0xbeefu);
		int ngot = ksnprintf(size ? got : NULL, size, fmt, 123, "ab", 0xbeefu);
		CHECK_EQ(ngot, nwant);
		CHECK(memcmp(want, got, sizeof(want)) == 0);
		CHECK_EQ(got[size < 39 ? size + 1 : 39], '@');
		compared++;
	}
}

struct counter {
	char buf[64];
	int calls;
};

static void count_out(char c, void *ctx)
{
	struct counter *k = ctx;

	if (k->calls < (int)sizeof(k->buf) - 1)
		k->buf[k->calls] = c;
	k->calls++;
}

static int call_format(struct counter *k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = format(count_out, k, fmt, ap);
	va_end(ap);
	return n;
}

/* format() hands every character to the output function, once, and counts them. */
static void test_format_callback(void)
{
	struct counter k = { { 0 }, 0 };

	int n = call_format(&k, "%s=%04x", "cr2", 0xbeu);
	CHECK_EQ(n, 8);
	CHECK_EQ(k.calls, 8);
	CHECK(strcmp(k.buf, "cr2=00be") == 0);
}

/* What the C standard leaves open, as the kernel does it: the mistake stays visible. */
static void test_kernel_choices(void)
{
	char buf[64];
	/* not literals, so the compiler's format checking lets the odd formats through */
	const char *volatile unknown = "a%yb", *volatile trailing = "end%";

	CHECK_EQ(ksnprintf(buf, sizeof(buf), unknown, 0), 4);
	CHECK(strcmp(buf, "a%yb") == 0);
	CHECK_EQ(ksnprintf(buf, sizeof(buf), trailing, 0), 3);
	CHECK(strcmp(buf, "end") == 0);
	const char *volatile null = NULL;
	CHECK_EQ(ksnprintf(buf, sizeof(buf), "[%.3s]", null), 5);
	CHECK(strcmp(buf, "[(nu]") == 0);
}

int main(void)
{
	RUN(test_d);
	RUN(test_i);
	RUN(test_u);
	RUN(test_o);
	RUN(test_x);
	RUN(test_X);
	RUN(test_strings);
	RUN(test_chars);
	RUN(test_pointers);
	RUN(test_mixed);
	RUN(test_truncation);
	RUN(test_format_callback);
	RUN(test_kernel_choices);
	printf("#   %ld outputs compared with the C library's snprintf\n", compared);
	return check_summary();
}
