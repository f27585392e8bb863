/*
 * tmpfs.c - a file system that lives entirely in memory: nido's root.
 *
 * Every tmpfs inode is a struct tmpfs_inode, the VFS inode followed by what its type needs:
 *
 *  - A directory is a list of entries (name -> inode) in the order they were made. Each entry
 *    carries a cookie from a per-directory counter that only goes up; getdents() reports the
 *    cookie of the next entry as d_off and resumes at "the first entry whose cookie is >= pos".
 *    Removing other entries never moves an entry, so a directory listing in progress neither
 *    skips nor repeats names while the directory changes (what Linux's tmpfs does with its
 *    offset map). Cookies 0 and 1 are "." and "..".
 *  - A regular file's bytes are in whole pages, found through a small radix tree keyed by page
 *    index, like a page table: height 0 is a single data page, each level above it a page of
 *    512 pointers. The tree grows upwards as the file does, and a hole (a page never written)
 *    is a NULL pointer that reads as zeros, so sparse files cost nothing.
 *  - A symlink keeps its target string.
 *
 * Directory operations run under the VFS namespace lock (vfs.h), contents operations under the
 * inode's own lock. Memory running out shows up as -ENOSPC, which is what a full tmpfs reports.
 */
#include "vfs.h"
#include "file.h"

#include "kernel.h"
#include "kmalloc.h"
#include "list.h"
#include "page.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define TMPFS_PAGE		4096UL
#define TMPFS_FANOUT_SHIFT	9		/* 512 pointers per tree node */
#define TMPFS_MAX_HEIGHT	4		/* 512^4 pages: files up to 256 TiB */
#define TMPFS_FIRST_COOKIE	2		/* after "." and ".." */

struct tmpfs_dirent {
	struct list_head link;		/* in the directory's entries, oldest first */
	int64_t cookie;
	struct inode *inode;		/* counted in inode->nlink, not refcount */
	size_t len;
	char name[];			/* NUL-terminated for convenience */
};

struct tmpfs_inode {
	struct inode vfs;		/* first: container_of is a cast */
	union {
		struct {		/* S_IFDIR */
			struct list_head entries;
			int64_t next_cookie;
		} dir;
		struct {		/* S_IFREG */
			void *root;	/* a data page (height 0) or a node of 512 pointers */
			int height;
			uint64_t npages;	/* data pages allocated */
		} reg;
		char *target;		/* S_IFLNK */
	};
};

/* One tmpfs instance: its device number and inode number counter. */
struct tmpfs_sb {
	uint64_t dev;
	uint64_t next_ino;		/* under the namespace lock */
};

static const struct inode_ops tmpfs_iops;
static const struct file_ops tmpfs_dir_fops, tmpfs_reg_fops, tmpfs_none_fops;

static struct tmpfs_inode *TI(struct inode *ino)
{
	return (struct tmpfs_inode *)ino;
}

static void touch(struct vfs_time *a, struct vfs_time *b)
{
	*a = *b = vfs_now();
}

/* ---- regular file contents: the page tree ---- */

/* Pages a tree of this height covers. */
static uint64_t tree_capacity(int height)
{
	return 1ULL << (TMPFS_FANOUT_SHIFT * height);
}

/*
 * The slot that holds (or will hold) data page idx, or NULL when it does not exist and alloc is
 * false, or when a node could not be allocated. With alloc, the tree grows as needed first.
 * Caller holds the inode lock.
 */
