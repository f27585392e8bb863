/*
 * printf.c - the printf family's front ends. Each one sets up a sink (struct fmt_out) for where
 * the text goes and hands the format to fmt_format() (stdio/format.c):
 *
 *	printf, fprintf, vfprintf	a FILE, through its buffer
 *	sprintf, snprintf, vsnprintf	a caller's buffer, cut at its size but always terminated
 *	asprintf, vasprintf		a malloc'd buffer that grows
 *	dprintf, vdprintf		a file descriptor, through a small local buffer
 *
 * Also perror().
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "stdio_impl.h"

static void file_write(struct fmt_out *out, const char *s, size_t n)
{
	if (__stdio_write(out->target, (const unsigned char *)s, n) != n)
		out->error = 1;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct fmt_out out = { .write = file_write, .target = f };

	return fmt_format(&out, fmt, ap);
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

/* a caller's buffer: keep what fits, leaving room for the NUL */
struct strbuf {
	char *buf;
	size_t cap;	/* bytes the buffer holds, NUL included */
	size_t len;	/* bytes stored so far */
};

static void strbuf_write(struct fmt_out *out, const char *s, size_t n)
{
	struct strbuf *sb = out->target;

	if (sb->len + 1 < sb->cap) {
		size_t room = sb->cap - 1 - sb->len;
		size_t k = n < room ? n : room;

		memcpy(sb->buf + sb->len, s, k);
		sb->len += k;
	}
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	struct strbuf sb = { .buf = buf, .cap = size };
	struct fmt_out out = { .write = strbuf_write, .target = &sb };
	int r = fmt_format(&out, fmt, ap);

	if (size)
		buf[sb.len] = '\0';
	return r;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

/* a growing heap buffer */
static void heap_write(struct fmt_out *out, const char *s, size_t n)
{
	struct strbuf *sb = out->target;

	if (out->error)
		return;
	if (sb->len + n + 1 > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 64;
		char *grown;

		while (cap < sb->len + n + 1)
			cap *= 2;
		grown = realloc(sb->buf, cap);
		if (!grown) {
			out->error = 1;
			return;
		}
		sb->buf = grown;
		sb->cap = cap;
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
}

int vasprintf(char **out_str, const char *fmt, va_list ap)
{
	struct strbuf sb = { 0 };
	struct fmt_out out = { .write = heap_write, .target = &sb };
	int r;

	heap_write(&out, "", 0);
	r = fmt_format(&out, fmt, ap);
	if (r < 0) {
		free(sb.buf);
		*out_str = NULL;
		return -1;
	}
	sb.buf[sb.len] = '\0';
	*out_str = sb.buf;
	return r;
}

int asprintf(char **out_str, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(out_str, fmt, ap);
	va_end(ap);
	return r;
}

/* a file descriptor: collect into a local buffer, write() when it fills and at the end */
struct fdbuf {
	int fd;
	size_t len;
	char buf[512];
};

static void fdbuf_flush(struct fmt_out *out)
{
	struct fdbuf *fb = out->target;
	size_t done = 0;

	while (done < fb->len) {
		ssize_t n = write(fb->fd, fb->buf + done, fb->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			out->error = 1;
			break;
		}
		done += (size_t)n;
	}
	fb->len = 0;
}

static void fdbuf_write(struct fmt_out *out, const char *s, size_t n)
{
	struct fdbuf *fb = out->target;

	while (n) {
		size_t k = sizeof(fb->buf) - fb->len;

		if (k > n)
			k = n;
		memcpy(fb->buf + fb->len, s, k);
		fb->len += k;
		s += k;
		n -= k;
		if (fb->len == sizeof(fb->buf))
			fdbuf_flush(out);
	}
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct fdbuf fb = { .fd = fd };
	struct fmt_out out = { .write = fdbuf_write, .target = &fb };
	int r = fmt_format(&out, fmt, ap);

	fdbuf_flush(&out);
	return out.error ? -1 : r;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}

/* "s: message for errno\n" on stderr, or just the message when s is NULL or empty */
void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
