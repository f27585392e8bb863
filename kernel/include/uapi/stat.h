/*
 * uapi/stat.h - what stat()/fstat()/lstat()/newfstatat() and statx() report about a file.
 *
 * The file type and the permission bits share one mode word: the top bits (S_IFMT) say what kind
 * of file it is, the low 12 bits are set-id, sticky and rwx for owner, group and others.
 */
#ifndef NIDO_UAPI_STAT_H
#define NIDO_UAPI_STAT_H

#include "types.h"
#include "time.h"

/* file types (mode & S_IFMT) */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000

#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

/* permission bits */
#define S_ISUID		04000
#define S_ISGID		02000
#define S_ISVTX		01000
#define S_IRWXU		00700
#define S_IRUSR		00400
#define S_IWUSR		00200
#define S_IXUSR		00100
#define S_IRWXG		00070
#define S_IRGRP		00040
#define S_IWGRP		00020
#define S_IXGRP		00010
#define S_IRWXO		00007
#define S_IROTH		00004
#define S_IWOTH		00002
#define S_IXOTH		00001

/* struct stat as Linux x86_64 lays it out: 144 bytes */
struct UAPI(stat) {
	uint64_t st_dev;		/* device holding the file */
	uint64_t st_ino;		/* inode number, unique within st_dev */
	uint64_t st_nlink;		/* hard links (64-bit on x86_64, before st_mode) */
	uint32_t st_mode;		/* S_IF* type | permission bits */
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t __pad0;
	uint64_t st_rdev;		/* the device itself, for S_IFCHR/S_IFBLK */
	int64_t st_size;		/* bytes; target length for a symlink */
	int64_t st_blksize;		/* preferred I/O size */
	int64_t st_blocks;		/* 512-byte blocks allocated */
	struct UAPI(timespec) st_atim;	/* last access */
	struct UAPI(timespec) st_mtim;	/* last modification of the contents */
	struct UAPI(timespec) st_ctim;	/* last change of the inode */
	int64_t __unused[3];
};
UAPI_SIZE(struct UAPI(stat), 144);
UAPI_OFFSET(struct UAPI(stat), st_mode, 24);
UAPI_OFFSET(struct UAPI(stat), st_rdev, 40);
UAPI_OFFSET(struct UAPI(stat), st_size, 48);
UAPI_OFFSET(struct UAPI(stat), st_atim, 72);
UAPI_OFFSET(struct UAPI(stat), st_ctim, 104);

/* statx() masks: which fields the caller wants / the kernel filled in */
#define STATX_TYPE		0x00000001u
#define STATX_MODE		0x00000002u
#define STATX_NLINK		0x00000004u
#define STATX_UID		0x00000008u
#define STATX_GID		0x00000010u
#define STATX_ATIME		0x00000020u
#define STATX_MTIME		0x00000040u
#define STATX_CTIME		0x00000080u
#define STATX_INO		0x00000100u
#define STATX_SIZE		0x00000200u
#define STATX_BLOCKS		0x00000400u
#define STATX_BASIC_STATS	0x000007ffu
#define STATX_BTIME		0x00000800u
#define STATX_MNT_ID		0x00001000u

/* statx timestamps: 16 bytes, unlike timespec the nanoseconds are 32-bit */
struct UAPI(statx_timestamp) {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};
UAPI_SIZE(struct UAPI(statx_timestamp), 16);

/* struct statx: 256 bytes, room to grow at the end */
struct UAPI(statx) {
	uint32_t stx_mask;		/* STATX_* bits actually filled in */
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t __spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct UAPI(statx_timestamp) stx_atime;
	struct UAPI(statx_timestamp) stx_btime;	/* birth (creation) */
	struct UAPI(statx_timestamp) stx_ctime;
	struct UAPI(statx_timestamp) stx_mtime;
	uint32_t stx_rdev_major;
	uint32_t stx_rdev_minor;
	uint32_t stx_dev_major;
	uint32_t stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align;
	uint32_t stx_dio_offset_align;
	uint64_t __spare3[12];
};
UAPI_SIZE(struct UAPI(statx), 256);
UAPI_OFFSET(struct UAPI(statx), stx_atime, 64);
UAPI_OFFSET(struct UAPI(statx), stx_rdev_major, 128);

#endif