static void **page_slot(struct tmpfs_inode *ti, uint64_t idx, bool alloc)
{
	void **slot;

	while (idx >= tree_capacity(ti->reg.height)) {
		if (!alloc)
			return NULL;
		if (ti->reg.height == TMPFS_MAX_HEIGHT)
			return NULL;
		if (ti->reg.root) {
			void **node = page_alloc_zeroed();

			if (!node)
				return NULL;
			node[0] = ti->reg.root;
			ti->reg.root = node;
		}
		ti->reg.height++;
	}
	slot = &ti->reg.root;
	for (int level = ti->reg.height; level > 0; level--) {
		void **node;

		if (!*slot) {
			if (!alloc)
				return NULL;
			*slot = page_alloc_zeroed();
			if (!*slot)
				return NULL;
		}
		node = *slot;
		slot = &node[(idx >> (TMPFS_FANOUT_SHIFT * (level - 1))) & 511];
	}
	return slot;
}

/*
 * Free every data page with index >= from in the subtree at *slot, which has height `level` and
 * starts at page index `first`; free the subtree's nodes that end up covering nothing.
 */
static void free_pages_from(struct tmpfs_inode *ti, void **slot, int level, uint64_t first,
			    uint64_t from)
{
	uint64_t span = tree_capacity(level);
	void **node = *slot;

	if (!node || first + span <= from)
		return;
	if (level == 0) {
		page_free(node);
		ti->reg.npages--;
		*slot = NULL;
		return;
	}
	for (unsigned i = 0; i < 512; i++)
		free_pages_from(ti, &node[i], level - 1, first + i * tree_capacity(level - 1),
				from);
	if (first >= from) {
		page_free(node);
		*slot = NULL;
	}
}

/* Zero bytes [off, end of its page) of the page holding off, if that page exists. */
static void zero_page_tail(struct tmpfs_inode *ti, uint64_t off)
{
	void **slot = page_slot(ti, off / TMPFS_PAGE, false);

	if (slot && *slot)
		memset((char *)*slot + off % TMPFS_PAGE, 0, TMPFS_PAGE - off % TMPFS_PAGE);
}

/* Caller holds the inode lock. */
static int tmpfs_truncate(struct inode *ino, uint64_t size)
{
	struct tmpfs_inode *ti = TI(ino);

	if (size > tree_capacity(TMPFS_MAX_HEIGHT) * TMPFS_PAGE)
		return -EFBIG;
	if (size < ino->size) {
		free_pages_from(ti, &ti->reg.root, ti->reg.height, 0,
				ALIGN_UP(size, TMPFS_PAGE) / TMPFS_PAGE);
		if (size % TMPFS_PAGE)
			zero_page_tail(ti, size);
	}
	ino->size = size;
	ino->blocks = ti->reg.npages * (TMPFS_PAGE / 512);
	touch(&ino->mtime, &ino->ctime);
	return 0;
}

/* Move bytes between a caller's buffer (user or kernel) and a page. 0 or -EFAULT. */
static int copy_out(void *dst, const void *src, size_t n, bool kernel)
{
	if (kernel) {
		memcpy(dst, src, n);
		return 0;
	}
	return copy_to_user(dst, src, n);
}

static int copy_in(void *dst, const void *src, size_t n, bool kernel)
{
	if (kernel) {
		memcpy(dst, src, n);
		return 0;
	}
	return copy_from_user(dst, src, n);
}

static int zero_out(void *dst, size_t n, bool kernel)
{
	if (kernel) {
		memset(dst, 0, n);
		return 0;
	}
	return clear_user(dst, n);
}

/* Read up to n bytes at off: bytes read (short at EOF or on a fault after some) or -EFAULT. */
static long tmpfs_do_read(struct inode *ino, char *buf, size_t n, uint64_t off, bool kernel)
{
	struct tmpfs_inode *ti = TI(ino);
	size_t done = 0;
	int err = 0;

	vfs_mutex_lock(&ino->lock);
	if (off < ino->size)
		n = MIN(n, ino->size - off);
	else
		n = 0;
	while (done < n && !err) {
		uint64_t pos = off + done;
		size_t chunk = MIN(n - done, TMPFS_PAGE - pos % TMPFS_PAGE);
		void **slot = page_slot(ti, pos / TMPFS_PAGE, false);

		if (slot && *slot)
			err = copy_out(buf + done, (char *)*slot + pos % TMPFS_PAGE, chunk, kernel);
		else
			err = zero_out(buf + done, chunk, kernel);
		if (!err)
			done += chunk;
	}
	if (done)
		ino->atime = vfs_now();
	vfs_mutex_unlock(&ino->lock);
	return done ? (long)done : err;
}

