/*
 * head - print the first lines of files.
 *
 *	head [-n COUNT] [-COUNT] [FILE]...
 *
 * COUNT defaults to 10. With more than one file each gets a "==> NAME <==" header.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copy the first count lines of f to stdout. */
static void head(FILE *f, long count)
{
	int c;

	while (count > 0 && (c = getc(f)) != EOF) {
		putchar(c);
		if (c == '\n')
			count--;
	}
}

int main(int argc, char **argv)
{
	long count = 10;
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *num = argv[i] + 1;

		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			num = argv[++i];
		else if (!strncmp(argv[i], "-n", 2))
			num = argv[i] + 2;
		char *end;

		count = strtol(num, &end, 10);
		if (*end || end == num || count < 0) {
			fprintf(stderr, "usage: head [-n COUNT] [FILE]...\n");
			return 1;
		}
	}
	if (i == argc) {
		head(stdin, count);
		return 0;
	}
	for (int first = i; i < argc; i++) {
		FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;

		if (!f) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (argc - first > 1)
			printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
		head(f, count);
		if (f != stdin)
			fclose(f);
	}
	return status;
}
