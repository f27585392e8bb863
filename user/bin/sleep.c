/*
 * sleep - pause for the given number of seconds; fractions ("0.5") are allowed, and several
 * arguments add up.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	double total = 0;
	struct timespec t;

	if (argc < 2) {
		fprintf(stderr, "usage: sleep SECONDS...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		char *end;
		double s = strtod(argv[i], &end);

		if (end == argv[i] || *end || s < 0) {
			fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]);
			return 1;
		}
		total += s;
	}
	t.tv_sec = (time_t)total;
	t.tv_nsec = (long)((total - (double)t.tv_sec) * 1e9);
	while (nanosleep(&t, &t) < 0)
		if (errno != EINTR)
			return 1;
	return 0;
}
