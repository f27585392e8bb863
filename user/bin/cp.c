/*
 * cp - copy files.
 *
 *	cp [-r] SOURCE DEST
 *	cp [-r] SOURCE... DIR
 *
 * A file is copied by read()/write() into a new file with the source's permission bits; with
 * -r a directory is copied with everything in it, and symbolic links inside are copied as
 * links. Copying a directory into itself is refused.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive;

/* Print "cp: what: strerror(errno)" and return 1. */
static int fail(const char *what)
{
	fprintf(stderr, "cp: %s: %s\n", what, strerror(errno));
	return 1;
}

/* Copy the regular file src to dst with mode; 0 or 1. */
static int copy_file(const char *src, const char *dst, mode_t mode)
{
	char buf[8192];
	ssize_t n;
	int in = open(src, O_RDONLY), out, status = 0;

	if (in < 0)
		return fail(src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
	if (out < 0) {
		close(in);
		return fail(dst);
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (write(out, buf, (size_t)n) != n) {
			status = fail(dst);
			break;
		}
	}
	if (n < 0)
		status = fail(src);
	close(in);
	if (close(out) < 0)
		status = fail(dst);
	return status;
}

static int copy_path(const char *src, const char *dst);

/* Copy the directory src (which exists) to dst, entry by entry. */
static int copy_dir(const char *src, const char *dst, mode_t mode)
{
	DIR *d;
	struct dirent *e;
	int status = 0;

	if (mkdir(dst, mode & 07777) < 0 && errno != EEXIST)
		return fail(dst);
	d = opendir(src);
	if (!d)
		return fail(src);
	while ((e = readdir(d))) {
		char s[4096], t[4096];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(s, sizeof(s), "%s/%s", src, e->d_name);
		snprintf(t, sizeof(t), "%s/%s", dst, e->d_name);
		status |= copy_path(s, t);
	}
	closedir(d);
	return status;
}

/* Copy whatever src is to dst; 0 or 1. */
static int copy_path(const char *src, const char *dst)
{
	struct stat st;

	if ((recursive ? lstat(src, &st) : stat(src, &st)) < 0)
		return fail(src);
	if (S_ISDIR(st.st_mode)) {
		size_t n = strlen(src);

		if (!recursive) {
			fprintf(stderr, "cp: %s: is a directory (not copied without -r)\n", src);
			return 1;
		}
		if (!strncmp(dst, src, n) && dst[n] == '/') {
			fprintf(stderr, "cp: cannot copy %s into itself\n", src);
			return 1;
		}
		return copy_dir(src, dst, st.st_mode);
	}
	if (S_ISLNK(st.st_mode)) {
		char target[4096];
		ssize_t n = readlink(src, target, sizeof(target) - 1);

		if (n < 0)
			return fail(src);
		target[n] = 0;
		unlink(dst);
		return symlink(target, dst) < 0 ? fail(dst) : 0;
	}
	return copy_file(src, dst, st.st_mode);
}

int main(int argc, char **argv)
{
	int opt, status = 0;
	struct stat st;

	while ((opt = getopt(argc, argv, "rRa")) != -1) {
		if (opt == '?') {
			fprintf(stderr, "usage: cp [-r] SOURCE DEST | SOURCE... DIR\n");
			return 1;
		}
		recursive = 1;
	}
	argc -= optind;
	argv += optind;
	if (argc < 2) {
		fprintf(stderr, "usage: cp [-r] SOURCE DEST | SOURCE... DIR\n");
		return 1;
	}
	const char *dest = argv[argc - 1];
	int into_dir = stat(dest, &st) == 0 && S_ISDIR(st.st_mode);

	if (argc > 2 && !into_dir) {
		fprintf(stderr, "cp: %s: not a directory\n", dest);
		return 1;
	}
	for (int i = 0; i < argc - 1; i++) {
		char path[4096];
		const char *base = strrchr(argv[i], '/');

		if (!into_dir) {
			status |= copy_path(argv[i], dest);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dest, base ? base + 1 : argv[i]);
		status |= copy_path(argv[i], path);
	}
	return status;
}
