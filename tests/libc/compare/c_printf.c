/*
 * c_printf.c - printf against glibc: thousands of (format, value) cases.
 *
 * The formats are built from every combination of flags, widths, precisions and conversions in
 * the tables below, applied to every value in the value tables. Each line of output is
 * "format -> [result] return-value"; tests/libc/run.sh compares the nido build's output with
 * the glibc build's byte for byte.
 */
#include <float.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const int_flags[] = { "", "-", "+", " ", "#", "0", "-0", "+0", " 0", "#0",
					 "+ ", "-#" };
static const char *const int_widths[] = { "", "1", "6", "20" };
static const char *const int_precs[] = { "", ".", ".0", ".1", ".4", ".15" };
static const char int_convs[] = "diouxX";
static const int int_values[] = { 0, 1, -1, 7, 42, -42, 255, 4096, 123456789, INT_MAX,
				  INT_MIN, -999999 };

static const char *const flt_flags[] = { "", "-", "+", " ", "#", "0", "+0", "#0", "-#", " 0" };
static const char *const flt_widths[] = { "", "3", "14" };
static const char *const flt_precs[] = { "", ".0", ".1", ".2", ".3", ".6", ".10", ".17", ".25" };
static const char flt_convs[] = "eEfFgG";

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void int_cases(void)
{
	char fmt[32], out[128];

	for (size_t v = 0; v < N(int_values); v++)
		for (size_t f = 0; f < N(int_flags); f++)
			for (size_t w = 0; w < N(int_widths); w++)
				for (size_t p = 0; p < N(int_precs); p++)
					for (const char *c = int_convs; *c; c++) {
						int r;

						snprintf(fmt, sizeof(fmt), "%%%s%s%s%c", int_flags[f],
							 int_widths[w], int_precs[p], *c);
						r = snprintf(out, sizeof(out), fmt, int_values[v]);
						printf("%s %d -> [%s] %d\n", fmt, int_values[v], out, r);
					}
}

/*
 * glibc 2.36 prints printf("%#.3g", 999.9995) as "1.e+03": when rounding carries into a new
 * leading digit it loses the zeros '#' must keep. C11 7.21.6.1 asks for "1.00e+03", which is
 * what nido prints (tests/libc/unit/t_stdio.c checks it), so that one case is not compared.
 */
static int glibc_gets_wrong(const char *flags, char conv, double v)
{
	return strchr(flags, '#') && (conv == 'g' || conv == 'G') && v == 999.9995;
}

static void float_cases(void)
{
	static const double values[] = {
		0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 0.1, 0.2, 0.3, 0.05,
		0.15, 0.25, 0.35, 1.0 / 3, 2.0 / 3, 3.14159265358979323846, 2.718281828459045,
		1e-5, 1.5e-5, 0.0001, 0.00012345, 123.456, 999.9995, 9.9999999, 99999.95,
		100.0, 1e6, 1234567.0, 1e15, 1e16, 1e17, 123456789012345678.0, 1e21, 1e22, 1e23,
		1e100, -1e100, 1.7976931348623157e308, 2.2250738585072014e-308, 4.9406564584124654e-324,
		1.23456789e-300, 6.02214076e23, 1.602176634e-19, 0.999999, 0.9999995, 9.5, 10.5,
		0.00095, 5e-7, 65536.0, 4294967296.0, 18446744073709551616.0, -123.0,
	};
	char fmt[32], out[512];

	for (size_t v = 0; v < N(values); v++)
		for (size_t f = 0; f < N(flt_flags); f++)
			for (size_t w = 0; w < N(flt_widths); w++)
				for (size_t p = 0; p < N(flt_precs); p++)
					for (const char *c = flt_convs; *c; c++) {
						int r;

						if (glibc_gets_wrong(flt_flags[f], *c, values[v]))
							continue;
						snprintf(fmt, sizeof(fmt), "%%%s%s%s%c", flt_flags[f],
							 flt_widths[w], flt_precs[p], *c);
						r = snprintf(out, sizeof(out), fmt, values[v]);
						printf("%s %.17g -> [%s] %d\n", fmt, values[v], out, r);
					}
}