/*
 * Write n bytes at *off (at the end with append), growing the file: bytes written, or -EFAULT,
 * -ENOSPC (out of pages), -EFBIG (past the largest file), when nothing was written.
 */
static long tmpfs_do_write(struct inode *ino, const char *buf, size_t n, uint64_t *off,
			   bool append, bool kernel)
{
	struct tmpfs_inode *ti = TI(ino);
	uint64_t max = tree_capacity(TMPFS_MAX_HEIGHT) * TMPFS_PAGE;
	uint64_t start;
	size_t done = 0;
	int err = 0;

	vfs_mutex_lock(&ino->lock);
	start = append ? ino->size : *off;
	if (start >= max && n) {
		err = -EFBIG;
		goto out;
	}
	n = MIN(n, max - start);
	while (done < n) {
		uint64_t pos = start + done;
		size_t chunk = MIN(n - done, TMPFS_PAGE - pos % TMPFS_PAGE);
		void **slot = page_slot(ti, pos / TMPFS_PAGE, true);

		if (!slot) {
			err = -ENOSPC;
			break;
		}
		if (!*slot) {
			*slot = page_alloc_zeroed();
			if (!*slot) {
				err = -ENOSPC;
				break;
			}
			ti->reg.npages++;
		}
		err = copy_in((char *)*slot + pos % TMPFS_PAGE, buf + done, chunk, kernel);
		if (err)
			break;
		done += chunk;
	}
	if (start + done > ino->size)
		ino->size = start + done;
	ino->blocks = ti->reg.npages * (TMPFS_PAGE / 512);
	if (done) {
		touch(&ino->mtime, &ino->ctime);
	}
	*off = start + done;
out:
	vfs_mutex_unlock(&ino->lock);
	return done ? (long)done : err;
}

static long tmpfs_read(struct file *f, void __user *buf, size_t n, uint64_t *pos)
{
	long r = tmpfs_do_read(f->inode, buf, n, *pos, false);

	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long tmpfs_write(struct file *f, const void __user *buf, size_t n, uint64_t *pos)
{
	return tmpfs_do_write(f->inode, buf, n, pos, f->flags & O_APPEND, false);
}

static long tmpfs_read_kernel(struct file *f, void *buf, size_t n, uint64_t pos)
{
	return tmpfs_do_read(f->inode, buf, n, pos, true);
}

static long tmpfs_write_kernel(struct file *f, const void *buf, size_t n, uint64_t pos)
{
	return tmpfs_do_write(f->inode, buf, n, &pos, false, true);
}

/* lseek for files and directories: SEEK_END is relative to the size (0 for directories). */
static int64_t tmpfs_lseek(struct file *f, int64_t off, int whence)
{
	int64_t base = 0;

	if (whence == SEEK_CUR)
		base = (int64_t)f->pos;
	else if (whence == SEEK_END)
		base = S_ISDIR(f->inode->mode) ? 0 : (int64_t)f->inode->size;
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return base + off;
}

/* ---- directories ---- */

/* The entry called name in dir, or NULL. Namespace lock held. */
static struct tmpfs_dirent *find(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *d;

	list_for_each_entry(d, &TI(dir)->dir.entries, link)
		if (d->len == len && memcmp(d->name, name, len) == 0)
			return d;
	return NULL;
}

static struct tmpfs_dirent *dirent_alloc(const char *name, size_t len)
{
	struct tmpfs_dirent *d = kmalloc(sizeof(*d) + len + 1);

	if (!d)
		return NULL;
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->len = len;
	d->inode = NULL;
	return d;
}

/* Link d (naming ino) at the end of dir with the next cookie. */
static void dirent_attach(struct inode *dir, struct tmpfs_dirent *d, struct inode *ino)
{
	d->inode = ino;
	d->cookie = TI(dir)->dir.next_cookie++;
	list_add_tail(&d->link, &TI(dir)->dir.entries);
	touch(&dir->mtime, &dir->ctime);
}

static void dirent_detach(struct inode *dir, struct tmpfs_dirent *d)
{
	list_del(&d->link);
	touch(&dir->mtime, &dir->ctime);
}

static int tmpfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct tmpfs_dirent *d = find(dir, name, len);

	if (!d)
		return -ENOENT;
	*out = inode_get(d->inode);
	return 0;
}

