/*
 * echo - print the arguments, separated by spaces, followed by a newline.
 *
 *	echo [-n] [-e] [ARG]...
 *
 * -n leaves out the newline; -e interprets the backslash escapes \n \t \\ \a \b \r \c (stop
 * here, no newline) and \0NNN (octal). Option letters are only recognized in leading arguments
 * made of nothing else, as in most shells, so `echo -x` prints "-x".
 */
#include <stdio.h>
#include <string.h>

/* Print s with escapes interpreted; returns 1 if a \c said to stop all output. */
static int put_escaped(const char *s)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";

	for (; *s; s++) {
		const char *e;

		if (*s != '\\' || !s[1]) {
			putchar(*s);
			continue;
		}
		s++;
		if (*s == 'c')
			return 1;
		if (*s == '0') {
			int v = 0, n = 0;

			while (n < 3 && s[1] >= '0' && s[1] <= '7') {
				v = v * 8 + (*++s - '0');
				n++;
			}
			putchar(v);
		} else if ((e = strchr(from, *s))) {
			putchar(to[e - from]);
		} else {
			putchar('\\');
			putchar(*s);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int newline = 1, escapes = 0, i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strspn(argv[i] + 1, "neE") != strlen(argv[i] + 1))
			break;
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'n')
				newline = 0;
			else
				escapes = *o == 'e';
		}
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			putchar(' ');
		if (escapes) {
			if (put_escaped(argv[i]))
				return fflush(stdout) ? 1 : 0;
		} else {
			fputs(argv[i], stdout);
		}
	}
	if (newline)
		putchar('\n');
	return fflush(stdout) ? 1 : 0;
}
