/*
 * cat - copy files (or standard input, for no file or "-") to standard output.
 *
 *	cat [FILE]...
 *
 * Straight read()/write() with one buffer: no stdio, so output appears as soon as it is read,
 * which is what an interactive `cat` on a terminal needs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copy everything from fd to stdout; 0, or -1 after printing why. */
static int copy(int fd, const char *name)
{
	char buf[8192];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return -1;
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(1, buf + off, (size_t)(n - off));

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				fprintf(stderr, "cat: write: %s\n", strerror(errno));
				return -1;
			}
			off += w;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return copy(0, "stdin") ? 1 : 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-")) {
			status |= copy(0, "stdin");
			continue;
		}
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = -1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return status ? 1 : 0;
}
