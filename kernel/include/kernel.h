/*
 * kernel.h - what almost every kernel file needs: kprintf, panic, assertions, small helpers.
 */
#ifndef NIDO_KERNEL_H
#define NIDO_KERNEL_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

#define noreturn	_Noreturn

/* Formatted output to every console. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

/* A broken kernel invariant: print, dump a backtrace and stop (or exit QEMU in test mode). */
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define assert(cond)                                                                \
	do {                                                                        \
		if (!(cond))                                                        \
			panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); \
	} while (0)

/* Exit statuses reported to tools/qemu-run (see arch_qemu_exit). */
#define EXIT_PANIC	127

#endif
