/*
 * exec.c - the exec family on top of execve(): argument lists (execl*), the current
 * environment (execv, execl, execlp, execvp) and the PATH search (execvp, execlp, execvpe).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_PATH "/bin:/usr/bin"

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/*
 * Run file, searching PATH unless its name contains a '/'. Keeps looking after ENOENT (and
 * remembers EACCES, as the shell does) and stops at the first other error.
 */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];
	size_t flen = strlen(file);
	int saw_eacces = 0;

	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, envp);
	if (!path)
		path = DEFAULT_PATH;

	for (const char *p = path;; p++) {
		const char *colon = strchrnul(p, ':');
		size_t dlen = (size_t)(colon - p);

		if (dlen + 1 + flen + 1 <= sizeof(buf)) {
			/* an empty PATH entry means the current directory */
			memcpy(buf, dlen ? p : ".", dlen ? dlen : 1);
			if (!dlen)
				dlen = 1;
			buf[dlen] = '/';
			memcpy(buf + dlen + 1, file, flen + 1);
			execve(buf, argv, envp);
			if (errno == EACCES)
				saw_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		p = colon;
		if (!*p)
			break;
	}
	errno = saw_eacces ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* Count the arguments of an execl-style call, up to and including the terminating NULL. */
static int count_args(const char *arg0, va_list ap)
{
	int n = 1;

	if (!arg0)
		return 1;
	while (va_arg(ap, char *))
		n++;
	return n + 1;
}

int execl(const char *path, const char *arg, ...)
{
	va_list ap;
	int n;

	va_start(ap, arg);
	n = count_args(arg, ap);
	va_end(ap);

	char *argv[n];

	va_start(ap, arg);
	argv[0] = (char *)arg;
	for (int i = 1; i < n; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	return execve(path, argv, environ);
}

int execlp(const char *file, const char *arg, ...)
{
	va_list ap;
	int n;

	va_start(ap, arg);
	n = count_args(arg, ap);
	va_end(ap);

	char *argv[n];

	va_start(ap, arg);
	argv[0] = (char *)arg;
	for (int i = 1; i < n; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	return execvp(file, argv);
}

/* execle(path, arg0, ..., NULL, envp) */
int execle(const char *path, const char *arg, ...)
{
	va_list ap;
	char **envp;
	int n;

	va_start(ap, arg);
	n = count_args(arg, ap);
	va_end(ap);

	char *argv[n];

	va_start(ap, arg);
	argv[0] = (char *)arg;
	for (int i = 1; i < n; i++)
		argv[i] = va_arg(ap, char *);
	envp = va_arg(ap, char **);
	va_end(ap);
	return execve(path, argv, envp);
}
