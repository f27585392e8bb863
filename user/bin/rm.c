/*
 * rm - remove files.
 *
 *	rm [-r] [-f] PATH...
 *
 * -r removes directories and everything in them (depth first: the entries, then the
 * directory); -f is quiet about missing files and never fails because of them. Symbolic links
 * are removed, never followed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, force;

/* Remove path (recursively with -r); 0, or 1 after printing why. */
static int remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == 0)
			return 0;
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!recursive) {
		fprintf(stderr, "rm: %s: is a directory\n", path);
		return 1;
	}
	DIR *d = opendir(path);
	struct dirent *e;
	int status = 0;

	if (!d) {
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		char child[4096];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
		status |= remove_path(child);
	}
	closedir(d);
	if (rmdir(path) < 0) {
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return status;
}

int main(int argc, char **argv)
{
	int opt, status = 0;

	while ((opt = getopt(argc, argv, "rRf")) != -1) {
		if (opt == 'r' || opt == 'R') {
			recursive = 1;
		} else if (opt == 'f') {
			force = 1;
		} else {
			fprintf(stderr, "usage: rm [-r] [-f] PATH...\n");
			return 1;
		}
	}
	if (optind == argc && !force) {
		fprintf(stderr, "usage: rm [-r] [-f] PATH...\n");
		return 1;
	}
	for (int i = optind; i < argc; i++)
		status |= remove_path(argv[i]);
	return status;
}
