/*
 * yes - print a line (the arguments joined by spaces, or "y") over and over, until the reader
 * goes away (a write error or SIGPIPE ends it).
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char line[1024] = "y";
	char buf[8192];
	size_t len, fill = 0;

	if (argc > 1) {
		line[0] = 0;
		for (int i = 1; i < argc; i++) {
			if (i > 1)
				strncat(line, " ", sizeof(line) - strlen(line) - 1);
			strncat(line, argv[i], sizeof(line) - strlen(line) - 1);
		}
	}
	strncat(line, "\n", sizeof(line) - strlen(line) - 1);
	len = strlen(line);
	/* fill a buffer with whole lines so that each write() moves many of them */
	while (fill + len <= sizeof(buf)) {
		memcpy(buf + fill, line, len);
		fill += len;
	}
	while (fwrite(buf, 1, fill, stdout) == fill)
		;
	return 1;
}
