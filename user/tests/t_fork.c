/*
 * t_fork.c - fork() and wait() basics: two processes from one, exit codes and deaths by signal
 * travelling to the parent, every child reaped exactly once, ECHILD when none are left.
 */
#include <signal.h>

#include "tap.h"

static int exit_with(void *arg)
{
	return (int)(long)arg;
}

static int die_by_sigkill(void *arg)
{
	(void)arg;
	kill(getpid(), SIGKILL);
	return 99;
}

/* The child's view: its own pid, its parent, and memory that started as a copy. */
static int child_view(void *arg)
{
	pid_t parent = (pid_t)(long)arg;

	if (getppid() != parent)
		return 1;
	if (getpid() == parent)
		return 2;
	return 0;
}

int main(void)
{
	pid_t me = getpid(), kids[5];
	int status, seen = 0, all_ok = 1;

	CHECK(me > 0, "getpid() is positive");
	tap_exited(tap_run_child(child_view, (void *)(long)me), 0,
		   "child has a new pid and the parent as ppid");
	tap_exited(tap_run_child(exit_with, (void *)42L), 42, "exit code 42 reaches the parent");
	tap_exited(tap_run_child(exit_with, (void *)256L), 0, "exit code is taken mod 256");
	tap_killed(tap_run_child(die_by_sigkill, NULL), SIGKILL, "death by SIGKILL is reported");

	pid_t pid = fork();

	if (pid == 0)
		_exit(7);
	CHECK(pid > 0 && pid != me, "fork() returns the child's pid in the parent");
	CHECK_EQ(waitpid(pid, &status, 0), pid, "waitpid(pid) returns that pid");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "its status says exit 7");
	CHECK_ERRNO(waitpid(pid, &status, 0), ECHILD, "waitpid() on an already reaped child");

	/* five children, reaped in whatever order they finish, each exactly once */
	for (int i = 0; i < 5; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(10 + i);
	}
	for (int n = 0; n < 5; n++) {
		pid_t w = wait(&status);
		int i;

		for (i = 0; i < 5 && kids[i] != w; i++)
			;
		if (i == 5 || (seen & (1 << i)) || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 10 + i) {
			all_ok = 0;
			tap_diag("wait() returned %d status 0x%x", (int)w, status);
			continue;
		}
		seen |= 1 << i;
	}
	CHECK(all_ok && seen == 0x1f, "wait() reaps five children once each, with their codes");
	CHECK_ERRNO(wait(&status), ECHILD, "wait() with no children left");
	CHECK_ERRNO(waitpid(-1, &status, WNOHANG), ECHILD, "waitpid(WNOHANG) with no children");

	/* vfork: the parent resumes after the child _exit()s */
	pid = vfork();
	if (pid == 0)
		_exit(3);
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 3,
	      "vfork() child's exit code reaches the parent");
	return tap_done();
}
