/*
 * t_fs.c - files and directories on the scratch file system (tmpfs on nido): create, write,
 * read back, lseek and holes, O_EXCL/O_TRUNC/O_APPEND, stat, directory listings through
 * getdents64 and readdir, rename, unlink, symlinks, and the errno of each misuse.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "tap.h"

static char dir[256];

/* path = dir + "/" + name, in a static buffer (one at a time) */
static const char *at(const char *name)
{
	static char buf[2][320];
	static int which;

	which ^= 1;
	snprintf(buf[which], sizeof(buf[which]), "%s/%s", dir, name);
	return buf[which];
}

static void test_file(void)
{
	char buf[64] = { 0 };
	struct stat st;
	int fd = open(at("f"), O_RDWR | O_CREAT | O_EXCL, 0640);

	if (!CHECK(fd >= 0, "open(O_CREAT|O_EXCL) creates a file"))
		return;
	CHECK_ERRNO(open(at("f"), O_RDWR | O_CREAT | O_EXCL, 0640), EEXIST,
		    "O_CREAT|O_EXCL on an existing file");
	CHECK_EQ(write(fd, "hello, world", 12), 12, "write 12 bytes");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12, "the offset moved to 12");
	CHECK_EQ(lseek(fd, 7, SEEK_SET), 7, "lseek SEEK_SET 7");
	CHECK(read(fd, buf, sizeof(buf)) == 5 && !memcmp(buf, "world", 5), "read back 'world'");
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0, "read at end of file returns 0");
	CHECK_EQ(lseek(fd, -5, SEEK_END), 7, "lseek SEEK_END -5");
	CHECK_EQ(lseek(fd, -2, SEEK_CUR), 5, "lseek SEEK_CUR -2");
	CHECK_ERRNO(lseek(fd, -100, SEEK_SET), EINVAL, "lseek to a negative offset");
	CHECK_ERRNO(lseek(fd, 0, 99), EINVAL, "lseek with whence 99");
	CHECK(fstat(fd, &st) == 0 && st.st_size == 12 && S_ISREG(st.st_mode),
	      "fstat: a regular file of 12 bytes");
	CHECK_EQ(st.st_mode & 0777, 0640 & ~umask(022), "the mode is 0640 less the umask");
	umask(022);

	/* a hole reads as zeros */
	CHECK_EQ(pwrite(fd, "Z", 1, 8192), 1, "pwrite at 8192 leaves a hole");
	memset(buf, 1, sizeof(buf));
	CHECK(pread(fd, buf, 16, 4096) == 16 && !buf[0] && !buf[15], "the hole reads as zeros");
	CHECK(stat(at("f"), &st) == 0 && st.st_size == 8193, "stat: the size is now 8193");
	close(fd);

	fd = open(at("f"), O_WRONLY | O_TRUNC);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC empties the file");
	close(fd);
	fd = open(at("f"), O_WRONLY | O_APPEND);
	CHECK_EQ(write(fd, "ab", 2), 2, "write with O_APPEND");
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ(write(fd, "cd", 2), 2, "write with O_APPEND after lseek to 0");
	close(fd);
	fd = open(at("f"), O_RDONLY);
	memset(buf, 0, sizeof(buf));
	CHECK(read(fd, buf, sizeof(buf)) == 4 && !strcmp(buf, "abcd"), "O_APPEND always appends");
	CHECK_ERRNO(write(fd, "x", 1), EBADF, "write on an O_RDONLY descriptor");
	close(fd);
}

/* Count the names in dir with raw getdents64; bit i of *seen set when names[i] was found. */
static int list_raw(const char *const *names, int n, int *seen)
{
	char buf[1024];
	int fd = open(dir, O_RDONLY | O_DIRECTORY), count = 0;
	ssize_t len;

	*seen = 0;
	if (fd < 0)
		return -1;
	while ((len = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < len;) {
			struct dirent64 {
				unsigned long long d_ino;
				long long d_off;
				unsigned short d_reclen;
				unsigned char d_type;
				char d_name[];
			} *d = (void *)(buf + off);

			count++;
			for (int i = 0; i < n; i++)
				if (!strcmp(d->d_name, names[i]))
					*seen |= 1 << i;
			if (!strcmp(d->d_name, "sub") && d->d_type != DT_DIR)
				*seen |= 1 << 30;
			off += d->d_reclen;
		}
	}
	close(fd);
	return len < 0 ? -1 : count;
}

