/*
 * test_cpio.c - the newc parser against archives built here byte by byte, and broken ones.
 */
// SOURCES: kernel/cpio.c tests/host/stubs.c
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cpio.h"
#include "uapi/errno.h"

struct arch {
	char buf[8192];
	size_t len;
};

/* Append one member the way `cpio -o -H newc` writes it. */
static void add(struct arch *a, const char *name, unsigned mode, const char *data, size_t size,
		unsigned ino, unsigned nlink)
{
	size_t namesize = strlen(name) + 1;

	a->len += (size_t)sprintf(a->buf + a->len,
				  "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", ino,
				  mode, 1000u, 100u, nlink, 1700000000u, (unsigned)size, 0u, 0u,
				  (mode & 0170000) == 0020000 ? 1u : 0u,
				  (mode & 0170000) == 0020000 ? 3u : 0u, (unsigned)namesize, 0u);
	memcpy(a->buf + a->len, name, namesize);
	a->len += namesize;
	while (a->len % 4)
		a->buf[a->len++] = 0;
	memcpy(a->buf + a->len, data, size);
	a->len += size;
	while (a->len % 4)
		a->buf[a->len++] = 0;
}

static void add_trailer(struct arch *a)
{
	add(a, "TRAILER!!!", 0, "", 0, 0, 1);
}

static void build_sample(struct arch *a)
{
	memset(a, 0, sizeof(*a));
	add(a, ".", 040755, "", 0, 1, 2);
	add(a, "bin", 040755, "", 0, 2, 2);
	add(a, "bin/hello", 0100755, "hello world\n", 12, 3, 1);
	add(a, "bin/sh", 0120777, "busybox", 7, 4, 1);
	add(a, "dev/null", 0020666, "", 0, 5, 1);
	add_trailer(a);
}

static void test_walk(void)
{
	struct arch a;
	struct cpio_entry e;
	size_t off = 0;

	build_sample(&a);
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), 1);
	CHECK(strcmp(e.name, ".") == 0);
	CHECK_EQ(e.mode, 040755);
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), 1);
	CHECK(strcmp(e.name, "bin") == 0);
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), 1);
	CHECK(strcmp(e.name, "bin/hello") == 0);
	CHECK_EQ(e.namelen, 9);
	CHECK_EQ(e.size, 12);
	CHECK(memcmp(e.data, "hello world\n", 12) == 0);
	CHECK_EQ(e.mode, 0100755);
	CHECK_EQ(e.uid, 1000);
	CHECK_EQ(e.gid, 100);
	CHECK_EQ(e.mtime, 1700000000u);
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), 1);
	CHECK(strcmp(e.name, "bin/sh") == 0);
	CHECK_EQ(e.mode & 0170000, 0120000);
	CHECK_EQ(e.size, 7);
	CHECK(memcmp(e.data, "busybox", 7) == 0);
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), 1);
	CHECK_EQ(e.rdev_major, 1);
	CHECK_EQ(e.rdev_minor, 3);
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), 0);
}

static void test_bad_magic(void)
{
	struct arch a;
	struct cpio_entry e;
	size_t off = 0;

	build_sample(&a);
	a.buf[5] = '7';	/* "070707" is the old binary-compatible format: not newc */
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), -EINVAL);
	build_sample(&a);
	a.buf[20] = 'g';	/* not a hex digit */
	off = 0;
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), -EINVAL);
}

/* Every prefix of a valid archive is rejected somewhere before its trailer, never overread. */
static void test_truncation(void)
{
	struct arch a;

	build_sample(&a);
	for (size_t cut = 0; cut < a.len - 1; cut++) {
		char *copy = malloc(cut ? cut : 1);
		struct cpio_entry e;
		size_t off = 0;
		int r;

		memcpy(copy, a.buf, cut);
		while ((r = cpio_next(copy, cut, &off, &e)) == 1)
			CHECK(off <= cut);
		/* the trailer's own padding may be cut off; anything shorter must fail */
		if (cut < a.len - 3)
			CHECK_EQ(r, -EINVAL);
		free(copy);
	}
}

static void test_bad_lengths(void)
{
	struct arch a;
	struct cpio_entry e;
	size_t off = 0;

	/* a name size of 0 and a name whose last byte is not the NUL */
	memset(&a, 0, sizeof(a));
	add(&a, "x", 0100644, "", 0, 1, 1);
	memcpy(a.buf + 6 + 8 * 11, "00000000", 8);
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), -EINVAL);
	memset(&a, 0, sizeof(a));
	add(&a, "abc", 0100644, "", 0, 1, 1);
	memcpy(a.buf + 6 + 8 * 11, "00000003", 8);	/* "abc" without its NUL */
	off = 0;
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), -EINVAL);
	/* a NUL inside the name */
	memset(&a, 0, sizeof(a));
	add(&a, "abc", 0100644, "", 0, 1, 1);
	a.buf[111] = 0;
	off = 0;
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), -EINVAL);
	/* a file size running past the end */
	memset(&a, 0, sizeof(a));
	add(&a, "f", 0100644, "data", 4, 1, 1);
	memcpy(a.buf + 6 + 8 * 6, "FFFFFFFF", 8);
	off = 0;
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), -EINVAL);
	/* an offset past the end */
	off = a.len + 4;
	CHECK_EQ(cpio_next(a.buf, a.len, &off, &e), -EINVAL);
}

/* The host's own cpio(1) output, when the tool is installed, parses to the same members. */
static void test_real_cpio(void)
{
	char dir[] = "/tmp/nido-cpio-XXXXXX";
	char cmd[512];
	static char buf[65536];
	struct cpio_entry e;
	size_t off = 0, n;
	int files = 0, links = 0, r;
	FILE *f;

	if (system("command -v cpio >/dev/null 2>&1") != 0 || !mkdtemp(dir))
		return;
	snprintf(cmd, sizeof(cmd),
		 "cd %s && mkdir -p d && printf 'abcdefg' > d/f && ln -s f d/l && "
		 "(printf 'd\\nd/f\\nd/l\\n' | cpio -o -H newc --quiet > a.cpio)", dir);
	if (system(cmd) != 0)
		return;
	snprintf(cmd, sizeof(cmd), "%s/a.cpio", dir);
	f = fopen(cmd, "rb");
	if (!f)
		return;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	while ((r = cpio_next(buf, n, &off, &e)) == 1) {
		if (strcmp(e.name, "d/f") == 0 && e.size == 7 && memcmp(e.data, "abcdefg", 7) == 0)
			files++;
		if (strcmp(e.name, "d/l") == 0 && (e.mode & 0170000) == 0120000 && e.size == 1)
			links++;
	}
	CHECK_EQ(r, 0);
	CHECK_EQ(files, 1);
	CHECK_EQ(links, 1);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		CHECK(!"cleanup failed");
}

int main(void)
{
	RUN(test_walk);
	RUN(test_bad_magic);
	RUN(test_truncation);
	RUN(test_bad_lengths);
	RUN(test_real_cpio);
	return check_summary();
}
