/*
 * nido-test - run test programs and report in TAP.
 *
 *	nido-test [-v] [-t SECONDS] [DIR | PROGRAM]...	(default: /tests)
 *
 * Every executable file in each DIR (and in its subdirectories, so /tests/musl is included) is
 * run in turn, sorted by path, with stdin from /dev/null and stdout and stderr captured through
 * a pipe. A test passes when it exits 0 within the time limit (default 60 s; it is then killed
 * with SIGKILL). Each test gives one TAP line, "ok N - PATH (0.12 s)" or "not ok N - PATH
 * (exit 3)"; the program's own output is shown indented below the line when it failed, or
 * always with -v. The last lines are the plan "1..N" and "# nido-test: P passed, F failed".
 * The exit status is the number of failures (at most 125).
 *
 * init runs it on nido; `make -f user/user.mk test-user-host` runs it on the Linux host.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OUTPUT_MAX (256 * 1024)	/* captured output kept per test; the rest is dropped */

static char **progs;		/* the test programs, in the order they run */
static size_t nprogs, cap;
static int verbose;
static unsigned int timeout_s = 60;
static volatile sig_atomic_t timed_out;

/* Remember one program to run; exits on out-of-memory (nothing sensible to do then). */
static void add_prog(const char *path)
{
	if (nprogs == cap) {
		cap = cap ? 2 * cap : 32;
		progs = realloc(progs, cap * sizeof(*progs));
		if (!progs) {
			perror("nido-test");
			exit(125);
		}
	}
	progs[nprogs] = strdup(path);
	if (!progs[nprogs]) {
		perror("nido-test");
		exit(125);
	}
	nprogs++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add every executable regular file under dir (recursively); directories are walked after. */
static void add_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024];
	struct stat st;

	if (!d) {
		fprintf(stderr, "nido-test: %s: %s\n", dir, strerror(errno));
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			add_dir(path);
		else if (S_ISREG(st.st_mode) && (st.st_mode & 0111))
			add_prog(path);
	}
	closedir(d);
}

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Print buf[0, n) with every line indented by four spaces (a TAP subtest). */
static void print_indented(const char *buf, size_t n)
{
	int bol = 1;

	for (size_t i = 0; i < n; i++) {
		if (bol)
			fputs("    ", stdout);
		putchar(buf[i]);
		bol = buf[i] == '\n';
	}
	if (!bol)
		putchar('\n');
}

/*
 * Run one program with its output captured into *out (malloc'd, *len bytes). Returns its wait
 * status, or -1 if it could not be started; sets timed_out if it had to be killed.
 */
static int run_one(const char *path, char **out, size_t *len)
{
	int p[2], status;
	char *buf = malloc(OUTPUT_MAX);
	pid_t pid;

	*out = buf;
	*len = 0;
	if (!buf || pipe(p) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		char *argv[] = { (char *)path, NULL };

		if (null >= 0 && null != 0) {
			dup2(null, 0);
			close(null);
		}
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		signal(SIGALRM, SIG_DFL);
		execv(path, argv);
		dprintf(2, "nido-test: exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(p[1]);
	timed_out = 0;
	alarm(timeout_s);
	for (;;) {
		char tmp[4096];
		ssize_t n = read(p[0], tmp, sizeof(tmp));

		if (n < 0 && errno == EINTR) {
			if (timed_out) {
				kill(pid, SIGKILL);
				break;
			}
			continue;
		}
		if (n <= 0)
			break;
		size_t keep = (size_t)n;

		if (keep > OUTPUT_MAX - *len)
			keep = OUTPUT_MAX - *len;
		memcpy(buf + *len, tmp, keep);
		*len += keep;
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
		if (timed_out)
			kill(pid, SIGKILL);
	}
	alarm(0);
	return status;
}

/* Why a test failed, for its "not ok" line. */
static void describe(int status, char *buf, size_t size)
{
	if (timed_out)
		snprintf(buf, size, "timed out after %u s", timeout_s);
	else if (status == -1)
		snprintf(buf, size, "could not start: %s", strerror(errno));
	else if (WIFEXITED(status))
		snprintf(buf, size, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, size, "wait status 0x%x", status);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	int opt, failed = 0;
	struct stat st;

	while ((opt = getopt(argc, argv, "vt:")) != -1) {
		if (opt == 'v') {
			verbose = 1;
		} else if (opt == 't' && atoi(optarg) > 0) {
			timeout_s = (unsigned int)atoi(optarg);
		} else {
			fprintf(stderr, "usage: nido-test [-v] [-t SECONDS] [DIR | PROGRAM]...\n");
			return 125;
		}
	}
	if (optind == argc)
		add_dir("/tests");
	for (int i = optind; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(argv[i]);
		else
			add_prog(argv[i]);
	}
	qsort(progs, nprogs, sizeof(*progs), cmp_str);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: the alarm interrupts read() */
	signal(SIGPIPE, SIG_DFL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	for (size_t i = 0; i < nprogs; i++) {
		char *out, why[96];
		size_t len;
		double start = now();
		int status = run_one(progs[i], &out, &len);
		int ok = !timed_out && status != -1 && WIFEXITED(status) && !WEXITSTATUS(status);

		if (ok) {
			printf("ok %zu - %s (%.2f s)\n", i + 1, progs[i], now() - start);
		} else {
			describe(status, why, sizeof(why));
			printf("not ok %zu - %s (%s)\n", i + 1, progs[i], why);
			failed++;
		}
		if (out && (verbose || !ok))
			print_indented(out, len);
		free(out);
	}
	printf("1..%zu\n# nido-test: %zu passed, %d failed\n", nprogs, nprogs - (size_t)failed,
	       failed);
	return failed > 125 ? 125 : failed;
}