static void test_dirs(void)
{
	static const char *const names[] = { ".", "..", "f", "sub", "link" };
	int seen;
	char target[64] = { 0 };
	struct stat st;

	CHECK_EQ(mkdir(at("sub"), 0755), 0, "mkdir");
	CHECK_ERRNO(mkdir(at("sub"), 0755), EEXIST, "mkdir of an existing directory");
	CHECK_ERRNO(mkdir(at("none/sub"), 0755), ENOENT, "mkdir under a missing directory");
	CHECK_ERRNO(mkdir(at("f/sub"), 0755), ENOTDIR, "mkdir under a file");
	CHECK_EQ(symlink("f", at("link")), 0, "symlink link -> f");
	CHECK(readlink(at("link"), target, sizeof(target)) == 1 && !strcmp(target, "f"),
	      "readlink returns the target, without a NUL");
	CHECK(lstat(at("link"), &st) == 0 && S_ISLNK(st.st_mode), "lstat sees a symlink");
	CHECK(stat(at("link"), &st) == 0 && S_ISREG(st.st_mode), "stat follows it to the file");
	CHECK_ERRNO(readlink(at("f"), target, sizeof(target)), EINVAL, "readlink of a non-link");

	CHECK_EQ(list_raw(names, 5, &seen), 5, "getdents64 lists 5 entries");
	CHECK_EQ(seen, 0x1f, "... named ., .., f, sub, link; sub has type DT_DIR");

	DIR *d = opendir(dir);
	struct dirent *e;
	int count = 0;

	seen = 0;
	while (d && (e = readdir(d))) {
		count++;
		for (int i = 0; i < 5; i++)
			if (!strcmp(e->d_name, names[i]))
				seen |= 1 << i;
	}
	CHECK(d && count == 5 && seen == 0x1f, "readdir sees the same five");
	if (d)
		closedir(d);

	int fd = open(at("sub/x"), O_WRONLY | O_CREAT, 0600);

	close(fd);
	CHECK_ERRNO(rmdir(at("sub")), ENOTEMPTY, "rmdir of a non-empty directory");
	CHECK_ERRNO(rmdir(at("f")), ENOTDIR, "rmdir of a file");
	CHECK_ERRNO(rmdir(at("gone")), ENOENT, "rmdir of a missing directory");
	CHECK_ERRNO(unlink(at("sub")), EISDIR, "unlink of a directory");
	CHECK_ERRNO(open(at("sub"), O_WRONLY), EISDIR, "open a directory for writing");
	fd = open(at("sub"), O_RDONLY);
	char c;

	CHECK_ERRNO(read(fd, &c, 1), EISDIR, "read from a directory");
	close(fd);
	CHECK_ERRNO(open(at("f"), O_RDONLY | O_DIRECTORY), ENOTDIR, "O_DIRECTORY on a file");
	CHECK_ERRNO(open(at("missing"), O_RDONLY), ENOENT, "open a missing file");
	CHECK_ERRNO(open(at("f/x"), O_RDONLY), ENOTDIR, "a path through a file");

	CHECK_EQ(rename(at("sub/x"), at("moved")), 0, "rename across directories");
	CHECK_ERRNO(access(at("sub/x"), F_OK), ENOENT, "the old name is gone");
	CHECK_EQ(access(at("moved"), F_OK), 0, "the new name exists");
	CHECK_EQ(rename(at("moved"), at("f")), 0, "rename over an existing file");
	CHECK_EQ(unlink(at("f")), 0, "unlink");
	CHECK_ERRNO(unlink(at("f")), ENOENT, "unlink twice");
	CHECK_ERRNO(stat(at("link"), &st), ENOENT, "a dangling symlink does not stat");
	CHECK_EQ(unlink(at("link")), 0, "unlink the symlink");
	CHECK_EQ(rmdir(at("sub")), 0, "rmdir the now empty directory");
}

/* An open file outlives its name. */
static void test_unlinked_open(void)
{
	char buf[8] = { 0 };
	int fd = open(at("tmp"), O_RDWR | O_CREAT, 0600);

	CHECK_EQ(write(fd, "alive", 5), 5, "write a file");
	CHECK_EQ(unlink(at("tmp")), 0, "unlink an open file");
	lseek(fd, 0, SEEK_SET);
	CHECK(read(fd, buf, 5) == 5 && !strcmp(buf, "alive"), "its data stays readable");
	close(fd);
}

int main(void)
{
	if (tap_scratch_dir(dir, sizeof(dir), "fs") < 0) {
		CHECK(0, "mkdir %s: %s", dir, strerror(errno));
		return tap_done();
	}
	umask(022);
	test_file();
	test_dirs();
	test_unlinked_open();
	CHECK_EQ(rmdir(dir), 0, "the scratch directory is empty and removed");
	return tap_done();
}
