/*
 * initrd.c - fill the root tmpfs from the initrd, a newc cpio archive loaded by the boot loader.
 *
 * GRUB loads the archive as a Multiboot2 module whose command line is "initrd"
 * (`module2 /boot/initrd.cpio initrd`); boot_info.modules[] has its physical range, which the
 * direct map makes readable. Each member becomes a file, directory, symlink or device node with
 * the member's mode, owner and modification time. Parent directories missing from the archive
 * are made on the way (cpio lists "a/b" after "a" only when the archive was made that way).
 * Members with nlink > 1 and an inode number seen before become hard links to the first one.
 * The module's memory is not freed: its frames stay reserved (a few hundred KiB).
 */
#include "vfs.h"
#include "file.h"
#include "cpio.h"

#include "boot.h"
#include "err.h"
#include "kernel.h"
#include "kmalloc.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include <arch.h>

#define HARDLINKS_MAX	64

/* Members seen with nlink > 1, by inode number: where the first one was put. */
struct hardlinks {
	uint32_t ino[HARDLINKS_MAX];
	char *path[HARDLINKS_MAX];
	int n;
};

/* Make every missing directory on the way to path (which is absolute). */
static void make_parents(const struct vfs_at *at, char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		vfs_mkdir(at, path, 0755);	/* EEXIST is the usual answer */
		*s = '/';
	}
}

/* Put mode, owner and mtime of the member on what was just created at path. */
static void set_attrs(const struct vfs_at *at, const char *path, const struct cpio_entry *e)
{
	struct inode *ino;

	if (vfs_lookup(at, path, 0, &ino))
		return;
	if (!S_ISLNK(ino->mode))
		vfs_chmod(ino, NULL, e->mode & 07777);
	ino->uid = e->uid;
	ino->gid = e->gid;
	ino->mtime = (struct vfs_time){ .sec = e->mtime, .nsec = 0 };
	inode_put(ino);
}

/* A regular file: create it and copy the data in. */
static int make_file(const struct vfs_at *at, const char *path, const struct cpio_entry *e)
{
	struct file *f = vfs_open(at, path, O_WRONLY | O_CREAT | O_TRUNC, e->mode & 07777);
	long n = 0;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	if (e->size)
		n = f->ops->write_kernel(f, e->data, e->size, 0);
	file_put(f);
	if (n < 0)
		return (int)n;
	return (size_t)n == e->size ? 0 : -ENOSPC;
}

/* The first path of a hard-linked inode, or NULL (and remember this one). */
static const char *hardlink_of(struct hardlinks *hl, const struct cpio_entry *e, const char *path)
{
	if (e->nlink < 2 || S_ISDIR(e->mode))
		return NULL;
	for (int i = 0; i < hl->n; i++)
		if (hl->ino[i] == e->ino)
			return hl->path[i];
	if (hl->n < HARDLINKS_MAX) {
		size_t len = strlen(path) + 1;
		char *copy = kmalloc(len);

		if (copy) {
			memcpy(copy, path, len);
			hl->ino[hl->n] = e->ino;
			hl->path[hl->n++] = copy;
		}
	}
	return NULL;
}

/* Turn one member into a node at path. 0 or -errno. */
static int unpack_one(const struct vfs_at *at, struct hardlinks *hl, char *path,
		      const struct cpio_entry *e)
{
	const char *first = hardlink_of(hl, e, path);
	int err;

	make_parents(at, path);
	if (first) {
		err = vfs_link(at, first, at, path, 0);
		/* GNU cpio puts the data on the last link; it reaches every name */
		if (!err && e->size) {
			struct file *f = vfs_open(at, path, O_WRONLY | O_TRUNC, 0);

			if (IS_ERR(f))
				return (int)PTR_ERR(f);
			if (f->ops->write_kernel(f, e->data, e->size, 0) != (long)e->size)
				err = -ENOSPC;
			file_put(f);
		}
		return err;
	}
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		err = vfs_mkdir(at, path, e->mode & 07777);
		if (err == -EEXIST)
			err = 0;
		break;
	case S_IFREG:
		err = make_file(at, path, e);
		break;
	case S_IFLNK: {
		char *target = kmalloc(e->size + 1);

		if (!target)
			return -ENOMEM;
		memcpy(target, e->data, e->size);
		target[e->size] = '\0';
		err = e->size ? vfs_symlink(target, at, path) : -EINVAL;
		kfree(target);
		break;
	}
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		err = vfs_mknod(at, path, e->mode, vfs_mkdev(e->rdev_major, e->rdev_minor));
		break;
	default:
		err = -EINVAL;
	}
	if (!err)
		set_attrs(at, path, e);
	return err;
}

int initrd_unpack(struct inode *root, const void *data, size_t size)
{
	struct vfs_at at = { .root = root, .dir = root, .cred = NULL };
	struct hardlinks *hl = kzalloc(sizeof(*hl));
	char *path = kmalloc(VFS_PATH_MAX);
	struct cpio_entry e;
	size_t off = 0;
	int r, first_err = 0, files = 0;

	if (!hl || !path) {
		kfree(hl);
		kfree(path);
		return -ENOMEM;
	}
	while ((r = cpio_next(data, size, &off, &e)) == 1) {
		const char *name = e.name;
		int err;

		while (name[0] == '.' && name[1] == '/')
			name += 2;
		while (name[0] == '/')
			name++;
		if (name[0] == '\0' || strcmp(name, ".") == 0)
			continue;
		if (strlen(name) + 2 > VFS_PATH_MAX)
			err = -ENAMETOOLONG;
		else {
			path[0] = '/';
			strlcpy(path + 1, name, VFS_PATH_MAX - 1);
			err = unpack_one(&at, hl, path, &e);
		}
		if (err) {
			kprintf("initrd: %s: error %d\n", e.name, err);
			if (!first_err)
				first_err = err;
		} else {
			files++;
		}
	}
	if (r < 0) {
		kprintf("initrd: archive corrupt at offset %zu\n", off);
		if (!first_err)
			first_err = r;
	}
	for (int i = 0; i < hl->n; i++)
		kfree(hl->path[i]);
	kfree(hl);
	kfree(path);
	kprintf("initrd: %d entries unpacked (%zu bytes)\n", files, size);
	return first_err;
}

void initrd_unpack_modules(void)
{
	for (int i = 0; i < boot_info.nmodules; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (strcmp(m->name, "initrd") != 0 || m->end <= m->start)
			continue;
		initrd_unpack(vfs_root(), arch_phys_to_virt(m->start), m->end - m->start);
	}
}
