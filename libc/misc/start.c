/*
 * start.c - from the kernel's initial stack to main().
 *
 * crt0.S calls __libc_start() with the stack pointer the kernel left: argc, then the argv
 * pointers and a NULL, the envp pointers and a NULL, then the auxiliary vector. Nothing in libc
 * needs setting up before main() except the pieces of that stack other functions read later:
 * environ (getenv), the auxv (getauxval, the page size for malloc) and the program's name (for
 * error messages). stdio's three streams are static data and need no constructor.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>

#include "libc.h"

char **environ;
uint64_t *__auxv;
size_t __page_size = 4096;
char *program_invocation_name = "";
char *program_invocation_short_name = "";

int main(int argc, char **argv, char **envp);

/* Return the value of auxv entry type, or 0 (with errno ENOENT) if the kernel did not pass it. */
unsigned long getauxval(unsigned long type)
{
	for (uint64_t *a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}

_Noreturn void __libc_start(uint64_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	uint64_t *auxv = (uint64_t *)envp;

	while (*auxv)
		auxv++;
	auxv++;			/* past envp's NULL */

	environ = envp;
	__auxv = auxv;
	for (uint64_t *a = auxv; a[0] != AT_NULL; a += 2)
		if (a[0] == AT_PAGESZ && a[1])
			__page_size = a[1];

	if (argc > 0 && argv[0]) {
		char *slash = strrchr(argv[0], '/');

		program_invocation_name = argv[0];
		program_invocation_short_name = slash ? slash + 1 : argv[0];
	}
	exit(main(argc, argv, envp));
}