/* A new unlinked inode of this tmpfs, or NULL. Namespace lock held (for the inode counter). */
static struct tmpfs_inode *tmpfs_new_inode(struct tmpfs_sb *sb, uint32_t mode, uint32_t uid,
					   uint32_t gid)
{
	struct tmpfs_inode *ti = kzalloc(sizeof(*ti));
	const struct file_ops *fops = &tmpfs_none_fops;

	if (!ti)
		return NULL;
	if (S_ISDIR(mode)) {
		list_init(&ti->dir.entries);
		ti->dir.next_cookie = TMPFS_FIRST_COOKIE;
		fops = &tmpfs_dir_fops;
	} else if (S_ISREG(mode)) {
		fops = &tmpfs_reg_fops;
	}
	inode_init(&ti->vfs, mode, sb->dev, sb->next_ino++, &tmpfs_iops, fops);
	ti->vfs.uid = uid;
	ti->vfs.gid = gid;
	ti->vfs.priv = sb;
	return ti;
}

/* Make an inode and name it in dir; the shared part of create and symlink. */
static int make_node(struct inode *dir, const char *name, size_t len, uint32_t mode,
		     uint64_t rdev, const char *target, uint32_t uid, uint32_t gid,
		     struct inode **out)
{
	struct tmpfs_dirent *d;
	struct tmpfs_inode *ti;

	if (find(dir, name, len))
		return -EEXIST;
	if (dir->nlink == 0)
		return -ENOENT;		/* creating in a removed directory */
	d = dirent_alloc(name, len);
	if (!d)
		return -ENOSPC;
	ti = tmpfs_new_inode(dir->priv, mode, uid, gid);
	if (!ti)
		goto nospace;
	if (target) {
		size_t tlen = strlen(target);

		ti->target = kmalloc(tlen + 1);
		if (!ti->target)
			goto nospace;
		memcpy(ti->target, target, tlen + 1);
		ti->vfs.size = tlen;
	}
	ti->vfs.rdev = rdev;
	if (S_ISDIR(mode)) {
		ti->vfs.nlink = 2;
		ti->vfs.parent = inode_get(dir);
		dir->nlink++;
	} else {
		ti->vfs.nlink = 1;
	}
	dirent_attach(dir, d, &ti->vfs);
	*out = &ti->vfs;
	return 0;

nospace:
	if (ti) {
		kfree(ti->target);
		kfree(ti);
	}
	kfree(d);
	return -ENOSPC;
}

static int tmpfs_create(struct inode *dir, const char *name, size_t len, uint32_t mode,
			uint64_t rdev, uint32_t uid, uint32_t gid, struct inode **out)
{
	if (S_ISLNK(mode))
		return -EINVAL;
	return make_node(dir, name, len, mode, rdev, NULL, uid, gid, out);
}

static int tmpfs_symlink(struct inode *dir, const char *name, size_t len, const char *target,
			 uint32_t uid, uint32_t gid, struct inode **out)
{
	return make_node(dir, name, len, S_IFLNK | 0777, 0, target, uid, gid, out);
}