static void special_floats(void)
{
	double inf = __builtin_inf(), nan = __builtin_nan("");
	static const char *const fmts[] = { "%f", "%e", "%g", "%F", "%E", "%G", "%10f", "%-10f|",
					    "%+f", "% f", "%010f", "%.3e", "%#g" };

	for (size_t i = 0; i < N(fmts); i++) {
		printf("%s: ", fmts[i]);
		printf(fmts[i], inf);
		printf(" ");
		printf(fmts[i], -inf);
		printf(" ");
		printf(fmts[i], nan);
		printf(" ");
		printf(fmts[i], -nan);
		printf("\n");
	}
	/* exactness: every digit of these is determined by the binary value */
	printf("%.60f\n", 0.1);
	printf("%.70e\n", 1.0 / 3);
	printf("%.1100f\n", 4.9406564584124654e-324);
	printf("%.0f\n", 1.7976931348623157e308);
	printf("%.30f\n", 1e-10);
	printf("%.40g\n", 2.0 / 3);
	printf("%Lf %Le %Lg %.3Lf\n", 1.5L, 2.25L, 1e-5L, 3.14159L);
	printf("%5.0f|%-5.0f|%05.0f|%#.0f|%#.0e\n", 2.5, 3.5, -0.5, 7.0, 7.0);
}

static void length_cases(void)
{
	printf("[%hhd %hhu %hhx %hhd]\n", 300, 300, 511, -129);
	printf("[%hd %hu %hx %hd]\n", 70000, 70000, 0x1ffff, -32769);
	printf("[%ld %lu %lx %lo]\n", LONG_MIN, ULONG_MAX, LONG_MAX, 8l);
	printf("[%lld %llu %llx %llX]\n", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefll, 0xabcdefll);
	printf("[%zu %zd %zx]\n", (size_t)-1, (ptrdiff_t)-5, (size_t)4096);
	printf("[%jd %ju %td]\n", INTMAX_MIN, UINTMAX_MAX, (ptrdiff_t)-77);
	printf("[%+ld %-20ld| %020lld %#lo %#llx]\n", 5l, -5l, -123ll, 0l, 0ll);
	printf("[%.0d|%.0u|%.0x|%#.0x|%#.0o|%5.0d|%-5.0d|]\n", 0, 0, 0, 0, 0, 0, 0);
}

static void string_cases(void)
{
	const char *s = "hello, world";
	int n1 = 0, n2 = 0;
	signed char hn = 0;
	long ln = 0;

	printf("[%s][%20s][%-20s][%.5s][%20.5s][%-20.5s][%.0s][%.20s]\n", s, s, s, s, s, s, s, s);
	printf("[%s][%10s][%.3s][%.6s][%-8s]\n", (char *)NULL, (char *)NULL, (char *)NULL,
	       (char *)NULL, (char *)NULL);
	printf("[%c][%5c][%-5c][%c%c%c]\n", 'x', 'y', 'z', 'a', 0x62, 'c');
	printf("[%p][%p][%20p][%-20p][%p]\n", (void *)0, (void *)0x1234, (void *)0xdeadbeef,
	       (void *)0xdeadbeef, (void *)-1);
	printf("[%%][%5%][%-5%]\n");
	printf("abc%ndef%hhnghi%ln%n\n", &n1, &hn, &ln, &n2);
	printf("n: %d %d %ld %d\n", n1, hn, ln, n2);
	printf("[%*d][%-*d][%*d][%.*d][%.*d][%*.*f]\n", 8, 42, 8, 42, -8, 42, 5, 42, -5, 42, 10, 3,
	       3.14159);
	printf("[%.*s][%*s]\n", 3, "abcdef", -6, "ab");
	printf("%s %d %s %c %f %x\n", "mixed", -12, "args", '!', 0.5, 0xbeef);
	printf("[%5s][%-5s][%5.1s]\n", "", "", "xyz");
}

static void snprintf_cases(void)
{
	char buf[16];
	int r;

	memset(buf, '#', sizeof(buf));
	r = snprintf(buf, 5, "%s", "truncated");
	printf("snprintf 5: %d [%s] %c\n", r, buf, buf[6]);
	r = snprintf(buf, 1, "%d", 12345);
	printf("snprintf 1: %d [%s]\n", r, buf);
	r = snprintf(NULL, 0, "%d-%s", 12345, "abc");
	printf("snprintf 0: %d\n", r);
	r = snprintf(buf, sizeof(buf), "%.3f", 2.0 / 3);
	printf("snprintf full: %d [%s]\n", r, buf);
	r = sprintf(buf, "%05d|%x", -42, 255);
	printf("sprintf: %d [%s]\n", r, buf);
}

int main(void)
{
	int_cases();
	length_cases();
	string_cases();
	snprintf_cases();
	special_floats();
	float_cases();
	return 0;
}
