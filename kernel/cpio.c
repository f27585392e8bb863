/*
 * cpio.c - the newc cpio parser the initrd is unpacked with.
 *
 * Pure code: no allocation, no locks, no VFS. It only walks the archive and describes each
 * member; kernel/initrd.c turns members into files. Everything it reports points into the
 * archive, which the caller keeps mapped. Tested on the host (tests/host/test_cpio.c).
 *
 * Member layout (all offsets from the start of the member, which is 4-byte aligned):
 *	0	"070701" (or "070702", the same with a checksum we ignore)
 *	6	13 fields of 8 hex digits: ino mode uid gid nlink mtime filesize devmajor devminor
 *		rdevmajor rdevminor namesize check
 *	110	the name, namesize bytes including its NUL, then padding to a multiple of 4
 *	...	filesize bytes of data, then padding to a multiple of 4
 */
#include "cpio.h"

#include "string.h"
#include "uapi/errno.h"

#define CPIO_HEADER	110
#define CPIO_FIELDS	13

enum cpio_field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
	F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
};

static const char trailer[] = "TRAILER!!!";

/* The value of 8 hex digits at s, or -1 when one of them is not a hex digit. */
static int64_t parse_hex8(const char *s)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		uint32_t d;

		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else
			return -1;
		v = v << 4 | d;
	}
	return v;
}

/* x rounded up to a multiple of 4, or 0 when that overflows (callers compare against size). */
static size_t pad4(size_t x)
{
	return x > SIZE_MAX - 3 ? 0 : (x + 3) & ~(size_t)3;
}

int cpio_next(const void *archive, size_t size, size_t *off, struct cpio_entry *e)
{
	const char *base = archive;
	const char *h;
	uint32_t field[CPIO_FIELDS];
	size_t start = *off, name_end, data_start, data_end;

	if (start > size || size - start < CPIO_HEADER)
		return -EINVAL;
	h = base + start;
	if (memcmp(h, "07070", 5) != 0 || (h[5] != '1' && h[5] != '2'))
		return -EINVAL;
	for (int i = 0; i < CPIO_FIELDS; i++) {
		int64_t v = parse_hex8(h + 6 + 8 * i);

		if (v < 0)
			return -EINVAL;
		field[i] = (uint32_t)v;
	}

	/* the name: namesize bytes including a NUL that must be its last byte */
	if (field[F_NAMESIZE] == 0 || field[F_NAMESIZE] > size - start - CPIO_HEADER)
		return -EINVAL;
	e->name = h + CPIO_HEADER;
	e->namelen = field[F_NAMESIZE] - 1;
	if (e->name[e->namelen] != '\0' || strnlen(e->name, e->namelen) != e->namelen)
		return -EINVAL;

	name_end = start + CPIO_HEADER + field[F_NAMESIZE];
	data_start = pad4(name_end);
	if (data_start == 0 || data_start > size)
		return -EINVAL;
	if (field[F_FILESIZE] > size - data_start)
		return -EINVAL;
	data_end = data_start + field[F_FILESIZE];

	e->ino = field[F_INO];
	e->mode = field[F_MODE];
	e->uid = field[F_UID];
	e->gid = field[F_GID];
	e->nlink = field[F_NLINK];
	e->mtime = field[F_MTIME];
	e->rdev_major = field[F_RDEVMAJOR];
	e->rdev_minor = field[F_RDEVMINOR];
	e->data = base + data_start;
	e->size = field[F_FILESIZE];

	if (e->namelen == sizeof(trailer) - 1 && memcmp(e->name, trailer, e->namelen) == 0)
		return 0;
	/* the padding after the last member's data may be missing: clamp to the end */
	*off = pad4(data_end);
	if (*off == 0 || *off > size)
		*off = size;
	return 1;
}
