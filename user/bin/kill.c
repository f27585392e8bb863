/*
 * kill - send a signal to processes or process groups.
 *
 *	kill [-s NAME | -NAME | -NUMBER] PID...	(default SIGTERM; PID < 0 means a process group)
 *	kill -l [NUMBER]			list signal names, or name one number
 *
 * Names are accepted with or without the "SIG" prefix, in any case. Issue 8 makes kill
 * complete (-q, pidfds); this is the part scripts need.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* signal names by number (Linux x86_64) */
static const char *const names[] = {
	[SIGHUP] = "HUP",   [SIGINT] = "INT",	  [SIGQUIT] = "QUIT", [SIGILL] = "ILL",
	[SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",	  [SIGBUS] = "BUS",   [SIGFPE] = "FPE",
	[SIGKILL] = "KILL", [SIGUSR1] = "USR1",	  [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM",	  [SIGTERM] = "TERM", [SIGSTKFLT] = "STKFLT",
	[SIGCHLD] = "CHLD", [SIGCONT] = "CONT",	  [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
	[SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU",	  [SIGURG] = "URG",   [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
	[SIGIO] = "IO",	    [SIGPWR] = "PWR",	  [SIGSYS] = "SYS",
};
#define NNAMES ((int)(sizeof(names) / sizeof(names[0])))

/* A signal number from a name ("TERM", "SIGTERM", "term") or a number; -1 if neither. */
static int parse_signal(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s && !*end)
		return n >= 0 && n <= 64 ? (int)n : -1;
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (int i = 1; i < NNAMES; i++)
		if (names[i] && !strcasecmp(s, names[i]))
			return i;
	return -1;
}

static int list(const char *arg)
{
	if (arg) {
		int n = atoi(arg) & 0x7f;	/* also accepts a wait status minus 128 */

		if (n <= 0 || n >= NNAMES || !names[n]) {
			fprintf(stderr, "kill: %s: unknown signal\n", arg);
			return 1;
		}
		puts(names[n]);
		return 0;
	}
	for (int i = 1; i < NNAMES; i++)
		printf("%2d) SIG%-8s%s", i, names[i], i % 4 ? "" : "\n");
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argc > 1 && !strcmp(argv[1], "-l"))
		return list(argc > 2 ? argv[2] : NULL);
	if (i < argc && !strcmp(argv[i], "-s") && i + 1 < argc) {
		sig = parse_signal(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && (isalpha((unsigned char)argv[i][1]) ||
						      isdigit((unsigned char)argv[i][1]))) {
		sig = parse_signal(argv[i] + 1);
		i++;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (sig < 0 || i == argc) {
		fprintf(stderr, "usage: kill [-s NAME | -NAME | -NUMBER] PID... | kill -l [N]\n");
		return 1;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (!*argv[i] || *end) {
			fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
			status = 1;
		} else if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
