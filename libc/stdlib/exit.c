/*
 * exit.c - ending the program: exit() (runs atexit handlers, flushes stdio), _Exit() (does not),
 * abort() (SIGABRT), and assert()'s failure path.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "libc.h"

#define ATEXIT_MAX 64	/* POSIX asks for at least 32 */

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

/* Register fn to run at exit(); handlers run in reverse order of registration. */
int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

/* A handler may call atexit() itself; taking them off the end one at a time copes with that. */
void __run_exit_handlers(void)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
}

_Noreturn void exit(int status)
{
	__run_exit_handlers();
	__stdio_exit();
	_exit(status);
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

/*
 * Raise SIGABRT. If a handler returns or the signal is ignored, POSIX still wants the process
 * to die of SIGABRT: restore the default action, unblock it, and raise it again.
 */
_Noreturn void abort(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t set;

	raise(SIGABRT);
	sigaction(SIGABRT, &dfl, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	_exit(127);
}

_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fprintf(stderr, "%s: %s:%d: %s: Assertion `%s' failed.\n", program_invocation_short_name,
		file, line, func, expr);
	abort();
}