static int tmpfs_link(struct inode *dir, const char *name, size_t len, struct inode *target)
{
	struct tmpfs_dirent *d;

	if (find(dir, name, len))
		return -EEXIST;
	if (dir->nlink == 0 || target->nlink == 0)
		return -ENOENT;
	d = dirent_alloc(name, len);
	if (!d)
		return -ENOSPC;
	target->nlink++;
	target->ctime = vfs_now();
	dirent_attach(dir, d, target);
	return 0;
}

/* Take away one name of ino (whose dirent is already detached and freed). */
static void drop_name(struct inode *dir, struct inode *ino)
{
	inode_get(ino);		/* nlink is only lowered by a holder of a reference */
	if (S_ISDIR(ino->mode)) {
		ino->nlink = 0;
		dir->nlink--;
	} else {
		ino->nlink--;
	}
	ino->ctime = vfs_now();
	inode_put(ino);
}

static bool dir_is_empty(struct inode *dir)
{
	return list_empty(&TI(dir)->dir.entries);
}

static int tmpfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *d = find(dir, name, len);
	struct inode *ino;

	if (!d)
		return -ENOENT;
	ino = d->inode;
	if (S_ISDIR(ino->mode))
		return -EISDIR;
	dirent_detach(dir, d);
	kfree(d);
	drop_name(dir, ino);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *d = find(dir, name, len);
	struct inode *ino;

	if (!d)
		return -ENOENT;
	ino = d->inode;
	if (!S_ISDIR(ino->mode))
		return -ENOTDIR;
	if (!dir_is_empty(ino))
		return -ENOTEMPTY;
	if (ino->mounted)
		return -EBUSY;
	dirent_detach(dir, d);
	kfree(d);
	drop_name(dir, ino);
	return 0;
}

/* A directory changes parents: move its ".." reference and the parents' link counts. */
static void reparent(struct inode *child, struct inode *odir, struct inode *ndir)
{
	if (!S_ISDIR(child->mode) || odir == ndir)
		return;
	odir->nlink--;
	ndir->nlink++;
	child->parent = inode_get(ndir);
	inode_put(odir);
}

/* RENAME_EXCHANGE: swap what two names point at. */
static int exchange(struct inode *odir, struct tmpfs_dirent *od, struct inode *ndir,
		    struct tmpfs_dirent *nd)
{
	struct inode *a = od->inode, *b = nd->inode;

	od->inode = b;
	nd->inode = a;
	reparent(a, odir, ndir);
	reparent(b, ndir, odir);
	touch(&odir->mtime, &odir->ctime);
	touch(&ndir->mtime, &ndir->ctime);
	a->ctime = b->ctime = vfs_now();
	return 0;
}

