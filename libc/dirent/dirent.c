/*
 * dirent.c - reading directories on top of getdents64().
 *
 * A DIR is an open directory fd and a buffer. readdir() hands out the records in the buffer one
 * at a time (each record's d_reclen says where the next one starts) and refills the buffer with
 * getdents64() when it is used up; getdents64() returning 0 means the end of the directory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "syscall.h"

#define DIRBUF_SIZE 4096

struct nido_dir {
	int fd;
	size_t pos;		/* offset of the next record in buf */
	size_t len;		/* bytes of records in buf */
	long cookie;		/* d_off of the last record returned: telldir's answer */
	char buf[DIRBUF_SIZE] __attribute__((aligned(8)));
};

/* struct dirent must read the kernel's records in place */
_Static_assert(offsetof(struct dirent, d_off) == offsetof(struct dirent64, d_off), "d_off");
_Static_assert(offsetof(struct dirent, d_reclen) == offsetof(struct dirent64, d_reclen),
	       "d_reclen");
_Static_assert(offsetof(struct dirent, d_type) == offsetof(struct dirent64, d_type), "d_type");
_Static_assert(offsetof(struct dirent, d_name) == offsetof(struct dirent64, d_name), "d_name");

ssize_t getdents64(int fd, void *buf, size_t len)
{
	return __syscall_ret(__syscall(SYS_getdents64, fd, buf, len));
}

DIR *fdopendir(int fd)
{
	DIR *d = malloc(sizeof(*d));

	if (!d)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	d->cookie = 0;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

/* The next entry, or NULL at the end (errno unchanged) or on error (errno set). */
struct dirent *readdir(DIR *d)
{
	struct dirent *e;

	if (d->pos >= d->len) {
		ssize_t n = getdents64(d->fd, d->buf, sizeof(d->buf));

		if (n <= 0)
			return NULL;
		d->len = (size_t)n;
		d->pos = 0;
	}
	e = (struct dirent *)(d->buf + d->pos);
	d->pos += e->d_reclen;
	d->cookie = e->d_off;
	return e;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

void rewinddir(DIR *d)
{
	seekdir(d, 0);
}

/* Positions are the kernel's d_off cookies: lseek() to one continues after that entry. */
void seekdir(DIR *d, long pos)
{
	lseek(d->fd, pos, SEEK_SET);
	d->pos = d->len = 0;
	d->cookie = pos;
}

long telldir(DIR *d)
{
	return d->cookie;
}

int dirfd(DIR *d)
{
	return d->fd;
}
