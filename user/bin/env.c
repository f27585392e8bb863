/*
 * env - run a program in a changed environment, or print the environment.
 *
 *	env [-i] [-u NAME]... [NAME=VALUE]... [PROGRAM [ARG]...]
 *
 * -i starts from an empty environment, -u removes one variable, NAME=VALUE sets one. Without a
 * PROGRAM the resulting environment is printed, one NAME=VALUE per line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-i") || !strcmp(argv[i], "-")) {
			clearenv();
		} else if (!strcmp(argv[i], "-u") && i + 1 < argc) {
			unsetenv(argv[++i]);
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			fprintf(stderr, "usage: env [-i] [-u NAME] [NAME=VALUE]... [PROGRAM [ARG]...]\n");
			return 125;
		}
	}
	for (; i < argc && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');

		*eq = 0;
		if (setenv(argv[i], eq + 1, 1) < 0) {
			fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
			return 125;
		}
		*eq = '=';
	}
	if (i == argc) {
		for (char **e = environ; e && *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
