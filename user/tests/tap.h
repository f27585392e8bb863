/*
 * tap.h - the reporting half of every nido user test program.
 *
 * A test program is an ordinary Linux program: it runs on nido and on the Linux host alike, and
 * the host run is what tells us the expectation is right. It prints one line per check in the
 * Test Anything Protocol ("ok 3 - pipe EOF after close" / "not ok 3 - ..."), "# " lines for
 * diagnostics, the plan "1..N" at the end, and exits 0 only when every check passed.
 *
 * Lines are written with one write() each and no stdio buffer, so a fork() never duplicates
 * unprinted output and a child that dies by a signal loses nothing. Only the process that calls
 * tap_done() owns the numbering: children report to their parent through exit codes or pipes,
 * never by printing checks of their own.
 */
#ifndef NIDO_USER_TAP_H
#define NIDO_USER_TAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int tap_count;	/* checks reported so far */
static int tap_failed;	/* of which failed */

/* Write the whole of buf to fd 1, retrying short writes and EINTR. */
static inline void tap_write(const char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(1, buf, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		buf += w;
		n -= (size_t)w;
	}
}

/* Format one line (prefix, then fmt) and write it at once. Keeps errno. */
static inline void tap_vline(const char *prefix, const char *fmt, va_list ap)
{
	char line[512];
	int saved = errno;
	int n = snprintf(line, sizeof(line), "%s", prefix);

	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	tap_write(line, (size_t)n);
	errno = saved;
}

/* Report one check: ok is the verdict, the rest says what was checked. Returns ok. */
static inline int tap_ok(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int tap_ok(int ok, const char *fmt, ...)
{
	char prefix[32];
	va_list ap;

	tap_count++;
	if (!ok)
		tap_failed++;
	snprintf(prefix, sizeof(prefix), "%sok %d - ", ok ? "" : "not ", tap_count);
	va_start(ap, fmt);
	tap_vline(prefix, fmt, ap);
	va_end(ap);
	return ok;
}

/* A diagnostic line: "# ..." */
static inline void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vline("# ", fmt, ap);
	va_end(ap);
}

#define CHECK(cond, ...) tap_ok(!!(cond), __VA_ARGS__)

/* Check that a call returned -1 with errno want; r and errno are those of the call. */
static inline int tap_errno(long r, int want, const char *what)
{
	int got = errno;

	if (r == -1 && got == want)
		return tap_ok(1, "%s fails with %s", what, strerror(want));
	return tap_ok(0, "%s fails with %s (returned %ld, errno %d %s)", what, strerror(want), r,
		      got, strerror(got));
}
#define CHECK_ERRNO(call, want, what) (errno = 0, tap_errno((long)(call), (want), (what)))

/* Check a - b equality of two integers, printing both on failure. */
static inline int tap_eq(long got, long want, const char *what)
{
	if (got == want)
		return tap_ok(1, "%s", what);
	return tap_ok(0, "%s (got %ld, want %ld)", what, got, want);
}
#define CHECK_EQ(got, want, what) tap_eq((long)(got), (long)(want), (what))

/* Print the plan and a summary; the value to exit with (0 only when everything passed). */
static inline int tap_done(void)
{
	char line[96];
	int n = snprintf(line, sizeof(line), "1..%d\n# %d passed, %d failed\n", tap_count,
			 tap_count - tap_failed, tap_failed);

	tap_write(line, (size_t)n);
	return tap_failed ? 1 : 0;
}

/* fork() a child that runs fn(arg) and _exit()s with its result; returns its wait status. */
static inline int tap_run_child(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn(arg));
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* Describe a wait status for a diagnostic. */
static inline const char *tap_status_str(int status, char *buf, size_t size)
{
	if (status == -1)
		snprintf(buf, size, "no child");
	else if (WIFEXITED(status))
		snprintf(buf, size, "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "status 0x%x", status);
	return buf;
}

/* Check that a wait status says "exited with code"; describes it on failure. */
static inline int tap_exited(int status, int code, const char *what)
{
	char buf[48];

	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code)
		return tap_ok(1, "%s", what);
	return tap_ok(0, "%s (%s, want exit %d)", what, tap_status_str(status, buf, sizeof(buf)),
		      code);
}

/* Check that a wait status says "killed by sig"; describes it on failure. */
static inline int tap_killed(int status, int sig, const char *what)
{
	char buf[48];

	if (status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig)
		return tap_ok(1, "%s", what);
	return tap_ok(0, "%s (%s, want signal %d)", what, tap_status_str(status, buf, sizeof(buf)),
		      sig);
}

/*
 * Make a fresh scratch directory "$TMPDIR/nido-NAME.PID" (TMPDIR defaults to /tmp, a tmpfs on
 * nido) and write its path to buf. Returns 0, or -1 with errno from mkdir.
 */
static inline int tap_scratch_dir(char *buf, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(buf, size, "%s/nido-%s.%d", tmp, name, (int)getpid());
	return mkdir(buf, 0700);
}

#endif
