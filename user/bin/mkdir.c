/*
 * mkdir - make directories.
 *
 *	mkdir [-p] [-m MODE] DIR...
 *
 * -p makes missing parents as well and is quiet about directories that already exist; -m sets
 * the mode (octal) of the new directories (the umask still applies to parents).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p: make each prefix of path in turn; 0 or -1 with errno. */
static int make_parents(char *path, mode_t mode)
{
	struct stat st;

	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(path, mode) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return -1;
}

int main(int argc, char **argv)
{
	int opt, parents = 0, status = 0;
	mode_t mode = 0777;

	while ((opt = getopt(argc, argv, "pm:")) != -1) {
		if (opt == 'p') {
			parents = 1;
		} else if (opt == 'm') {
			mode = (mode_t)strtoul(optarg, NULL, 8);
		} else {
			fprintf(stderr, "usage: mkdir [-p] [-m MODE] DIR...\n");
			return 1;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "usage: mkdir [-p] [-m MODE] DIR...\n");
		return 1;
	}
	for (int i = optind; i < argc; i++) {
		int r = parents ? make_parents(argv[i], mode) : mkdir(argv[i], mode);

		if (r < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
