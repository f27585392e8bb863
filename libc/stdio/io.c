/*
 * io.c - moving bytes through a FILE's buffer: fread/fwrite, characters, lines.
 *
 * Everything that reads goes through __stdio_want_read() and __stdio_refill(); everything that
 * writes goes through __stdio_write(), which is where the buffering modes differ:
 *
 *	_IONBF	every call is one write()
 *	_IOLBF	buffered, and written out whenever the data contains a '\n'
 *	_IOFBF	buffered, written out when the buffer is full
 *
 * Large reads and writes skip the buffer and go straight between the caller's memory and the fd.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

/* Write everything in data to the fd, retrying short writes. */
static size_t write_all(FILE *f, const unsigned char *data, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(f->fd, data + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->flags |= F_ERR;
			break;
		}
		done += (size_t)w;
	}
	return done;
}

size_t __stdio_write(FILE *f, const unsigned char *data, size_t n)
{
	size_t accepted;

	if (__stdio_want_write(f) < 0)
		return 0;
	if (f->mode == _IONBF)
		return write_all(f, data, n);

	/* no room: empty the buffer; a chunk as big as the buffer goes out directly */
	if (f->wpos + n > f->size) {
		if (f->wpos && fflush(f))
			return 0;
		if (n >= f->size)
			return write_all(f, data, n);
	}
	memcpy(f->buf + f->wpos, data, n);
	f->wpos += n;
	accepted = n;
	if (f->mode == _IOLBF && memchr(data, '\n', n) && fflush(f))
		return 0;
	return accepted;
}

size_t fwrite(const void *restrict ptr, size_t size, size_t n, FILE *restrict f)
{
	size_t total;

	if (size == 0 || n == 0)
		return 0;
	if (__builtin_mul_overflow(size, n, &total)) {
		errno = EOVERFLOW;
		return 0;
	}
	return __stdio_write(f, ptr, total) / size;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	return __stdio_write(f, &ch, 1) == 1 ? ch : EOF;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	size_t len = strlen(s);

	return __stdio_write(f, (const unsigned char *)s, len) == len ? 0 : EOF;
}

/* puts() adds the newline */
int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}

size_t fread(void *restrict ptr, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *dst = ptr;
	size_t want, got = 0;

	if (size == 0 || n == 0)
		return 0;
	if (__builtin_mul_overflow(size, n, &want)) {
		errno = EOVERFLOW;
		return 0;
	}
	if (__stdio_want_read(f) < 0)
		return 0;
	while (got < want) {
		size_t avail = f->rend - f->rpos;

		if (avail) {
			size_t k = avail < want - got ? avail : want - got;

			memcpy(dst + got, f->buf + f->rpos, k);
			f->rpos += k;
			got += k;
		} else if (want - got >= f->size) {
			/* big read: straight into the caller's memory */
			ssize_t r = read(f->fd, dst + got, want - got);

			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				f->flags |= r ? F_ERR : F_EOF;
				break;
			}
			got += (size_t)r;
		} else if (__stdio_refill(f) <= 0) {
			break;
		}
	}
	return got / size;
}

int fgetc(FILE *f)
{
	if (__stdio_want_read(f) < 0)
		return EOF;
	if (f->rpos == f->rend && __stdio_refill(f) <= 0)
		return EOF;
	return f->buf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/*
 * Push c back so the next read returns it. One push-back always works; more work while there
 * is room in front of the unread bytes.
 */
int ungetc(int c, FILE *f)
{
	if (c == EOF || __stdio_want_read(f) < 0)
		return EOF;
	if (f->rpos == 0) {
		if (f->rend == f->size)
			return EOF;
		memmove(f->buf + 1, f->buf, f->rend);
		f->rend++;
		f->rpos = 1;
	}
	f->buf[--f->rpos] = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

/* Read a line of at most size - 1 bytes, keeping its '\n'; NULL if nothing was read. */
char *fgets(char *restrict s, int size, FILE *restrict f)
{
	int n = 0;

	if (size <= 0 || __stdio_want_read(f) < 0)
		return NULL;
	while (n < size - 1) {
		size_t avail, k;
		unsigned char *nl;

		if (f->rpos == f->rend && __stdio_refill(f) <= 0)
			break;
		avail = f->rend - f->rpos;
		k = avail < (size_t)(size - 1 - n) ? avail : (size_t)(size - 1 - n);
		nl = memchr(f->buf + f->rpos, '\n', k);
		if (nl)
			k = (size_t)(nl - (f->buf + f->rpos)) + 1;
		memcpy(s + n, f->buf + f->rpos, k);
		f->rpos += k;
		n += (int)k;
		if (nl)
			break;
	}
	if (n == 0)
		return NULL;
	s[n] = '\0';
	return s;
}

/*
 * Read up to and including delim into *line, growing it with realloc as needed; returns the
 * length, or -1 at end of file (or error) with nothing read.
 */
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	size_t n = 0;

	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	if (__stdio_want_read(f) < 0)
		return -1;
	for (;;) {
		size_t avail, k;
		unsigned char *end;

		if (f->rpos == f->rend && __stdio_refill(f) <= 0)
			break;
		avail = f->rend - f->rpos;
		end = memchr(f->buf + f->rpos, delim, avail);
		k = end ? (size_t)(end - (f->buf + f->rpos)) + 1 : avail;
		if (n + k + 1 > *cap) {
			size_t newcap = *cap ? *cap : 128;
			char *grown;

			while (newcap < n + k + 1)
				newcap *= 2;
			grown = realloc(*line, newcap);
			if (!grown) {
				f->flags |= F_ERR;
				return -1;
			}
			*line = grown;
			*cap = newcap;
		}
		memcpy(*line + n, f->buf + f->rpos, k);
		f->rpos += k;
		n += k;
		if (end)
			break;
	}
	if (n == 0)
		return -1;
	(*line)[n] = '\0';
	return (ssize_t)n;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}
