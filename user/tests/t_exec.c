/*
 * t_exec.c - execve(): the new image gets exactly the argv and envp it was given, keeps the pid,
 * and finds the auxiliary vector a Linux libc needs (AT_PAGESZ, AT_RANDOM, AT_EXECFN, AT_PHDR);
 * exec of something that is not a program fails with the right errno and leaves the caller
 * running.
 *
 * The program re-executes itself ("t_exec --child PID ...") and the child image reports each
 * of its checks as one bit of its exit code, so only the parent prints results.
 */
#include <fcntl.h>
#include <sys/auxv.h>

#include "tap.h"

/* the child's checks, one exit-code bit each */
static const char *const child_checks[] = {
	"exec'd image sees argc 5 and argv[1] --child",
	"argv strings arrive intact, including one with spaces and an empty one",
	"envp arrives exactly: FOO=bar, EMPTY=, and nothing else",
	"the pid is the same before and after exec",
	"AT_PAGESZ is 4096",
	"AT_RANDOM points at 16 bytes that are not all zero",
	"AT_EXECFN is the path given to execve, AT_PHDR is set",
};

/* Runs in the exec'd image: argv = self, --child, PID, "a b", "" */
static int child(int argc, char **argv, char **envp)
{
	int fail = 0;
	unsigned long rnd = getauxval(AT_RANDOM);
	const char *execfn = (const char *)getauxval(AT_EXECFN);

	if (argc != 5)
		return 1;
	if (strcmp(argv[3], "a b") || strcmp(argv[4], "") || argv[5] != NULL)
		fail |= 1 << 1;
	if (!envp[0] || strcmp(envp[0], "FOO=bar") || !envp[1] || strcmp(envp[1], "EMPTY=") ||
	    envp[2] || strcmp(getenv("FOO") ? getenv("FOO") : "", "bar"))
		fail |= 1 << 2;
	if (atoi(argv[2]) != getpid())
		fail |= 1 << 3;
	if (getauxval(AT_PAGESZ) != 4096)
		fail |= 1 << 4;
	if (!rnd) {
		fail |= 1 << 5;
	} else {
		const unsigned char *r = (const unsigned char *)rnd;
		int nonzero = 0;

		for (int i = 0; i < 16; i++)
			nonzero |= r[i];
		if (!nonzero)
			fail |= 1 << 5;
	}
	if (!execfn || strcmp(execfn, argv[0]) || !getauxval(AT_PHDR))
		fail |= 1 << 6;
	return fail;
}

/* Write a file with the given mode and contents; 0 or -1. */
static int write_file(const char *path, mode_t mode, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return -1;
	}
	return close(fd);
}

int main(int argc, char **argv, char **envp)
{
	char pidstr[16], dir[256], path[300];
	int status;

	if (argc > 1 && !strcmp(argv[1], "--child"))
		return child(argc, argv, envp);

	pid_t pid = fork();

	if (pid == 0) {
		char *cargv[] = { argv[0], "--child", pidstr, "a b", "", NULL };
		char *cenvp[] = { "FOO=bar", "EMPTY=", NULL };

		snprintf(pidstr, sizeof(pidstr), "%d", (int)getpid());
		execve(argv[0], cargv, cenvp);
		_exit(255);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 255) {
		char buf[48];

		tap_diag("exec'd child: %s", tap_status_str(status, buf, sizeof(buf)));
		status = 0xff00;
	}
	for (unsigned int i = 0; i < sizeof(child_checks) / sizeof(child_checks[0]); i++)
		CHECK(!(WEXITSTATUS(status) & (1 << i)), "%s", child_checks[i]);

	CHECK(getauxval(AT_PAGESZ) == 4096, "this image's AT_PAGESZ is 4096 too");
	CHECK_ERRNO(execve("/nonexistent/program", argv, envp), ENOENT,
		    "execve() of a missing file");
	if (tap_scratch_dir(dir, sizeof(dir), "exec") < 0) {
		CHECK(0, "mkdir scratch directory %s: %s", dir, strerror(errno));
		return tap_done();
	}
	CHECK_ERRNO(execve(dir, argv, envp), EACCES, "execve() of a directory");
	snprintf(path, sizeof(path), "%s/notelf", dir);
	CHECK(write_file(path, 0755, "this is not a program\n") == 0, "write an executable text file");
	CHECK_ERRNO(execve(path, argv, envp), ENOEXEC, "execve() of a file that is neither ELF nor #!");
	snprintf(path, sizeof(path), "%s/noexec", dir);
	CHECK(write_file(path, 0644, "\177ELF") == 0, "write a file without execute permission");
	/* even root needs at least one x bit to exec a file */
	CHECK_ERRNO(execve(path, argv, envp), EACCES, "execve() of a file with no x bit");
	CHECK(getpid() > 0, "the process survives failed execs");
	unlink(path);
	snprintf(path, sizeof(path), "%s/notelf", dir);
	unlink(path);
	rmdir(dir);
	return tap_done();
}
