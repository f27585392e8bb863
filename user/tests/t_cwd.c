/*
 * t_cwd.c - the working directory: getcwd, chdir, fchdir, relative paths resolved against the
 * current directory, a cwd inherited across fork, and the errors (ERANGE, ENOENT, ENOTDIR).
 */
#include <fcntl.h>

#include "tap.h"

int main(void)
{
	char start[512], dir[256], buf[512], small[2];

	if (!CHECK(getcwd(start, sizeof(start)) == start, "getcwd()"))
		return tap_done();
	CHECK(start[0] == '/', "the cwd is an absolute path (%s)", start);
	if (tap_scratch_dir(dir, sizeof(dir), "cwd") < 0) {
		CHECK(0, "mkdir %s: %s", dir, strerror(errno));
		return tap_done();
	}
	CHECK_EQ(chdir(dir), 0, "chdir to the scratch directory");
	CHECK_EQ(mkdir("sub", 0755), 0, "mkdir with a relative path");
	CHECK_EQ(chdir("sub"), 0, "chdir with a relative path");
	CHECK(getcwd(buf, sizeof(buf)) && strlen(buf) > 4 && !strcmp(buf + strlen(buf) - 4, "/sub"),
	      "getcwd ends in /sub (%s)", buf);
	int fd = open("file", O_WRONLY | O_CREAT, 0600);

	CHECK(fd >= 0, "create a file relative to the cwd");
	close(fd);
	CHECK_EQ(access("../sub/file", F_OK), 0, "../sub/file names the same file");
	CHECK_ERRNO(getcwd(small, sizeof(small)) ? 0 : -1, ERANGE, "getcwd into a 2-byte buffer");
	CHECK_ERRNO(chdir("file"), ENOTDIR, "chdir to a file");
	CHECK_ERRNO(chdir("missing"), ENOENT, "chdir to a missing directory");
	CHECK_ERRNO(chdir(""), ENOENT, "chdir(\"\")");

	pid_t pid = fork();

	if (pid == 0) {
		char child[512];

		/* the child starts in the parent's cwd and moving it does not move the parent */
		if (!getcwd(child, sizeof(child)) || strcmp(child, buf))
			_exit(1);
		_exit(chdir("/") == 0 ? 0 : 2);
	}
	int status;

	waitpid(pid, &status, 0);
	tap_exited(status, 0, "a forked child starts in the parent's cwd");
	char after[512];

	CHECK(getcwd(after, sizeof(after)) && !strcmp(after, buf),
	      "the child's chdir(\"/\") did not move the parent");
	CHECK_EQ(chdir(".."), 0, "chdir(\"..\")");
	int dfd = open("sub", O_RDONLY | O_DIRECTORY);

	CHECK_EQ(chdir("/"), 0, "chdir(\"/\")");
	CHECK(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"), "getcwd is \"/\"");
	CHECK_EQ(fchdir(dfd), 0, "fchdir to an open directory");
	CHECK_EQ(access("file", F_OK), 0, "... and relative paths follow it");
	close(dfd);
	unlink("file");
	chdir("..");
	rmdir("sub");
	CHECK_EQ(chdir(start), 0, "chdir back to where we started");
	CHECK_EQ(rmdir(dir), 0, "remove the scratch directory");
	return tap_done();
}
