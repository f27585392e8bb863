/*
 * misc.c - the small arithmetic helpers of <stdlib.h> and <inttypes.h>, pseudo-random numbers,
 * temporary files and system().
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}

long long llabs(long long x)
{
	return x < 0 ? -x : x;
}

intmax_t imaxabs(intmax_t x)
{
	return x < 0 ? -x : x;
}

div_t div(int num, int den)
{
	return (div_t){ num / den, num % den };
}

ldiv_t ldiv(long num, long den)
{
	return (ldiv_t){ num / den, num % den };
}

lldiv_t lldiv(long long num, long long den)
{
	return (lldiv_t){ num / den, num % den };
}

imaxdiv_t imaxdiv(intmax_t num, intmax_t den)
{
	return (imaxdiv_t){ num / den, num % den };
}

/*
 * rand(): a 64-bit linear congruential generator (Knuth's MMIX constants); the high 31 bits of
 * the state are the result, since the low bits of an LCG repeat with short periods.
 */
static uint64_t rand_state = 1;

void srand(unsigned int seed)
{
	rand_state = seed;
}

static int lcg_next(uint64_t *state)
{
	*state = *state * 6364136223846793005ull + 1442695040888963407ull;
	return (int)(*state >> 33);
}

int rand(void)
{
	return lcg_next(&rand_state);
}

int rand_r(unsigned int *seed)
{
	uint64_t s = *seed;
	int r = lcg_next(&s);

	*seed = (unsigned int)s;
	return r;
}

/*
 * Replace the trailing "XXXXXX" of templ with characters that make a new name, and call
 * make(name) until it succeeds or fails with something other than EEXIST.
 */
static int fill_template(char *templ, int (*make)(const char *))
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t len = strlen(templ);
	struct timespec ts;
	uint64_t seed;

	if (len < 6 || strcmp(templ + len - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)templ;
	for (int attempt = 0; attempt < 1000; attempt++) {
		int r;

		for (int i = 0; i < 6; i++)
			templ[len - 6 + i] = chars[lcg_next(&seed) % (sizeof(chars) - 1)];
		r = make(templ);
		if (r >= 0 || errno != EEXIST)
			return r;
	}
	errno = EEXIST;
	return -1;
}

static int make_file(const char *name)
{
	return open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
}

static int make_dir(const char *name)
{
	return mkdir(name, 0700);
}

int mkstemp(char *templ)
{
	return fill_template(templ, make_file);
}

char *mkdtemp(char *templ)
{
	return fill_template(templ, make_dir) < 0 ? NULL : templ;
}

/*
 * Run command with /bin/sh -c and wait for it. As POSIX asks, the caller ignores SIGINT and
 * SIGQUIT and blocks SIGCHLD meanwhile. system(NULL) asks whether a shell exists.
 */
int system(const char *command)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigset_t block, old_mask;
	int status = -1;
	pid_t pid;

	if (!command)
		return access("/bin/sh", X_OK) == 0;

	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old_mask);

	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	return pid < 0 ? -1 : status;
}
