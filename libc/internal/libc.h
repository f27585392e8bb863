/*
 * internal/libc.h - state and helpers shared between parts of libc, not part of its API.
 */
#ifndef _NIDO_INTERNAL_LIBC_H
#define _NIDO_INTERNAL_LIBC_H

#include <stddef.h>
#include <stdint.h>

/* filled in by __libc_start() from the initial stack (libc/misc/start.c) */
extern uint64_t *__auxv;		/* the auxiliary vector: AT_* pairs, AT_NULL-terminated */
extern size_t __page_size;

/* the restorer every signal handler returns through (libc/arch/x86_64/sigrestore.S) */
void __restore_rt(void);

/* run the atexit handlers and flush stdio: the first half of exit() (libc/stdlib/exit.c) */
void __run_exit_handlers(void);

/* flush every open stream (libc/stdio/file.c); called at exit */
void __stdio_exit(void);

#endif
