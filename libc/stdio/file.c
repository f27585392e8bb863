/*
 * file.c - FILE objects: the three standard streams, opening and closing, buffering policy,
 * flushing and seeking. Reading and writing through the buffer is in stdio/io.c; the layout of
 * a FILE is explained in internal/stdio_impl.h.
 *
 * Buffering follows the C standard's advice: stderr is unbuffered, stdout is line-buffered when
 * it is a terminal and fully buffered otherwise (so `prog | cat` makes few write()s), and every
 * other stream is fully buffered. The decision is made at the first read or write, because
 * setvbuf() may still change it before then.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libc.h"
#include "stdio_impl.h"

static unsigned char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static struct nido_file std_streams[3] = {
	{ .fd = 0, .flags = F_READ | F_STATIC, .mode = _IOLBF, .buf = stdin_buf, .size = BUFSIZ,
	  .next = &std_streams[1] },
	{ .fd = 1, .flags = F_WRITE | F_STATIC, .mode = _IOFBF, .buf = stdout_buf,
	  .size = BUFSIZ, .next = &std_streams[2] },
	{ .fd = 2, .flags = F_WRITE | F_STATIC | F_MODE_SET, .mode = _IONBF },
};

FILE *const stdin = &std_streams[0];
FILE *const stdout = &std_streams[1];
FILE *const stderr = &std_streams[2];

static FILE *all_files = &std_streams[0];	/* every open stream, newest first */

/*
 * Decide the buffering of a stream at its first use, and give it its buffer: a malloc'd one,
 * or the built-in tiny one for unbuffered streams (and when malloc fails).
 */
static void setup_buffer(FILE *f)
{
	if (!(f->flags & F_MODE_SET)) {
		f->flags |= F_MODE_SET;
		if (f == stdout && isatty(f->fd))
			f->mode = _IOLBF;
	}
	if (f->mode == _IONBF) {
		if (f->flags & F_OWN_BUF)
			free(f->buf);
		f->flags &= ~F_OWN_BUF;
		f->buf = f->tiny;
		f->size = 1;
	} else if (!f->buf) {
		f->buf = malloc(BUFSIZ);
		f->size = BUFSIZ;
		if (f->buf) {
			f->flags |= F_OWN_BUF;
		} else {
			f->buf = f->tiny;
			f->size = sizeof(f->tiny);
		}
	}
}

/* Write out buf[0, wpos). 0, or EOF with F_ERR set. */
static int flush_writes(FILE *f)
{
	size_t done = 0;

	while (done < f->wpos) {
		ssize_t n = write(f->fd, f->buf + done, f->wpos - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* keep what was not written, so a later fflush can retry */
			memmove(f->buf, f->buf + done, f->wpos - done);
			f->wpos -= done;
			f->flags |= F_ERR;
			return EOF;
		}
		done += (size_t)n;
	}
	f->wpos = 0;
	return 0;
}

/* Forget buffered input, moving the fd back to the program's position if it can seek. */
static void drop_reads(FILE *f)
{
	if (f->rend > f->rpos)
		lseek(f->fd, -(off_t)(f->rend - f->rpos), SEEK_CUR);
	f->rpos = f->rend = 0;
}

int __stdio_want_read(FILE *f)
{
	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	setup_buffer(f);
	if (f->wpos && flush_writes(f))
		return -1;
	return 0;
}

int __stdio_want_write(FILE *f)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	setup_buffer(f);
	drop_reads(f);
	return 0;
}

/*
 * Before a stream that is not fully buffered (a terminal, usually) waits for input, push out
 * stdout's pending line-buffered output, so that a prompt without '\n' appears first.
 */
int __stdio_refill(FILE *f)
{
	ssize_t n;

	if (f->mode != _IOFBF && f != stdout && stdout->mode == _IOLBF && stdout->wpos)
		flush_writes(stdout);
	do
		n = read(f->fd, f->buf, f->mode == _IONBF ? 1 : f->size);
	while (n < 0 && errno == EINTR);
	f->rpos = 0;
	f->rend = n > 0 ? (size_t)n : 0;
	if (n == 0)
		f->flags |= F_EOF;
	if (n < 0)
		f->flags |= F_ERR;
	return n > 0 ? 1 : (int)n;
}

