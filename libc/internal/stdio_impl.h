/*
 * internal/stdio_impl.h - what a FILE is.
 *
 * A FILE is a file descriptor plus one buffer that is used in one direction at a time:
 *
 *  - reading:	buf[rpos, rend) holds bytes read from the fd but not yet given to the program.
 *		The fd's offset is therefore (rend - rpos) bytes ahead of the program's position.
 *  - writing:	buf[0, wpos) holds bytes the program wrote that have not reached the fd yet.
 *
 * Switching direction empties the buffer first: pending output is written out, unread input is
 * given back with an lseek() (where the fd can seek). Streams are linked on one list so that
 * fflush(NULL) and exit() can flush them all.
 */
#ifndef _NIDO_INTERNAL_STDIO_IMPL_H
#define _NIDO_INTERNAL_STDIO_IMPL_H

#include <stdio.h>

enum {
	F_READ = 1 << 0,	/* opened for reading */
	F_WRITE = 1 << 1,	/* opened for writing */
	F_EOF = 1 << 2,		/* end of file seen (feof) */
	F_ERR = 1 << 3,		/* an I/O error happened (ferror) */
	F_MODE_SET = 1 << 4,	/* buffering mode decided (setvbuf, or the isatty check) */
	F_OWN_BUF = 1 << 5,	/* buf was malloc'd by stdio and is freed with the FILE */
	F_STATIC = 1 << 6,	/* stdin/stdout/stderr: the struct itself is never freed */
};

struct nido_file {
	int fd;
	int flags;		/* F_* */
	int mode;		/* _IOFBF, _IOLBF or _IONBF */
	unsigned char *buf;	/* NULL until first use */
	size_t size;		/* capacity of buf */
	size_t rpos, rend;	/* reading: unread bytes are buf[rpos, rend) */
	size_t wpos;		/* writing: pending bytes are buf[0, wpos) */
	struct nido_file *next;	/* all open streams */
	unsigned char tiny[8];	/* the buffer of an unbuffered stream (room for ungetc) */
};

/* Make f ready for reading / writing: decide its buffering, empty the other direction. */
int __stdio_want_read(FILE *f);
int __stdio_want_write(FILE *f);

/* Fill the read buffer from the fd: 1 if bytes arrived, 0 at end of file, -1 on error. */
int __stdio_refill(FILE *f);

/* Write n bytes through f's buffer; returns how many were accepted. */
size_t __stdio_write(FILE *f, const unsigned char *data, size_t n);

/* Parse an fopen() mode string into open() flags; -1 (EINVAL) if it is not one. */
int __stdio_mode_flags(const char *mode);

#endif
