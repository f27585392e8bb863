/*
 * test, [ - evaluate a condition for a shell script; exit 0 when true, 1 when false, 2 on a
 * syntax error.
 *
 *	test EXPRESSION		[ EXPRESSION ]
 *
 * Files: -e -f -d -L/-h -r -w -x -s -p -c -b PATH. Strings: -z S, -n S, S, S1 = S2, S1 != S2.
 * Integers: N1 -eq -ne -lt -le -gt -ge N2. Combined with ! EXPR, EXPR -a EXPR, EXPR -o EXPR
 * and ( EXPR ), -a binding tighter than -o. The grammar is parsed by recursive descent over
 * the arguments; a binary operator is preferred where one fits, as POSIX's rules for up to
 * four arguments amount to.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char **args;	/* the expression's words */
static int nargs, pos;	/* how many, and the next one to read */

static _Noreturn void syntax(const char *why)
{
	fprintf(stderr, "test: %s\n", why);
	exit(2);
}

/* a long from a string that must be a whole number */
static long number(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (end == s || *end || errno)
		syntax("integer expression expected");
	return v;
}

/* the file-type tests: operator letter and the S_IF* type it asks for */
static const struct {
	char op;
	mode_t type;
} type_tests[] = {
	{ 'f', S_IFREG }, { 'd', S_IFDIR }, { 'p', S_IFIFO }, { 'c', S_IFCHR }, { 'b', S_IFBLK },
};

/* The unary file test -op on path. */
static int file_test(char op, const char *path)
{
	struct stat st;

	if (op == 'L' || op == 'h')
		return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
	if (op == 'r' || op == 'w' || op == 'x')
		return access(path, op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK) == 0;
	if (stat(path, &st) < 0)
		return 0;
	if (op == 's')
		return st.st_size > 0;
	for (unsigned int i = 0; i < sizeof(type_tests) / sizeof(type_tests[0]); i++)
		if (type_tests[i].op == op)
			return (st.st_mode & S_IFMT) == type_tests[i].type;
	return 1;	/* -e */
}

/* binary operators: 1/0 for a known operator, -1 if op is not one */
static int binary(const char *a, const char *op, const char *b)
{
	static const char *const int_ops[] = { "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };

	if (!strcmp(op, "=") || !strcmp(op, "=="))
		return !strcmp(a, b);
	if (!strcmp(op, "!="))
		return strcmp(a, b) != 0;
	for (int i = 0; i < 6; i++) {
		if (strcmp(op, int_ops[i]))
			continue;
		long x = number(a), y = number(b);
		int r[] = { x == y, x != y, x < y, x <= y, x > y, x >= y };

		return r[i];
	}
	return -1;
}

static int or_expr(void);

static int primary(void)
{
	if (pos >= nargs)
		syntax("argument expected");
	const char *a = args[pos];

	/* a binary operator after this word wins: "-f = -f" compares strings */
	if (pos + 2 < nargs) {
		int r = binary(a, args[pos + 1], args[pos + 2]);

		if (r >= 0) {
			pos += 3;
			return r;
		}
	}
	if (!strcmp(a, "!")) {
		pos++;
		return !primary();
	}
	if (!strcmp(a, "(") && pos + 1 < nargs) {
		pos++;
		int r = or_expr();

		if (pos >= nargs || strcmp(args[pos], ")"))
			syntax("')' expected");
		pos++;
		return r;
	}
	if (a[0] == '-' && a[1] && !a[2] && strchr("efdLhrwxspcbzn", a[1]) && pos + 1 < nargs) {
		const char *b = args[pos + 1];

		pos += 2;
		if (a[1] == 'z')
			return !*b;
		if (a[1] == 'n')
			return *b != 0;
		return file_test(a[1], b);
	}
	pos++;
	return *a != 0;		/* a lone word: true when not empty */
}

static int and_expr(void)
{
	int r = primary();

	while (pos < nargs && !strcmp(args[pos], "-a")) {
		pos++;
		r = primary() && r;
	}
	return r;
}

static int or_expr(void)
{
	int r = and_expr();

	while (pos < nargs && !strcmp(args[pos], "-o")) {
		pos++;
		r = and_expr() || r;
	}
	return r;
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');

	name = name ? name + 1 : argv[0];
	if (!strcmp(name, "[")) {
		if (argc < 2 || strcmp(argv[argc - 1], "]"))
			syntax("missing ']'");
		argc--;
	}
	args = argv + 1;
	nargs = argc - 1;
	if (nargs == 0)
		return 1;
	int r = or_expr();

	if (pos != nargs)
		syntax("too many arguments");
	return r ? 0 : 1;
}
