/*
 * t_fd.c - the file descriptor table: dup/dup2/dup3 and fcntl, descriptors that share one open
 * file (and its offset), and close-on-exec: which descriptors survive an execve().
 *
 * For the exec part the program re-executes itself as "t_fd --check-fds KEPT CLOSED" and the
 * image reports with its exit code.
 */
#include <fcntl.h>

#include "tap.h"

/* Runs in the exec'd image: KEPT must still be open (and readable), CLOSED must be gone. */
static int check_fds(const char *kept, const char *closed)
{
	int k = atoi(kept), c = atoi(closed);
	char buf[4];

	if (fcntl(c, F_GETFD) != -1 || errno != EBADF)
		return 1;
	if (fcntl(k, F_GETFD) != 0)
		return 2;
	if (read(k, buf, 4) != 4 || memcmp(buf, "data", 4))
		return 3;
	return 0;
}

/* The lowest descriptor >= from that is not open (what F_DUPFD must pick). */
static int lowest_free(int from)
{
	while (fcntl(from, F_GETFD) != -1)
		from++;
	return from;
}

static void test_dup(void)
{
	int p[2], want;

	if (pipe(p) < 0)
		return;
	close(p[0]);
	want = lowest_free(0);
	int low = dup(p[1]);

	CHECK_EQ(low, want, "dup() takes the lowest free descriptor");
	CHECK_EQ(dup2(p[1], 40), 40, "dup2() to descriptor 40");
	CHECK(fcntl(40, F_GETFD) == 0, "dup2's copy does not inherit FD_CLOEXEC");
	CHECK_EQ(dup2(40, 40), 40, "dup2(fd, fd) returns fd");
	CHECK_ERRNO(dup2(40, -1), EBADF, "dup2() to a negative descriptor");
	CHECK_ERRNO(dup2(1000000, 41), EBADF, "dup2() from a descriptor that is not open");
	CHECK_ERRNO(dup3(40, 40, 0), EINVAL, "dup3(fd, fd)");
	CHECK_EQ(dup3(40, 41, O_CLOEXEC), 41, "dup3(O_CLOEXEC)");
	CHECK_EQ(fcntl(41, F_GETFD), FD_CLOEXEC, "... sets FD_CLOEXEC on the copy");
	int d1 = lowest_free(50);

	CHECK_EQ(fcntl(40, F_DUPFD, 50), d1, "F_DUPFD finds the lowest free descriptor >= 50");
	int d2 = lowest_free(50);

	CHECK_EQ(fcntl(40, F_DUPFD, 50), d2, "... and the next one");
	want = lowest_free(10);
	int d3 = fcntl(40, F_DUPFD_CLOEXEC, 10);

	CHECK_EQ(d3, want, "F_DUPFD_CLOEXEC >= 10");
	CHECK_EQ(fcntl(d3, F_GETFD), FD_CLOEXEC, "... with FD_CLOEXEC set");
	CHECK_EQ(fcntl(d3, F_SETFD, 0), 0, "F_SETFD 0");
	CHECK_EQ(fcntl(d3, F_GETFD), 0, "... clears FD_CLOEXEC");
	CHECK_EQ(fcntl(d1, F_GETFL) & O_ACCMODE, O_WRONLY, "F_GETFL says the write end is O_WRONLY");
	CHECK_EQ(fcntl(d1, F_SETFL, O_NONBLOCK), 0, "F_SETFL O_NONBLOCK");
	CHECK(fcntl(40, F_GETFL) & O_NONBLOCK, "status flags are shared by duplicates");
	CHECK_ERRNO(fcntl(d1, 9999), EINVAL, "fcntl with an unknown command");
	CHECK_ERRNO(fcntl(1000000, F_GETFD), EBADF, "fcntl on a descriptor that is not open");
	CHECK_ERRNO(close(1000000), EBADF, "close of a descriptor that is not open");
	int fds[] = { p[1], low, 40, 41, d1, d2, d3 };

	for (unsigned int i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		close(fds[i]);
	CHECK_ERRNO(close(40), EBADF, "close twice");
}

static void test_shared_offset(const char *dir)
{
	char path[300], buf[8] = { 0 };

	snprintf(path, sizeof(path), "%s/offset", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (!CHECK(fd >= 0, "create %s", path))
		return;
	int copy = dup(fd);

	CHECK_EQ(write(fd, "abcdef", 6), 6, "write 6 bytes");
	CHECK_EQ(lseek(copy, 0, SEEK_CUR), 6, "a dup'd descriptor shares the offset");
	lseek(copy, 2, SEEK_SET);
	CHECK(read(fd, buf, 2) == 2 && !memcmp(buf, "cd", 2), "seek on one moves the other");
	int other = open(path, O_RDONLY);

	CHECK(read(other, buf, 2) == 2 && !memcmp(buf, "ab", 2),
	      "a second open() has an offset of its own");
	close(other);
	close(copy);
	close(fd);
	unlink(path);
}

static void test_cloexec(char *self)
{
	int keep[2], gone[2];
	char kept[16], closed[16];
	int status;

	if (pipe(keep) < 0 || pipe2(gone, O_CLOEXEC) < 0)
		return;
	CHECK_EQ(write(keep[1], "data", 4), 4, "fill the pipe that must survive exec");
	snprintf(kept, sizeof(kept), "%d", keep[0]);
	snprintf(closed, sizeof(closed), "%d", gone[0]);
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { self, "--check-fds", kept, closed, NULL };

		execv(self, argv);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	tap_exited(status, 0, "after exec a plain fd is open, an O_CLOEXEC fd is closed");
	close(keep[0]);
	close(keep[1]);
	close(gone[0]);
	close(gone[1]);
}

int main(int argc, char **argv)
{
	char dir[256];

	if (argc == 4 && !strcmp(argv[1], "--check-fds"))
		return check_fds(argv[2], argv[3]);
	test_dup();
	if (tap_scratch_dir(dir, sizeof(dir), "fd") == 0) {
		test_shared_offset(dir);
		rmdir(dir);
	} else {
		CHECK(0, "mkdir %s: %s", dir, strerror(errno));
	}
	test_cloexec(argv[0]);
	return tap_done();
}
