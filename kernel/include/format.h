/*
 * format.h - printf-style formatting for the kernel, free of any output device.
 *
 * format() walks a format string and hands each produced character to an output function, so the
 * same code serves kprintf (consoles), ksnprintf (buffers) and procfs files. It is pure code and
 * is unit-tested on the host against the C library's printf.
 *
 * Supported: flags "-+ #0", width and precision (also "*"), length modifiers hh h l ll z j t, and
 * the conversions d i u o x X c s p %. No floating point: the kernel never uses it.
 */
#ifndef NIDO_FORMAT_H
#define NIDO_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_out_fn)(char c, void *ctx);

/* Returns the number of characters produced. */
int format(format_out_fn out, void *ctx, const char *fmt, va_list ap);

/* Like vsnprintf/snprintf: always NUL-terminates when size > 0, returns the untruncated length. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