static int tmpfs_rename(struct inode *odir, const char *oname, size_t olen, struct inode *ndir,
			const char *nname, size_t nlen, unsigned flags)
{
	struct tmpfs_dirent *od = find(odir, oname, olen);
	struct tmpfs_dirent *nd = find(ndir, nname, nlen);
	struct tmpfs_dirent *moved;
	struct inode *ino, *victim;

	if (!od)
		return -ENOENT;
	ino = od->inode;
	if (flags & RENAME_EXCHANGE) {
		if (!nd)
			return -ENOENT;
		return exchange(odir, od, ndir, nd);
	}
	if (nd && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	victim = nd ? nd->inode : NULL;
	if (victim == ino)
		return 0;		/* two names of one file: POSIX says do nothing */
	if (victim) {
		if (S_ISDIR(ino->mode) && !S_ISDIR(victim->mode))
			return -ENOTDIR;
		if (!S_ISDIR(ino->mode) && S_ISDIR(victim->mode))
			return -EISDIR;
		if (S_ISDIR(victim->mode) && !dir_is_empty(victim))
			return -ENOTEMPTY;
		if (victim->mounted)
			return -EBUSY;
	}
	if (ndir->nlink == 0)
		return -ENOENT;
	moved = dirent_alloc(nname, nlen);	/* before any change, so failing changes nothing */
	if (!moved)
		return -ENOSPC;
	if (victim) {
		dirent_detach(ndir, nd);
		kfree(nd);
		drop_name(ndir, victim);
	}
	dirent_detach(odir, od);
	kfree(od);
	dirent_attach(ndir, moved, ino);
	reparent(ino, odir, ndir);
	ino->ctime = vfs_now();
	return 0;
}

static long tmpfs_readlink(struct inode *ino, char *buf, size_t size)
{
	size_t n = MIN(size, (size_t)ino->size);

	memcpy(buf, TI(ino)->target, n);
	return (long)n;
}

static void tmpfs_evict(struct inode *ino)
{
	struct tmpfs_inode *ti = TI(ino);

	if (S_ISREG(ino->mode))
		free_pages_from(ti, &ti->reg.root, ti->reg.height, 0, 0);
	else if (S_ISLNK(ino->mode))
		kfree(ti->target);
	else if (S_ISDIR(ino->mode) && ino->parent != ino)
		inode_put(ino->parent);
	kfree(ti);
}

/*
 * getdents: ".", "..", then every entry whose cookie is >= ctx->pos. A removed directory lists
 * nothing, as on Linux.
 */
static int tmpfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	struct tmpfs_dirent *d;

	vfs_namespace_lock();
	if (dir->nlink == 0)
		goto out;
	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, dir->ino, DT_DIR, 1))
			goto out;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *up = dir->covered ? dir->covered->parent : dir->parent;

		if (!ctx->emit(ctx, "..", 2, up->ino, DT_DIR, TMPFS_FIRST_COOKIE))
			goto out;
		ctx->pos = TMPFS_FIRST_COOKIE;
	}
	list_for_each_entry(d, &TI(dir)->dir.entries, link) {
		if (d->cookie < ctx->pos)
			continue;
		if (!ctx->emit(ctx, d->name, d->len, d->inode->ino, IFTODT(d->inode->mode),
			       d->cookie + 1))
			break;
		ctx->pos = d->cookie + 1;
	}
out:
	vfs_namespace_unlock();
	return 0;
}

static long tmpfs_dir_read(struct file *f, void __user *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EISDIR;
}

static const struct inode_ops tmpfs_iops = {
	.lookup = tmpfs_lookup,
	.create = tmpfs_create,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
	.readlink = tmpfs_readlink,
	.truncate = tmpfs_truncate,
	.evict = tmpfs_evict,
};

static const struct file_ops tmpfs_reg_fops = {
	.read = tmpfs_read,
	.write = tmpfs_write,
	.read_kernel = tmpfs_read_kernel,
	.write_kernel = tmpfs_write_kernel,
	.lseek = tmpfs_lseek,
};

static const struct file_ops tmpfs_dir_fops = {
	.read = tmpfs_dir_read,
	.lseek = tmpfs_lseek,
	.iterate = tmpfs_iterate,
};

/* Symlinks, fifos, sockets: only O_PATH opens reach them; devices get dev.c's ops. */
static const struct file_ops tmpfs_none_fops = {
	.read = NULL,
};

struct inode *tmpfs_create_root(void)
{
	struct tmpfs_sb *sb = kzalloc(sizeof(*sb));
	struct tmpfs_inode *root;

	if (!sb)
		return NULL;
	sb->dev = vfs_new_dev();
	sb->next_ino = 1;
	vfs_namespace_lock();
	root = tmpfs_new_inode(sb, S_IFDIR | 0755, 0, 0);
	vfs_namespace_unlock();
	if (!root) {
		kfree(sb);
		return NULL;
	}
	root->vfs.nlink = 2;
	root->vfs.parent = &root->vfs;	/* ".." of the root is the root; no reference */
	return &root->vfs;
}
