/*
 * stdio.h - buffered streams (FILE) and formatted input and output.
 *
 * A FILE wraps a file descriptor with a buffer so that many small reads and writes become few
 * system calls. How eagerly it writes its buffer out depends on its mode: _IONBF writes at once
 * (stderr), _IOLBF at every newline (stdout on a terminal), _IOFBF when the buffer is full.
 * The struct is private to libc (libc/stdio/stdio_impl.h).
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct nido_file FILE;
typedef int64_t fpos_t;

#define EOF		(-1)
#define BUFSIZ		4096
#define FILENAME_MAX	4096
#define FOPEN_MAX	1024
#define L_tmpnam	20
#define P_tmpdir	"/tmp"

#define _IOFBF	0	/* fully buffered */
#define _IOLBF	1	/* line buffered */
#define _IONBF	2	/* unbuffered */

#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin	stdin
#define stdout	stdout
#define stderr	stderr

#define __printf_like(f, a) __attribute__((format(printf, f, a)))
#define __scanf_like(f, a) __attribute__((format(scanf, f, a)))

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);
int fileno(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fseek(FILE *f, long off, int whence);
int fseeko(FILE *f, off_t off, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *restrict f, fpos_t *restrict pos);
int fsetpos(FILE *f, const fpos_t *pos);

size_t fread(void *restrict ptr, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict ptr, size_t size, size_t n, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *restrict s, int size, FILE *restrict f);
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f);
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);

int printf(const char *restrict fmt, ...) __printf_like(1, 2);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __printf_like(2, 3);
int dprintf(int fd, const char *restrict fmt, ...) __printf_like(2, 3);
int sprintf(char *restrict buf, const char *restrict fmt, ...) __printf_like(2, 3);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...) __printf_like(3, 4);
int asprintf(char **out, const char *fmt, ...) __printf_like(2, 3);
int vprintf(const char *restrict fmt, va_list ap) __printf_like(1, 0);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap) __printf_like(2, 0);
int vdprintf(int fd, const char *restrict fmt, va_list ap) __printf_like(2, 0);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap) __printf_like(2, 0);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
	__printf_like(3, 0);
int vasprintf(char **out, const char *fmt, va_list ap) __printf_like(2, 0);

int scanf(const char *restrict fmt, ...) __scanf_like(1, 2);
int fscanf(FILE *restrict f, const char *restrict fmt, ...) __scanf_like(2, 3);
int sscanf(const char *restrict s, const char *restrict fmt, ...) __scanf_like(2, 3);
int vscanf(const char *restrict fmt, va_list ap) __scanf_like(1, 0);
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap) __scanf_like(2, 0);
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap) __scanf_like(2, 0);

void perror(const char *s);
int remove(const char *path);
int rename(const char *oldpath, const char *newpath);
FILE *tmpfile(void);

#endif
