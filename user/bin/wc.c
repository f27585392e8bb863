/*
 * wc - count lines, words and bytes.
 *
 *	wc [-l] [-w] [-c] [FILE]...
 *
 * Without options all three are printed, in the order lines, words, bytes. A word is a maximal
 * run of characters that are not white space. With more than one file a "total" line follows.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts {
	long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

/* Count what fd holds into *c; 0 or -1 with errno. */
static int count(int fd, struct counts *c)
{
	unsigned char buf[8192];
	ssize_t n;
	int in_word = 0;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c->bytes += n;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c->lines++;
			if (isspace(buf[i])) {
				in_word = 0;
			} else if (!in_word) {
				in_word = 1;
				c->words++;
			}
		}
	}
	return n < 0 ? -1 : 0;
}

static void print(const struct counts *c, const char *name)
{
	if (show_lines)
		printf("%7ld ", c->lines);
	if (show_words)
		printf("%7ld ", c->words);
	if (show_bytes)
		printf("%7ld ", c->bytes);
	printf("%s\n", name ? name : "");
}

int main(int argc, char **argv)
{
	struct counts total = { 0, 0, 0 };
	int opt, status = 0;

	while ((opt = getopt(argc, argv, "lwc")) != -1) {
		if (opt == 'l')
			show_lines = 1;
		else if (opt == 'w')
			show_words = 1;
		else if (opt == 'c')
			show_bytes = 1;
		else {
			fprintf(stderr, "usage: wc [-lwc] [FILE]...\n");
			return 1;
		}
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;
	if (optind == argc) {
		struct counts c = { 0, 0, 0 };

		if (count(0, &c) < 0) {
			fprintf(stderr, "wc: stdin: %s\n", strerror(errno));
			return 1;
		}
		print(&c, NULL);
		return 0;
	}
	for (int i = optind; i < argc; i++) {
		struct counts c = { 0, 0, 0 };
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0 || count(fd, &c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else {
			print(&c, argv[i]);
		}
		if (fd >= 0)
			close(fd);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
	}
	if (argc - optind > 1)
		print(&total, "total");
	return status;
}