int fflush(FILE *f)
{
	int r = 0;

	if (!f) {
		for (FILE *p = all_files; p; p = p->next)
			if (p->wpos && fflush(p))
				r = EOF;
		return r;
	}
	if (f->wpos)
		return flush_writes(f);
	drop_reads(f);
	return 0;
}

void __stdio_exit(void)
{
	fflush(NULL);
}

int __stdio_mode_flags(const char *mode)
{
	int flags;

	switch (*mode++) {
	case 'r':
		flags = O_RDONLY;
		break;
	case 'w':
		flags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case 'a':
		flags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (; *mode; mode++) {
		if (*mode == '+')
			flags = (flags & ~O_ACCMODE) | O_RDWR;
		else if (*mode == 'x')
			flags |= O_EXCL;
		else if (*mode == 'e')
			flags |= O_CLOEXEC;
		/* 'b' and anything else: ignored, as POSIX has no text mode */
	}
	return flags;
}

static int stream_flags(int oflags)
{
	switch (oflags & O_ACCMODE) {
	case O_RDONLY:
		return F_READ;
	case O_WRONLY:
		return F_WRITE;
	default:
		return F_READ | F_WRITE;
	}
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags = __stdio_mode_flags(mode);
	FILE *f;

	if (oflags < 0)
		return NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = stream_flags(oflags);
	f->mode = _IOFBF;
	f->next = all_files;
	all_files = f;
	return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int oflags = __stdio_mode_flags(mode);
	int fd;
	FILE *f;

	if (oflags < 0)
		return NULL;
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, mode);
	if (!f)
		close(fd);
	return f;
}

/* Flush and close f's fd, and free it unless it is one of the three standard streams. */
int fclose(FILE *f)
{
	int r = fflush(f);

	if (close(f->fd) < 0)
		r = EOF;
	if (f->flags & F_STATIC) {
		f->flags &= ~(F_READ | F_WRITE);
		return r;
	}
	for (FILE **link = &all_files; *link; link = &(*link)->next) {
		if (*link == f) {
			*link = f->next;
			break;
		}
	}
	if (f->flags & F_OWN_BUF)
		free(f->buf);
	free(f);
	return r;
}

/* Reopen path on the same FILE (e.g. to redirect stdout); the old fd is closed first. */
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int oflags = __stdio_mode_flags(mode);
	int fd;

	fflush(f);
	if (oflags < 0 || !path) {
		errno = EINVAL;
		return NULL;
	}
	close(f->fd);
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	if (fd != f->fd) {
		/* keep the number: freopen(..., stdout) must still write to fd 1 */
		if (dup2(fd, f->fd) < 0) {
			close(fd);
			return NULL;
		}
		close(fd);
	}
	f->flags = (f->flags & (F_OWN_BUF | F_STATIC)) | stream_flags(oflags);
	f->rpos = f->rend = f->wpos = 0;
	return f;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	f->mode = mode;
	f->flags |= F_MODE_SET;
	if (mode != _IONBF && buf && size) {
		if (f->flags & F_OWN_BUF)
			free(f->buf);
		f->flags &= ~F_OWN_BUF;
		f->buf = (unsigned char *)buf;
		f->size = size;
	} else if (mode != _IONBF && f->buf == f->tiny) {
		f->buf = NULL;		/* give it a real buffer at first use */
	}
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

int fileno(FILE *f)
{
	return f->fd;
}

int feof(FILE *f)
{
	return (f->flags & F_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & F_ERR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

int fseeko(FILE *f, off_t off, int whence)
{
	if (f->wpos && flush_writes(f))
		return -1;
	/* SEEK_CUR is relative to the program's position, not the fd's */
	if (whence == SEEK_CUR)
		off -= (off_t)(f->rend - f->rpos);
	f->rpos = f->rend = 0;
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->flags &= ~F_EOF;
	return 0;
}

int fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

off_t ftello(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return pos - (off_t)(f->rend - f->rpos) + (off_t)f->wpos;
}

long ftell(FILE *f)
{
	return ftello(f);
}

void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	clearerr(f);
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t p = ftello(f);

	if (p < 0)
		return -1;
	*pos = p;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, *pos, SEEK_SET);
}

/* An anonymous temporary file: created in /tmp and unlinked at once. */
FILE *tmpfile(void)
{
	char path[] = "/tmp/tmpfileXXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	if (fd < 0)
		return NULL;
	unlink(path);
	f = fdopen(fd, "w+");
	if (!f)
		close(fd);
	return f;
}
