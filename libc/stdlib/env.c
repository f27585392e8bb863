/*
 * env.c - the environment: getenv, setenv, unsetenv, putenv, clearenv.
 *
 * environ starts out pointing at the array the kernel put on the stack. The first change copies
 * the pointer array to the heap (owned_environ) so it can grow; strings made by setenv() are
 * malloc'd, strings given to putenv() become part of the environment as they are (POSIX), and
 * strings from the original stack are never freed. A replaced setenv() string is leaked on
 * purpose: a caller may still hold the pointer getenv() returned.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned_environ;	/* environ, once it is ours to realloc */

/* The index of name's entry in environ, or -1. name is compared up to len bytes. */
static int find(const char *name, size_t len)
{
	if (!environ)
		return -1;
	for (int i = 0; environ[i]; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return i;
	return -1;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	int i = find(name, len);

	return i < 0 ? NULL : environ[i] + len + 1;
}

/* Replace name's entry by entry, or append it; entry is "name=value". */
static int put_entry(char *entry, size_t name_len)
{
	int i = find(entry, name_len), n = 0;
	char **grown;

	if (i >= 0) {
		environ[i] = entry;
		return 0;
	}
	while (environ && environ[n])
		n++;
	if (environ == owned_environ) {
		grown = realloc(owned_environ, (size_t)(n + 2) * sizeof(char *));
	} else {
		grown = malloc((size_t)(n + 2) * sizeof(char *));
		if (grown && n)
			memcpy(grown, environ, (size_t)n * sizeof(char *));
	}
	if (!grown)
		return -1;
	grown[n] = entry;
	grown[n + 1] = NULL;
	environ = owned_environ = grown;
	return 0;
}

static int valid_name(const char *name)
{
	if (!name || !*name || strchr(name, '=')) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t nlen, vlen;
	char *entry;

	if (!valid_name(name))
		return -1;
	nlen = strlen(name);
	if (!overwrite && find(name, nlen) >= 0)
		return 0;
	vlen = strlen(value);
	entry = malloc(nlen + vlen + 2);
	if (!entry)
		return -1;
	memcpy(entry, name, nlen);
	entry[nlen] = '=';
	memcpy(entry + nlen + 1, value, vlen + 1);
	if (put_entry(entry, nlen) < 0) {
		free(entry);
		return -1;
	}
	return 0;
}

/* string is "name=value" and becomes part of the environment itself; no '=' removes name. */
int putenv(char *string)
{
	char *eq = strchr(string, '=');

	if (!eq)
		return unsetenv(string);
	if (eq == string) {
		errno = EINVAL;
		return -1;
	}
	return put_entry(string, (size_t)(eq - string));
}

int unsetenv(const char *name)
{
	size_t len;
	int i;

	if (!valid_name(name))
		return -1;
	len = strlen(name);
	while ((i = find(name, len)) >= 0)
		for (; environ[i]; i++)
			environ[i] = environ[i + 1];
	return 0;
}

int clearenv(void)
{
	free(owned_environ);
	owned_environ = NULL;
	environ = NULL;
	return 0;
}
