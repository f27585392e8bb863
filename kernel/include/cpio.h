/*
 * cpio.h - reading "newc" cpio archives (the initrd format), as pure code.
 *
 * A newc archive is a sequence of members, each a 110-byte ASCII header ("070701" followed by
 * thirteen 8-digit hex fields), the member's name with its NUL, padding to a multiple of 4, the
 * data, and padding to a multiple of 4 again. The member named "TRAILER!!!" ends the archive.
 * The parser checks every length against the archive's size, so a truncated or corrupt initrd is
 * an error, never a read past its end.
 */
#ifndef NIDO_CPIO_H
#define NIDO_CPIO_H

#include <stdint.h>
#include <stddef.h>

struct cpio_entry {
	const char *name;		/* inside the archive; NUL-terminated */
	size_t namelen;			/* without the NUL */
	uint32_t ino, mode, uid, gid, nlink, mtime;
	uint32_t rdev_major, rdev_minor;
	const void *data;		/* in the archive: the contents or a symlink's target */
	size_t size;
};

/*
 * Parse the member at *off. Returns 1 with *e filled and *off moved to the next member, 0 at the
 * trailer, or -EINVAL (bad magic, bad hex digit, a name without its NUL, a member running past
 * the end of the archive).
 */
int cpio_next(const void *archive, size_t size, size_t *off, struct cpio_entry *e);

#endif
