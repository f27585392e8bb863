/*
 * t_wait.c - waiting in all its forms: wait4 with WNOHANG on a running child, waitpid for one
 * particular child out of order, waitid with its siginfo (CLD_EXITED / CLD_KILLED, WNOWAIT),
 * the EINVAL/ECHILD errors, and orphans: a child whose parent exits is adopted by init
 * (pid 1) and init reaps it.
 */
#include <signal.h>
#include <time.h>

#include "tap.h"

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
}

static void test_wnohang(void)
{
	int go[2], status = 0;
	char c;

	if (pipe(go) < 0)
		return;
	pid_t pid = fork();

	if (pid == 0) {
		close(go[1]);
		_exit(read(go[0], &c, 1) == 0 ? 5 : 6);	/* runs until the parent closes go */
	}
	close(go[0]);
	CHECK_EQ(wait4(pid, &status, WNOHANG, NULL), 0, "wait4(WNOHANG) on a running child is 0");
	CHECK_EQ(waitpid(-1, &status, WNOHANG), 0, "waitpid(-1, WNOHANG) is 0 too");
	CHECK_ERRNO(wait4(pid, &status, 0x100, NULL), EINVAL, "wait4 with an unknown option bit");
	close(go[1]);
	pid_t w;

	for (int i = 0; i < 500 && (w = wait4(pid, &status, WNOHANG, NULL)) == 0; i++)
		sleep_ms(10);
	CHECK_EQ(w, pid, "WNOHANG polling reaps the child once it exits");
	tap_exited(status, 5, "with its exit code");
}

static void test_out_of_order(void)
{
	pid_t a = fork();

	if (a == 0)
		_exit(1);
	pid_t b = fork();

	if (b == 0) {
		sleep_ms(50);
		_exit(2);
	}
	int status;

	CHECK_EQ(waitpid(b, &status, 0), b, "waitpid(b) waits for b although a exited first");
	tap_exited(status, 2, "b's status");
	CHECK_EQ(waitpid(a, &status, 0), a, "then a is still there to reap");
	tap_exited(status, 1, "a's status");
}

static void test_waitid(void)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0)
		_exit(9);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT), 0, "waitid(P_PID, WNOWAIT)");
	CHECK(si.si_pid == pid && si.si_signo == SIGCHLD && si.si_code == CLD_EXITED &&
		      si.si_status == 9,
	      "siginfo: si_pid, SIGCHLD, CLD_EXITED, si_status 9");
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_ALL, 0, &si, WEXITED), 0, "waitid(P_ALL) after WNOWAIT finds it again");
	CHECK_EQ(si.si_pid, pid, "... the same child");
	CHECK_ERRNO(waitid(P_PID, (id_t)pid, &si, WEXITED), ECHILD, "and now it is gone");

	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	memset(&si, 0, sizeof(si));
	CHECK_EQ(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG), 0,
		 "waitid(WNOHANG) on a running child returns 0");
	CHECK_EQ(si.si_pid, 0, "... with si_pid 0");
	kill(pid, SIGTERM);
	CHECK_EQ(waitid(P_PID, (id_t)pid, &si, WEXITED), 0, "waitid for a child killed by SIGTERM");
	CHECK(si.si_code == CLD_KILLED && si.si_status == SIGTERM, "CLD_KILLED, si_status SIGTERM");
	CHECK_ERRNO(waitid(P_ALL, 0, &si, 0), EINVAL, "waitid with options 0");
	CHECK_ERRNO(waitid(99, 0, &si, WEXITED), EINVAL, "waitid with idtype 99");
	CHECK_ERRNO(waitid(P_ALL, 0, &si, WEXITED | WNOHANG), ECHILD,
		    "waitid(WNOHANG) with no children");
}

/*
 * The child forks a grandchild and exits. The grandchild waits for getppid() to change and
 * sends its new parent's pid through a pipe. Nobody here waits for the grandchild: init must.
 */
static void test_orphan(void)
{
	int p[2];
	pid_t child, newparent = -1;

	if (pipe(p) < 0)
		return;
	child = fork();
	if (child == 0) {
		pid_t me = getpid();

		if (fork() == 0) {
			for (int i = 0; i < 1000 && getppid() == me; i++)
				sleep_ms(5);
			pid_t pp = getppid();

			write(p[1], &pp, sizeof(pp));
			_exit(0);
		}
		_exit(0);
	}
	close(p[1]);
	waitpid(child, NULL, 0);
	CHECK(read(p[0], &newparent, sizeof(newparent)) == sizeof(newparent),
	      "the orphan reports after its parent exits");
	CHECK_EQ(newparent, 1, "an orphan's new parent is init (pid 1)");
	CHECK_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD, "the orphan is not our child");
	close(p[0]);
}

int main(void)
{
	test_wnohang();
	test_out_of_order();
	test_waitid();
	test_orphan();
	return tap_done();
}
