/*
 * getopt.c - POSIX getopt(): short options, clustered ("-ab"), with attached ("-ofile") or
 * separate ("-o file") arguments, "--" to end the options, and a leading ':' in optstring to
 * report a missing argument as ':' instead of '?' without a message.
 *
 * State between calls: optind (next argv element), plus a private position inside a cluster.
 * Setting optind to 0 (GNU) or 1 restarts the scan.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

static int cluster_pos;		/* index of the next option letter inside argv[optind] */

int getopt(int argc, char *const argv[], const char *optstring)
{
	int colon_mode = optstring[0] == ':';
	const char *spec;
	char *arg;
	int c;

	if (optind == 0) {
		optind = 1;
		cluster_pos = 0;
	}
	optarg = NULL;
	if (cluster_pos == 0) {
		if (optind >= argc || !argv[optind] || argv[optind][0] != '-' || !argv[optind][1])
			return -1;
		if (strcmp(argv[optind], "--") == 0) {
			optind++;
			return -1;
		}
		cluster_pos = 1;
	}

	arg = argv[optind];
	c = (unsigned char)arg[cluster_pos++];
	spec = c == ':' ? NULL : strchr(optstring + colon_mode, c);
	if (!arg[cluster_pos]) {
		optind++;
		cluster_pos = 0;
	}

	if (!spec) {
		optopt = c;
		if (opterr && !colon_mode)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		return '?';
	}
	if (spec[1] != ':')
		return c;

	/* the option takes an argument: the rest of this element, or the next element */
	if (cluster_pos) {
		optarg = arg + cluster_pos;
		optind++;
		cluster_pos = 0;
	} else if (optind < argc) {
		optarg = argv[optind++];
	} else {
		optopt = c;
		if (colon_mode)
			return ':';
		if (opterr)
			fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
		return '?';
	}
	return c;
}
