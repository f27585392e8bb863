/*
 * dirent.h - reading directories: opendir(), readdir(), closedir(), ...
 *
 * A DIR holds a buffer that getdents64() fills with records; readdir() returns a pointer to the
 * next record in that buffer. struct dirent therefore has the layout of the kernel's struct
 * dirent64 (uapi/dirent.h), with d_name sized for the longest name; libc checks the offsets.
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/dirent.h>

typedef struct nido_dir DIR;

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);
long telldir(DIR *d);
void seekdir(DIR *d, long pos);
ssize_t getdents64(int fd, void *buf, size_t len);

#endif
