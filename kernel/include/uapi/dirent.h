/*
 * uapi/dirent.h - the records getdents64() fills a buffer with.
 *
 * Each record is variable-length: a fixed 19-byte header, then the NUL-terminated name, padded so
 * that d_reclen (the distance to the next record) is a multiple of 8.
 */
#ifndef NIDO_UAPI_DIRENT_H
#define NIDO_UAPI_DIRENT_H

#include "types.h"

struct UAPI(dirent64) {
	uint64_t d_ino;		/* inode number */
	int64_t d_off;		/* opaque cookie: lseek() here to continue after this entry */
	uint16_t d_reclen;	/* length of this whole record */
	uint8_t d_type;		/* DT_* */
	char d_name[];		/* NUL-terminated */
};
UAPI_OFFSET(struct UAPI(dirent64), d_reclen, 16);
UAPI_OFFSET(struct UAPI(dirent64), d_name, 19);

/* d_type: the file type, or DT_UNKNOWN when the file system does not say */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

/* between a stat mode and a d_type: the d_type is the S_IFMT bits shifted down */
#define IFTODT(mode)	(((mode) & 0170000) >> 12)
#define DTTOIF(type)	((type) << 12)

#endif
