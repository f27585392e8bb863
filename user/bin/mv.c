/*
 * mv - move (rename) files.
 *
 *	mv SOURCE DEST
 *	mv SOURCE... DIR
 *
 * A move is one rename(). Across file systems (EXDEV) mv falls back to `cp -r` then `rm -r`,
 * run as the programs of those names found on PATH.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run argv (found on PATH) and wait; 0 when it exited 0. */
static int run(char *const argv[])
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Move src to dst; 0 or 1. */
static int move(const char *src, const char *dst)
{
	if (rename(src, dst) == 0)
		return 0;
	if (errno == EXDEV) {
		char *cp[] = { "cp", "-r", (char *)src, (char *)dst, NULL };
		char *rm[] = { "rm", "-r", (char *)src, NULL };

		if (run(cp) == 0 && run(rm) == 0)
			return 0;
		fprintf(stderr, "mv: %s -> %s: copy across file systems failed\n", src, dst);
		return 1;
	}
	fprintf(stderr, "mv: %s -> %s: %s\n", src, dst, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct stat st;
	int status = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: mv SOURCE DEST | SOURCE... DIR\n");
		return 1;
	}
	const char *dest = argv[argc - 1];
	int into_dir = stat(dest, &st) == 0 && S_ISDIR(st.st_mode);

	if (argc > 3 && !into_dir) {
		fprintf(stderr, "mv: %s: not a directory\n", dest);
		return 1;
	}
	for (int i = 1; i < argc - 1; i++) {
		char path[4096];
		const char *base = strrchr(argv[i], '/');

		if (!into_dir) {
			status |= move(argv[i], dest);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dest, base ? base + 1 : argv[i]);
		status |= move(argv[i], path);
	}
	return status;
}
