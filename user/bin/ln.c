/*
 * ln - make links.
 *
 *	ln [-s] [-f] TARGET LINK
 *	ln [-s] [-f] TARGET... DIR
 *
 * Without -s a hard link (another name for the same file), with -s a symbolic link (a small
 * file holding the TARGET path, resolved when used). -f removes an existing LINK first.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int symbolic, force;

/* Link target as name; 0, or 1 after printing why. */
static int make_link(const char *target, const char *name)
{
	if (force)
		unlink(name);
	if ((symbolic ? symlink(target, name) : link(target, name)) < 0) {
		fprintf(stderr, "ln: %s -> %s: %s\n", name, target, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int opt, status = 0;
	struct stat st;

	while ((opt = getopt(argc, argv, "sf")) != -1) {
		if (opt == 's') {
			symbolic = 1;
		} else if (opt == 'f') {
			force = 1;
		} else {
			fprintf(stderr, "usage: ln [-s] [-f] TARGET LINK | TARGET... DIR\n");
			return 1;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		fprintf(stderr, "usage: ln [-s] [-f] TARGET LINK | TARGET... DIR\n");
		return 1;
	}
	const char *last = argv[argc - 1];

	if (argc == 2 && !(stat(last, &st) == 0 && S_ISDIR(st.st_mode)))
		return make_link(argv[0], last);
	/* link each target into a directory under its own base name (also: ln -s TARGET) */
	const char *dir = argc == 1 ? "." : last;
	int n = argc == 1 ? 1 : argc - 1;

	for (int i = 0; i < n; i++) {
		char path[4096];
		const char *base = strrchr(argv[i], '/');

		snprintf(path, sizeof(path), "%s/%s", dir, base ? base + 1 : argv[i]);
		status |= make_link(argv[i], path);
	}
	return status;
}
