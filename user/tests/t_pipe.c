/*
 * t_pipe.c - pipes: bytes in order, a reader that blocks until a writer writes, end of file
 * once every write end is closed, EPIPE (and SIGPIPE) once every read end is closed, and the
 * errors for using a pipe the wrong way.
 */
#include <fcntl.h>
#include <signal.h>
#include <time.h>

#include "tap.h"

/* Milliseconds on the monotonic clock. */
static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_basic(void)
{
	int p[2];
	char buf[16] = { 0 };

	if (!CHECK_EQ(pipe(p), 0, "pipe()"))
		return;
	CHECK(p[0] >= 0 && p[1] >= 0 && p[0] != p[1], "pipe() returns two distinct fds");
	CHECK_EQ(write(p[1], "hello", 5), 5, "write 5 bytes");
	CHECK_EQ(write(p[1], "", 0), 0, "write of 0 bytes returns 0");
	CHECK_EQ(read(p[0], buf, 3), 3, "read 3 of them");
	CHECK_EQ(read(p[0], buf + 3, sizeof(buf)), 2, "read returns the 2 that are left");
	CHECK(!memcmp(buf, "hello", 5), "bytes come out in order");
	CHECK_ERRNO(lseek(p[0], 0, SEEK_SET), ESPIPE, "lseek on a pipe");
	CHECK_ERRNO(write(p[0], "x", 1), EBADF, "write to the read end");
	CHECK_ERRNO(read(p[1], buf, 1), EBADF, "read from the write end");
	close(p[1]);
	CHECK_EQ(read(p[0], buf, 1), 0, "read returns 0 (EOF) once the write end is closed");
	close(p[0]);
}

static void test_blocking(void)
{
	int p[2];
	char c = 0;

	if (pipe(p) < 0)
		return;
	long start = now_ms();
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec t = { 0, 200 * 1000000L };

		close(p[0]);
		nanosleep(&t, NULL);
		_exit(write(p[1], "z", 1) == 1 ? 0 : 1);
	}
	close(p[1]);
	CHECK(read(p[0], &c, 1) == 1 && c == 'z', "read blocks until the child writes");
	CHECK(now_ms() - start >= 150, "... which took the child's 200 ms sleep");
	CHECK_EQ(read(p[0], &c, 1), 0, "EOF after the child (last writer) exits");
	waitpid(pid, NULL, 0);
	close(p[0]);
}

/* More than a pipe holds, through a child: the writer blocks while the pipe is full. */
static void test_bulk(void)
{
	enum { TOTAL = 256 * 1024 };
	int p[2];
	long sum = 0, want = 0, got = 0;
	unsigned char buf[3000];

	if (pipe(p) < 0)
		return;
	pid_t pid = fork();

	if (pid == 0) {
		unsigned char out[1000];
		long sent = 0;

		close(p[0]);
		while (sent < TOTAL) {
			for (int i = 0; i < 1000; i++)
				out[i] = (unsigned char)(sent + i);
			if (write(p[1], out, sizeof(out)) != (ssize_t)sizeof(out))
				_exit(1);
			sent += 1000;
		}
		_exit(0);
	}
	close(p[1]);
	for (;;) {
		ssize_t n = read(p[0], buf, sizeof(buf));

		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			sum += buf[i];
			want += (unsigned char)(got + i);
		}
		got += n;
	}
	int status;

	waitpid(pid, &status, 0);
	CHECK_EQ(got, (TOTAL + 999) / 1000 * 1000, "all 256 KiB arrive through the pipe");
	CHECK(sum == want, "in order and intact");
	tap_exited(status, 0, "the writer saw only full writes");
	close(p[0]);
}

static int write_to_closed_pipe(void *arg)
{
	int *p = arg;

	close(p[0]);
	return write(p[1], "x", 1) == -1 && errno == EPIPE ? 7 : 8;
}

static void test_epipe(void)
{
	int p[2];

	if (pipe(p) < 0)
		return;
	close(p[0]);
	/* default action of SIGPIPE: the writer dies */
	tap_killed(tap_run_child(write_to_closed_pipe, p), SIGPIPE,
		   "write with no reader kills with SIGPIPE by default");
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERRNO(write(p[1], "x", 1), EPIPE, "write with no reader, SIGPIPE ignored");
	tap_exited(tap_run_child(write_to_closed_pipe, p), 7,
		   "an ignored SIGPIPE stays ignored in a forked child (EPIPE)");
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
}

static void test_flags(void)
{
	int p[2];

	CHECK_EQ(pipe2(p, O_CLOEXEC), 0, "pipe2(O_CLOEXEC)");
	CHECK(fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC,
	      "both ends have FD_CLOEXEC");
	close(p[0]);
	close(p[1]);
	CHECK_ERRNO(pipe2(p, 1), EINVAL, "pipe2 with an unknown flag");
	CHECK_EQ(pipe2(p, O_NONBLOCK), 0, "pipe2(O_NONBLOCK)");
	char c;

	CHECK_ERRNO(read(p[0], &c, 1), EAGAIN, "read of an empty non-blocking pipe");
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	test_basic();
	test_blocking();
	test_bulk();
	test_epipe();
	test_flags();
	return tap_done();
}
