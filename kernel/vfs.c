/*
 * vfs.c - path names: from a string like "../lib/./libc.so" to an inode, and the operations on
 * names that every file system shares (open, mkdir, unlink, rename, ...).
 *
 * A path is walked one component at a time from a starting directory: the process's root for an
 * absolute path, its cwd (or a dirfd's directory) for a relative one. At each step the current
 * inode must be a directory the caller may search (x permission), "." stays, ".." goes to the
 * parent but never above the caller's root, and any other name is asked of the directory's
 * file system (inode_ops->lookup). A mount point is crossed into the mounted root.
 *
 * A symlink met in the middle of a path is replaced by its target: the walk continues on
 * "target/rest" from the link's directory (or from the root when the target is absolute). The
 * last component is followed only when the caller asks (stat follows, lstat does not; a trailing
 * slash always does). Every expansion counts, and the 41st in one lookup fails with ELOOP, so a
 * loop of links cannot hang the kernel. The expansion is iterative, in a buffer of PATH_MAX
 * bytes, because a recursion 40 deep would not fit a kernel stack.
 *
 * Operations that create or remove a name (open with O_CREAT, mkdir, unlink, rename) walk to
 * the parent directory and keep the last component as a string; the file system then acts on
 * (directory, name). All of this happens under the namespace lock (vfs.h), so a walk sees one
 * consistent tree, and each check-then-act (does the name exist? then create it) is atomic.
 *
 * Permission checks use the caller's credentials: fsuid/fsgid and supplementary groups against
 * the owner/group/other rwx bits. uid 0 is allowed everything except executing a file with no x
 * bit at all, which is what Linux's CAP_DAC_OVERRIDE gives root.
 */
#include "vfs.h"
#include "file.h"

#include "err.h"
#include "kernel.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "ktime.h"
#include <arch.h>

/* Statically initialised: tmpfs instances may be made before vfs_init() (tests). */
static struct vfs_mutex namespace_lock = {
	.guard = SPINLOCK_INIT("namespace"),
	.held = 0,
	.wq = {
		.lock = SPINLOCK_INIT("namespace"),
		.waiters = LIST_HEAD_INIT(namespace_lock.wq.waiters),
	},
};
static struct inode *root_inode;

/* ---- sleeping locks ---- */

void vfs_mutex_init(struct vfs_mutex *m, const char *name)
{
	spinlock_init(&m->guard, name);
	m->held = 0;
	waitqueue_init(&m->wq, name);
}

/* Take m, sleeping while someone else holds it. */
void vfs_mutex_lock(struct vfs_mutex *m)
{
	for (;;) {
		spin_lock(&m->guard);
		if (!m->held) {
			m->held = 1;
			spin_unlock(&m->guard);
			return;
		}
		spin_unlock(&m->guard);
		wait_event(m->wq, !__atomic_load_n(&m->held, __ATOMIC_ACQUIRE));
	}
}

void vfs_mutex_unlock(struct vfs_mutex *m)
{
	spin_lock(&m->guard);
	m->held = 0;
	spin_unlock(&m->guard);
	wake_up(&m->wq);
}

void vfs_namespace_lock(void)
{
	vfs_mutex_lock(&namespace_lock);
}

void vfs_namespace_unlock(void)
{
	vfs_mutex_unlock(&namespace_lock);
}

/* ---- time and device numbers ---- */

struct vfs_time vfs_now(void)
{
	uint64_t ns = time_realtime_ns();

	return (struct vfs_time){ .sec = (int64_t)(ns / NSEC_PER_SEC),
				  .nsec = (uint32_t)(ns % NSEC_PER_SEC) };
}

uint64_t vfs_new_dev(void)
{
	static uint32_t next_minor = 16;	/* anonymous devices are 0:N, as on Linux */

	return vfs_mkdev(0, __atomic_fetch_add(&next_minor, 1, __ATOMIC_RELAXED));
}

/* ---- inodes ---- */

void inode_init(struct inode *ino, uint32_t mode, uint64_t dev, uint64_t ino_nr,
		const struct inode_ops *iops, const struct file_ops *fops)
{
	ino->magic = INODE_MAGIC;
	ino->refcount = 1;
	ino->nlink = 0;
	ino->mode = mode;
	ino->dev = dev;
	ino->ino = ino_nr;
	ino->iops = iops;
	ino->fops = fops;
	ino->atime = ino->mtime = ino->ctime = ino->btime = vfs_now();
	vfs_mutex_init(&ino->lock, "inode");
}

struct inode *inode_get(struct inode *ino)
{
	assert(ino->magic == INODE_MAGIC);
	__atomic_add_fetch(&ino->refcount, 1, __ATOMIC_SEQ_CST);
	return ino;
}

/*
 * Drop a reference. Only the final put can see refcount 0, and nlink is lowered only by holders
 * of a reference (vfs.h), so exactly one caller frees an inode without names.
 */
void inode_put(struct inode *ino)
{
	if (!ino)
		return;
	assert(ino->magic == INODE_MAGIC);
	if (__atomic_sub_fetch(&ino->refcount, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	if (__atomic_load_n(&ino->nlink, __ATOMIC_SEQ_CST) != 0)
		return;
	ino->magic = 0;
	if (ino->iops && ino->iops->evict)
		ino->iops->evict(ino);
}

struct inode *vfs_root(void)
{
	return root_inode;
}

/* ---- permissions ---- */

static bool in_group(const struct cred *cred, uint32_t gid)
{
	if (cred->fsgid == gid)
		return true;
	for (int i = 0; i < cred->ngroups && i < NGROUPS_MAX; i++)
		if (cred->groups[i] == gid)
			return true;
	return false;
}

int vfs_permission(const struct inode *ino, const struct cred *cred, int mask)
{
	uint32_t bits;

	if (!cred)
		return 0;
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (cred->fsuid == 0) {
		if (!(mask & MAY_EXEC) || S_ISDIR(ino->mode) || (ino->mode & 0111))
			return 0;
		return -EACCES;
	}
	if (cred->fsuid == ino->uid)
		bits = ino->mode >> 6;
	else if (in_group(cred, ino->gid))
		bits = ino->mode >> 3;
	else
		bits = ino->mode;
	return ((bits & (uint32_t)mask) == (uint32_t)mask) ? 0 : -EACCES;
}

/* The sticky-bit rule: in a +t directory only the file's or the directory's owner may remove. */
static int may_delete(struct inode *dir, struct inode *victim, const struct cred *cred)
{
	int err = vfs_permission(dir, cred, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (cred && cred->fsuid != 0 && (dir->mode & S_ISVTX) && cred->fsuid != victim->uid &&
	    cred->fsuid != dir->uid)
		return -EPERM;
	return 0;
}

static uint32_t cred_fsuid(const struct cred *cred)
{
	return cred ? cred->fsuid : 0;
}

/* A new file's group: the directory's if it is set-group-id, else the creator's. */
static uint32_t new_gid(const struct inode *dir, const struct cred *cred)
{
	if (dir->mode & S_ISGID)
		return dir->gid;
	return cred ? cred->fsgid : 0;
}

/* ---- walking paths ---- */

/* One lookup's state: where it started, and the symlinks it has expanded so far. */
struct nameidata {
	const struct vfs_at *at;
	int links;		/* symlinks followed; ELOOP past VFS_SYMLOOP_MAX */
	char *buf;		/* the current expansion "target/rest", or NULL */
};

/* A walk's result: the directory holding the last component, and that component. */
struct walk_result {
	struct inode *dir;		/* referenced */
	char last[VFS_NAME_MAX + 1];	/* "" when the path names the start itself ("/") */
	size_t len;
	bool trailing_slash;		/* the path ended in "/": the result must be a directory */
};

static bool is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

static bool is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

/* ".." from cur (referenced; the reference is consumed): never above the caller's root. */
static struct inode *step_up(struct nameidata *nd, struct inode *cur)
{
	struct inode *up;

	while (cur != nd->at->root && cur->covered) {
		up = inode_get(cur->covered);
		inode_put(cur);
		cur = up;
	}
	if (cur == nd->at->root)
		return cur;
	up = inode_get(cur->parent);
	inode_put(cur);
	return up;
}

/* A lookup result continues in what is mounted on it, if anything. */
static struct inode *cross_mounts(struct inode *ino)
{
	while (ino->mounted) {
		struct inode *m = inode_get(ino->mounted);

		inode_put(ino);
		ino = m;
	}
	return ino;
}

/*
 * Look up one name in dir (which the caller holds): checks that dir is a searchable directory.
 * "." and ".." are handled here. Namespace lock held.
 */
static int lookup_one(struct nameidata *nd, struct inode *dir, const char *name, size_t len,
		      struct inode **out)
{
	int err;

	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	err = vfs_permission(dir, nd->at->cred, MAY_EXEC);
	if (err)
		return err;
	if (len == 0 || is_dot(name, len)) {
		*out = inode_get(dir);
		return 0;
	}
	if (is_dotdot(name, len)) {
		*out = step_up(nd, inode_get(dir));
		return 0;
	}
	if (!dir->iops || !dir->iops->lookup)
		return -ENOENT;
	err = dir->iops->lookup(dir, name, len, out);
	if (err)
		return err;
	*out = cross_mounts(*out);
	return 0;
}

/*
 * Replace the walk's remaining path by "target/rest" where target is link's contents. Sets
 * *path to the new string (in nd->buf). Counts the link: -ELOOP after too many.
 */
static int expand_link(struct nameidata *nd, struct inode *link, const char *rest,
		       const char **path)
{
	size_t restlen = rest ? strlen(rest) : 0;
	char *buf;
	long n;

	if (++nd->links > VFS_SYMLOOP_MAX)
		return -ELOOP;
	if (!link->iops || !link->iops->readlink)
		return -EINVAL;
	buf = kmalloc(VFS_PATH_MAX);
	if (!buf)
		return -ENOMEM;
	n = link->iops->readlink(link, buf, VFS_PATH_MAX);
	if (n < 0 || n == 0) {
		kfree(buf);
		return n < 0 ? (int)n : -ENOENT;
	}
	if ((size_t)n + 1 + restlen + 1 > VFS_PATH_MAX) {
		kfree(buf);
		return -ENAMETOOLONG;
	}
	if (restlen) {
		buf[n] = '/';
		memcpy(buf + n + 1, rest, restlen + 1);
	} else {
		buf[n] = '\0';
	}
	kfree(nd->buf);		/* rest pointed into it: copied above */
	nd->buf = buf;
	*path = buf;
	return 0;
}

/*
 * Walk every component of path but the last, from start (referenced by the caller; not
 * consumed). Fills r with the directory (referenced) and the last component. Namespace lock held.
 */
static int walk_parent(struct nameidata *nd, struct inode *start, const char *path,
		       struct walk_result *r)
{
	struct inode *cur;
	int err;

	if (path[0] == '\0')
		return -ENOENT;
	cur = inode_get(path[0] == '/' ? nd->at->root : start);
	for (;;) {
		const char *name, *end;
		struct inode *next;
		size_t len;

		while (*path == '/')
			path++;
		name = path;
		end = strchr(name, '/');
		if (!end)
			end = name + strlen(name);
		len = (size_t)(end - name);
		if (len > VFS_NAME_MAX) {
			err = -ENAMETOOLONG;
			goto bad;
		}
		path = end;
		while (*path == '/')
			path++;
		if (*path == '\0') {
			/* name is the last component (len 0 only for "/" itself) */
			memcpy(r->last, name, len);
			r->last[len] = '\0';
			r->len = len;
			r->trailing_slash = *end == '/';
			r->dir = cur;
			return 0;
		}
		err = lookup_one(nd, cur, name, len, &next);
		if (err)
			goto bad;
		if (S_ISLNK(next->mode)) {
			err = expand_link(nd, next, path, &path);
			if (err) {
				inode_put(next);
				goto bad;
			}
			if (path[0] == '/') {
				inode_put(cur);
				cur = inode_get(nd->at->root);
			}
			inode_put(next);
			continue;
		}
		if (!S_ISDIR(next->mode)) {
			inode_put(next);
			err = -ENOTDIR;
			goto bad;
		}
		inode_put(cur);
		cur = next;
	}
bad:
	inode_put(cur);
	return err;
}

/*
 * The inode the last component of r names, following a final symlink when `follow` (or a
 * trailing slash) says so; the walk restarts from the link's directory. Consumes r->dir.
 * Namespace lock held.
 */
static int walk_last(struct nameidata *nd, struct walk_result *r, bool follow,
		     struct inode **out)
{
	for (;;) {
		struct inode *ino;
		const char *path;
		int err;

		err = lookup_one(nd, r->dir, r->last, r->len, &ino);
		if (err) {
			inode_put(r->dir);
			return err;
		}
		if (!S_ISLNK(ino->mode) || !(follow || r->trailing_slash)) {
			inode_put(r->dir);
			if (r->trailing_slash && !S_ISDIR(ino->mode)) {
				inode_put(ino);
				return -ENOTDIR;
			}
			*out = ino;
			return 0;
		}
		bool slash = r->trailing_slash;
		struct inode *dir = r->dir;

		err = expand_link(nd, ino, slash ? "." : NULL, &path);
		inode_put(ino);
		if (!err)
			err = walk_parent(nd, dir, path, r);
		inode_put(dir);
		if (err)
			return err;
	}
}

static void nd_init(struct nameidata *nd, const struct vfs_at *at)
{
	nd->at = at;
	nd->links = 0;
	nd->buf = NULL;
}

static void nd_done(struct nameidata *nd)
{
	kfree(nd->buf);
	nd->buf = NULL;
}

/* Paths from the kernel: check the length the way strncpy_from_user does for user paths. */
static int check_path(const char *path)
{
	if (strnlen(path, VFS_PATH_MAX) >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	return 0;
}

/* vfs_lookup with the namespace lock already held. */
static int lookup_locked(struct nameidata *nd, const char *path, unsigned flags,
			 struct inode **out)
{
	struct walk_result r;
	int err;

	if (path[0] == '\0') {
		if (!(flags & LOOKUP_EMPTY))
			return -ENOENT;
		*out = inode_get(nd->at->dir);
		return 0;
	}
	err = walk_parent(nd, nd->at->dir, path, &r);
	if (err)
		return err;
	err = walk_last(nd, &r, flags & LOOKUP_FOLLOW, out);
	if (err)
		return err;
	if ((flags & LOOKUP_DIRECTORY) && !S_ISDIR((*out)->mode)) {
		inode_put(*out);
		return -ENOTDIR;
	}
	return 0;
}

int vfs_lookup(const struct vfs_at *at, const char *path, unsigned flags, struct inode **out)
{
	struct nameidata nd;
	int err = check_path(path);

	if (err)
		return err;
	nd_init(&nd, at);
	vfs_namespace_lock();
	err = lookup_locked(&nd, path, flags, out);
	vfs_namespace_unlock();
	nd_done(&nd);
	return err;
}

/*
 * Walk to the parent of path's last component for an operation that creates or removes a
 * name: r->dir must be a directory the caller may write and search. Namespace lock held.
 */
static int walk_for_change(struct nameidata *nd, const char *path, struct walk_result *r)
{
	int err = check_path(path);

	if (err)
		return err;
	err = walk_parent(nd, nd->at->dir, path, r);
	if (err)
		return err;
	if (!S_ISDIR(r->dir->mode)) {
		inode_put(r->dir);
		return -ENOTDIR;
	}
	return 0;
}

/* Is the last component one that cannot be created or removed ("", ".", "..")? */
static bool special_last(const struct walk_result *r)
{
	return r->len == 0 || is_dot(r->last, r->len) || is_dotdot(r->last, r->len);
}

/* Create the last component of r as a new inode. Namespace lock held. */
static int create_in(struct nameidata *nd, struct walk_result *r, uint32_t mode, uint64_t rdev,
		     const char *target, struct inode **out)
{
	const struct cred *cred = nd->at->cred;
	struct inode *dir = r->dir;
	int err;

	err = vfs_permission(dir, cred, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (target) {
		if (!dir->iops || !dir->iops->symlink)
			return -EPERM;
		return dir->iops->symlink(dir, r->last, r->len, target, cred_fsuid(cred),
					  new_gid(dir, cred), out);
	}
	if (!dir->iops || !dir->iops->create)
		return -EPERM;
	if (S_ISDIR(mode) && (dir->mode & S_ISGID))
		mode |= S_ISGID;	/* directories inherit set-group-id */
	return dir->iops->create(dir, r->last, r->len, mode, rdev, cred_fsuid(cred),
				 new_gid(dir, cred), out);
}

/* ---- open ---- */

static const struct file_ops no_fops;

/* The file_ops opening ino gives: the file system's, or the device driver's. */
static int ops_for(struct inode *ino, int flags, const struct file_ops **ops)
{
	if (flags & O_PATH) {
		*ops = &no_fops;
		return 0;
	}
	switch (ino->mode & S_IFMT) {
	case S_IFREG:
	case S_IFDIR:
		*ops = ino->fops;
		return 0;
	case S_IFCHR:
		*ops = chrdev_lookup(ino->rdev);
		return *ops ? 0 : -ENXIO;
	case S_IFLNK:
		return -ELOOP;
	default:
		return -ENXIO;		/* block devices, named fifos, sockets */
	}
}

/* May cred open ino with these flags? (O_PATH needs nothing.) */
static int may_open(struct inode *ino, const struct cred *cred, int flags)
{
	int acc = flags & O_ACCMODE, mask = 0;

	if (flags & O_PATH)
		return 0;
	if (S_ISDIR(ino->mode) && (acc != O_RDONLY || (flags & (O_TRUNC | O_CREAT))))
		return -EISDIR;
	if (acc == O_RDONLY || acc == O_RDWR || acc == O_ACCMODE)
		mask |= MAY_READ;
	if (acc == O_WRONLY || acc == O_RDWR || acc == O_ACCMODE || (flags & O_TRUNC))
		mask |= MAY_WRITE;
	return vfs_permission(ino, cred, mask);
}

struct file *vfs_open_inode(struct inode *ino, int flags)
{
	const struct file_ops *ops;
	struct file *f;
	unsigned keep;
	int err;

	err = ops_for(ino, flags, &ops);
	if (err)
		return ERR_PTR(err);
	keep = (unsigned)flags & (O_ACCMODE | O_APPEND | O_NONBLOCK | O_DIRECTORY | O_NOFOLLOW |
				  O_PATH | O_NOATIME | O_DSYNC | O_SYNC | O_ASYNC | O_DIRECT);
	f = file_alloc(inode_get(ino), ops, keep | O_LARGEFILE, NULL);
	if (IS_ERR(f)) {
		inode_put(ino);
		return f;
	}
	if (ops->open) {
		err = ops->open(ino, f);
		if (err) {
			f->ops = &no_fops;	/* never opened: nothing to release */
			file_put(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

/* O_CREAT: find or make the last component, following symlinks unless O_EXCL/O_NOFOLLOW. */
static int open_create(struct nameidata *nd, const char *path, int flags, uint32_t mode,
		       struct inode **out, bool *created)
{
	struct walk_result r;
	int err;

	err = walk_for_change(nd, path, &r);
	if (err)
		return err;
	for (;;) {
		struct inode *ino;
		struct inode *dir;
		const char *target;

		if (r.trailing_slash || special_last(&r)) {
			/* "dir/" or "." with O_CREAT: an existing directory is EISDIR */
			err = walk_last(nd, &r, true, &ino);
			if (err)
				return err == -ENOENT ? -EISDIR : err;
			inode_put(ino);
			return -EISDIR;
		}
		err = lookup_one(nd, r.dir, r.last, r.len, &ino);
		if (err == -ENOENT) {
			err = create_in(nd, &r, S_IFREG | (mode & 07777), 0, NULL, out);
			inode_put(r.dir);
			*created = !err;
			return err;
		}
		if (err) {
			inode_put(r.dir);
			return err;
		}
		if (flags & O_EXCL) {
			inode_put(ino);
			inode_put(r.dir);
			return -EEXIST;
		}
		if (!S_ISLNK(ino->mode)) {
			inode_put(r.dir);
			*out = ino;
			return 0;
		}
		if (flags & O_NOFOLLOW) {
			inode_put(ino);
			inode_put(r.dir);
			return -ELOOP;
		}
		dir = r.dir;
		err = expand_link(nd, ino, NULL, &target);
		inode_put(ino);
		if (!err)
			err = walk_parent(nd, dir, target, &r);
		inode_put(dir);
		if (err)
			return err;
	}
}

struct file *vfs_open(const struct vfs_at *at, const char *path, int flags, uint32_t mode)
{
	struct nameidata nd;
	struct inode *ino = NULL;
	struct file *f;
	bool created = false;
	int err;

	if ((flags & O_TMPFILE) == O_TMPFILE)
		return ERR_PTR(-EOPNOTSUPP);
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	err = check_path(path);
	if (err)
		return ERR_PTR(err);
	nd_init(&nd, at);
	vfs_namespace_lock();
	if (flags & O_CREAT) {
		err = open_create(&nd, path, flags, mode, &ino, &created);
	} else {
		unsigned lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;

		err = lookup_locked(&nd, path, lf, &ino);
		if (!err && S_ISLNK(ino->mode) && !(flags & O_PATH))
			err = -ELOOP;
	}
	vfs_namespace_unlock();
	nd_done(&nd);
	if (err)
		goto bad;
	if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode)) {
		err = -ENOTDIR;
		goto bad;
	}
	if (!created) {
		err = may_open(ino, at->cred, flags);
		if (err)
			goto bad;
	}
	if ((flags & O_TRUNC) && !(flags & O_PATH) && S_ISREG(ino->mode) && ino->size) {
		err = vfs_truncate(ino, 0);
		if (err)
			goto bad;
	}
	f = vfs_open_inode(ino, flags);
	inode_put(ino);
	return f;
bad:
	inode_put(ino);
	return ERR_PTR(err);
}

/* ---- creating and removing names ---- */

/* Make a node of any type but symlink at path; the body of mknod and mkdir. */
static int make_at(const struct vfs_at *at, const char *path, uint32_t mode, uint64_t rdev,
		   const char *target)
{
	struct nameidata nd;
	struct walk_result r;
	struct inode *ino;
	int err;

	nd_init(&nd, at);
	vfs_namespace_lock();
	err = walk_for_change(&nd, path, &r);
	if (err)
		goto out;
	if (special_last(&r)) {
		err = -EEXIST;
	} else if (r.trailing_slash && !S_ISDIR(mode)) {
		/* "name/" can only become a directory; an existing name is still EEXIST */
		struct inode *dir = inode_get(r.dir);

		err = walk_last(&nd, &r, false, &ino) == 0 ? -EEXIST : -ENOENT;
		if (err == -EEXIST)
			inode_put(ino);
		inode_put(dir);
		goto out;
	} else {
		err = create_in(&nd, &r, mode, rdev, target, &ino);
		if (!err)
			inode_put(ino);
	}
	inode_put(r.dir);
out:
	vfs_namespace_unlock();
	nd_done(&nd);
	return err;
}

int vfs_mknod(const struct vfs_at *at, const char *path, uint32_t mode, uint64_t rdev)
{
	uint32_t type = mode & S_IFMT;

	if (type == 0)
		type = S_IFREG;
	if (type == S_IFDIR || type == S_IFLNK)
		return -EINVAL;
	if ((type == S_IFCHR || type == S_IFBLK) && at->cred && at->cred->fsuid != 0)
		return -EPERM;
	return make_at(at, path, type | (mode & 07777), rdev, NULL);
}

int vfs_mkdir(const struct vfs_at *at, const char *path, uint32_t mode)
{
	return make_at(at, path, S_IFDIR | (mode & 07777), 0, NULL);
}

int vfs_symlink(const char *target, const struct vfs_at *at, const char *path)
{
	if (target[0] == '\0')
		return -ENOENT;
	if (check_path(target))
		return -ENAMETOOLONG;
	return make_at(at, path, S_IFLNK | 0777, 0, target);
}

int vfs_link(const struct vfs_at *oat, const char *opath, const struct vfs_at *nat,
	     const char *npath, unsigned lookup_flags)
{
	struct nameidata ond, nnd;
	struct walk_result r;
	struct inode *old = NULL;
	int err;

	nd_init(&ond, oat);
	nd_init(&nnd, nat);
	vfs_namespace_lock();
	err = check_path(opath);
	if (!err)
		err = lookup_locked(&ond, opath, lookup_flags, &old);
	if (err)
		goto out;
	if (S_ISDIR(old->mode)) {
		err = -EPERM;
		goto out;
	}
	err = walk_for_change(&nnd, npath, &r);
	if (err)
		goto out;
	if (special_last(&r)) {
		err = -EEXIST;
	} else if (r.trailing_slash) {
		err = -ENOENT;
	} else if (r.dir->dev != old->dev) {
		err = -EXDEV;
	} else if (!(err = vfs_permission(r.dir, nat->cred, MAY_WRITE | MAY_EXEC))) {
		err = r.dir->iops && r.dir->iops->link ?
			      r.dir->iops->link(r.dir, r.last, r.len, old) : -EPERM;
	}
	inode_put(r.dir);
out:
	vfs_namespace_unlock();
	inode_put(old);
	nd_done(&ond);
	nd_done(&nnd);
	return err;
}

/* unlink and rmdir: remove the last component of path if it is (not) a directory. */
static int remove_at(const struct vfs_at *at, const char *path, bool dir_wanted)
{
	struct nameidata nd;
	struct walk_result r;
	struct inode *victim = NULL;
	int err;

	nd_init(&nd, at);
	vfs_namespace_lock();
	err = walk_for_change(&nd, path, &r);
	if (err)
		goto out;
	if (special_last(&r)) {
		if (!dir_wanted)
			err = -EISDIR;
		else if (r.len == 0)
			err = -EBUSY;
		else
			err = is_dot(r.last, r.len) ? -EINVAL : -ENOTEMPTY;
		goto put_dir;
	}
	err = lookup_one(&nd, r.dir, r.last, r.len, &victim);
	if (err)
		goto put_dir;
	if (!dir_wanted && S_ISDIR(victim->mode))
		err = -EISDIR;
	else if (dir_wanted && !S_ISDIR(victim->mode))
		err = -ENOTDIR;
	else if (r.trailing_slash && !S_ISDIR(victim->mode))
		err = -ENOTDIR;
	else if (victim->covered || victim == at->root)
		err = -EBUSY;		/* a mount point (we see the mounted root) or our root */
	else
		err = may_delete(r.dir, victim, at->cred);
	if (!err) {
		const struct inode_ops *ops = r.dir->iops;

		if (dir_wanted)
			err = ops && ops->rmdir ? ops->rmdir(r.dir, r.last, r.len) : -EPERM;
		else
			err = ops && ops->unlink ? ops->unlink(r.dir, r.last, r.len) : -EPERM;
	}
put_dir:
	inode_put(r.dir);
out:
	vfs_namespace_unlock();
	inode_put(victim);
	nd_done(&nd);
	return err;
}

int vfs_unlink(const struct vfs_at *at, const char *path)
{
	return remove_at(at, path, false);
}

int vfs_rmdir(const struct vfs_at *at, const char *path)
{
	return remove_at(at, path, true);
}

/* Is ino dir itself or somewhere below it? (Walks ".." pointers.) Namespace lock held. */
static bool is_below(struct inode *ino, struct inode *dir)
{
	for (;;) {
		if (ino == dir)
			return true;
		if (ino->covered)
			ino = ino->covered;
		if (ino->parent == ino)
			return false;
		ino = ino->parent;
	}
}

/* The checks of rename(2) that need both inodes; 0 when the file system may go ahead. */
static int rename_checks(const struct vfs_at *oat, struct walk_result *o, struct inode *src,
			 struct walk_result *n, struct inode *dst, unsigned flags)
{
	int err;

	if ((o->trailing_slash || n->trailing_slash) && !S_ISDIR(src->mode))
		return -ENOTDIR;
	if (o->dir->dev != n->dir->dev)
		return -EXDEV;
	if (S_ISDIR(src->mode) && is_below(n->dir, src))
		return -EINVAL;		/* a directory into its own subtree */
	if (dst && (flags & RENAME_EXCHANGE) && S_ISDIR(dst->mode) && is_below(o->dir, dst))
		return -EINVAL;
	if (dst && dst != src && S_ISDIR(dst->mode) && is_below(o->dir, dst))
		return -ENOTEMPTY;	/* replacing an ancestor of the source */
	if (src->covered || (dst && dst->covered))
		return -EBUSY;
	err = may_delete(o->dir, src, oat->cred);
	if (!err && dst)
		err = may_delete(n->dir, dst, oat->cred);
	if (!err)
		err = vfs_permission(n->dir, oat->cred, MAY_WRITE | MAY_EXEC);
	/* a directory that changes parents rewrites its "..": needs write permission on it */
	if (!err && S_ISDIR(src->mode) && o->dir != n->dir)
		err = vfs_permission(src, oat->cred, MAY_WRITE);
	return err;
}

int vfs_rename(const struct vfs_at *oat, const char *opath, const struct vfs_at *nat,
	       const char *npath, unsigned flags)
{
	struct nameidata ond, nnd;
	struct walk_result o, n;
	struct inode *src = NULL, *dst = NULL;
	int err;

	if (flags & ~(unsigned)(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	nd_init(&ond, oat);
	nd_init(&nnd, nat);
	vfs_namespace_lock();
	err = walk_for_change(&ond, opath, &o);
	if (err)
		goto out;
	err = walk_for_change(&nnd, npath, &n);
	if (err)
		goto put_o;
	if (special_last(&o) || special_last(&n)) {
		err = -EBUSY;
		goto put_n;
	}
	err = lookup_one(&ond, o.dir, o.last, o.len, &src);
	if (err)
		goto put_n;
	err = lookup_one(&nnd, n.dir, n.last, n.len, &dst);
	if (err == -ENOENT && !(flags & RENAME_EXCHANGE))
		err = 0, dst = NULL;
	if (err)
		goto put_n;
	err = rename_checks(oat, &o, src, &n, dst, flags);
	if (!err)
		err = o.dir->iops && o.dir->iops->rename ?
			      o.dir->iops->rename(o.dir, o.last, o.len, n.dir, n.last, n.len,
						  flags) : -EPERM;
put_n:
	inode_put(n.dir);
put_o:
	inode_put(o.dir);
out:
	vfs_namespace_unlock();
	inode_put(src);
	inode_put(dst);
	nd_done(&ond);
	nd_done(&nnd);
	return err;
}

long vfs_readlink(const struct vfs_at *at, const char *path, char *buf, size_t size)
{
	struct inode *ino;
	long n;
	int err;

	err = vfs_lookup(at, path, LOOKUP_EMPTY, &ino);
	if (err)
		return err;
	if (!S_ISLNK(ino->mode) || !ino->iops || !ino->iops->readlink) {
		inode_put(ino);
		return -EINVAL;
	}
	vfs_namespace_lock();
	n = ino->iops->readlink(ino, buf, size);
	vfs_namespace_unlock();
	ino->atime = vfs_now();
	inode_put(ino);
	return n;
}

/* ---- metadata ---- */

static bool owner_or_root(const struct inode *ino, const struct cred *cred)
{
	return !cred || cred->fsuid == 0 || cred->fsuid == ino->uid;
}

int vfs_chmod(struct inode *ino, const struct cred *cred, uint32_t mode)
{
	if (!owner_or_root(ino, cred))
		return -EPERM;
	mode &= 07777;
	/* set-group-id needs membership of the group (Linux clears it silently) */
	if (cred && cred->fsuid != 0 && !in_group(cred, ino->gid))
		mode &= ~(uint32_t)S_ISGID;
	vfs_mutex_lock(&ino->lock);
	ino->mode = (ino->mode & S_IFMT) | mode;
	ino->ctime = vfs_now();
	vfs_mutex_unlock(&ino->lock);
	return 0;
}

int vfs_chown(struct inode *ino, const struct cred *cred, uint32_t uid, uint32_t gid)
{
	bool root = !cred || cred->fsuid == 0;

	/* Linux's chown_ok/chgrp_ok: the owner may "change" the uid to itself, the gid to a group
	 * it is in; anything else needs uid 0. */
	if (!root && uid != (uint32_t)-1 && (cred->fsuid != ino->uid || uid != ino->uid))
		return -EPERM;
	if (!root && gid != (uint32_t)-1 &&
	    (cred->fsuid != ino->uid || (gid != ino->gid && !in_group(cred, gid))))
		return -EPERM;
	if (uid == (uint32_t)-1 && gid == (uint32_t)-1)
		return 0;
	vfs_mutex_lock(&ino->lock);
	if (uid != (uint32_t)-1)
		ino->uid = uid;
	if (gid != (uint32_t)-1)
		ino->gid = gid;
	/* a change of owner drops set-user-id, and set-group-id when it means "execute" */
	if (!S_ISDIR(ino->mode)) {
		ino->mode &= ~(uint32_t)S_ISUID;
		if (ino->mode & S_IXGRP)
			ino->mode &= ~(uint32_t)S_ISGID;
	}
	ino->ctime = vfs_now();
	vfs_mutex_unlock(&ino->lock);
	return 0;
}

int vfs_truncate(struct inode *ino, uint64_t size)
{
	int err;

	if (S_ISDIR(ino->mode))
		return -EISDIR;
	if (!S_ISREG(ino->mode) || !ino->iops || !ino->iops->truncate)
		return -EINVAL;
	if (size > (uint64_t)INT64_MAX)
		return -EINVAL;
	vfs_mutex_lock(&ino->lock);
	err = ino->iops->truncate(ino, size);
	vfs_mutex_unlock(&ino->lock);
	return err;
}

static struct linux_timespec ts(struct vfs_time t)
{
	return (struct linux_timespec){ .tv_sec = t.sec, .tv_nsec = t.nsec };
}

static struct linux_statx_timestamp stx_ts(struct vfs_time t)
{
	return (struct linux_statx_timestamp){ .tv_sec = t.sec, .tv_nsec = t.nsec };
}

void vfs_fill_stat(struct inode *ino, struct linux_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = ino->dev;
	st->st_ino = ino->ino;
	st->st_nlink = ino->nlink;
	st->st_mode = ino->mode;
	st->st_uid = ino->uid;
	st->st_gid = ino->gid;
	st->st_rdev = ino->rdev;
	st->st_size = (int64_t)ino->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)ino->blocks;
	st->st_atim = ts(ino->atime);
	st->st_mtim = ts(ino->mtime);
	st->st_ctim = ts(ino->ctime);
}

void vfs_fill_statx(struct inode *ino, struct linux_statx *stx)
{
	memset(stx, 0, sizeof(*stx));
	stx->stx_mask = STATX_BASIC_STATS | STATX_BTIME;
	stx->stx_blksize = 4096;
	stx->stx_nlink = ino->nlink;
	stx->stx_uid = ino->uid;
	stx->stx_gid = ino->gid;
	stx->stx_mode = (uint16_t)ino->mode;
	stx->stx_ino = ino->ino;
	stx->stx_size = ino->size;
	stx->stx_blocks = ino->blocks;
	stx->stx_atime = stx_ts(ino->atime);
	stx->stx_btime = stx_ts(ino->btime);
	stx->stx_ctime = stx_ts(ino->ctime);
	stx->stx_mtime = stx_ts(ino->mtime);
	stx->stx_rdev_major = vfs_major(ino->rdev);
	stx->stx_rdev_minor = vfs_minor(ino->rdev);
	stx->stx_dev_major = vfs_major(ino->dev);
	stx->stx_dev_minor = vfs_minor(ino->dev);
}

/* ---- the path of a directory (getcwd) ---- */

struct name_search {
	struct dir_context ctx;
	uint64_t ino;		/* looking for this inode number */
	char *name;		/* VFS_NAME_MAX + 1 bytes */
	bool found;
};

static bool match_ino(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
		      unsigned dtype, int64_t next)
{
	struct name_search *s = (struct name_search *)ctx;

	(void)dtype, (void)next;
	if (ino != s->ino || is_dot(name, len) || is_dotdot(name, len))
		return true;
	memcpy(s->name, name, len);
	s->name[len] = '\0';
	s->found = true;
	return false;
}

/* The name of child in dir, found by listing dir. 0 or -ENOENT. */
static int name_in(struct inode *dir, struct inode *child, char *name)
{
	struct name_search s = { .ctx = { .emit = match_ino, .pos = 0 }, .ino = child->ino,
				 .name = name, .found = false };
	struct file f = { .magic = FILE_MAGIC, .inode = dir, .ops = dir->fops };

	if (!dir->fops || !dir->fops->iterate)
		return -ENOENT;
	dir->fops->iterate(&f, &s.ctx);
	return s.found ? 0 : -ENOENT;
}

long vfs_path_of(struct inode *root, struct inode *dir, char *buf, size_t size)
{
	char *name = kmalloc(VFS_NAME_MAX + 1);
	struct inode *cur = inode_get(dir);
	size_t end = size;	/* the path is built backwards from the end of buf */
	long ret;

	if (!name) {
		ret = -ENOMEM;
		goto out;
	}
	if (size == 0) {
		ret = -ERANGE;
		goto out;
	}
	buf[--end] = '\0';
	if (__atomic_load_n(&dir->nlink, __ATOMIC_SEQ_CST) == 0) {
		ret = -ENOENT;
		goto out;
	}
	for (;;) {
		struct inode *parent;
		size_t len;
		int err;

		vfs_namespace_lock();
		while (cur != root && cur->covered) {
			struct inode *c = inode_get(cur->covered);

			inode_put(cur);
			cur = c;
		}
		parent = cur == root || cur->parent == cur ? NULL : inode_get(cur->parent);
		vfs_namespace_unlock();
		if (!parent)
			break;
		err = name_in(parent, cur, name);
		inode_put(cur);
		cur = parent;
		if (err) {
			ret = err;
			goto out;
		}
		len = strlen(name);
		if (len + 1 > end) {
			ret = -ERANGE;
			goto out;
		}
		end -= len;
		memcpy(buf + end, name, len);
		buf[--end] = '/';
	}
	if (end == size - 1) {		/* dir is the root itself */
		if (end == 0) {
			ret = -ERANGE;
			goto out;
		}
		buf[--end] = '/';
	}
	memmove(buf, buf + end, size - end);
	ret = (long)(size - end);
out:
	inode_put(cur);
	kfree(name);
	return ret;
}

/* ---- mounts ---- */

int vfs_mount(const char *path, struct inode *root)
{
	struct vfs_at at = { .root = root_inode, .dir = root_inode, .cred = NULL };
	struct inode *dir;
	int err;

	err = vfs_lookup(&at, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
	if (err)
		return err;
	vfs_namespace_lock();
	if (dir->mounted || dir->covered || !S_ISDIR(root->mode)) {
		err = dir->mounted || dir->covered ? -EBUSY : -EINVAL;
		vfs_namespace_unlock();
		inode_put(dir);
		return err;
	}
	dir->mounted = inode_get(root);
	root->covered = dir;		/* keeps the lookup's reference */
	if (root->parent == NULL)
		root->parent = root;
	vfs_namespace_unlock();
	return 0;
}

/* ---- boot ---- */

void vfs_init(void)
{
	if (root_inode)
		return;
	root_inode = tmpfs_create_root();
	if (!root_inode)
		panic("vfs: no memory for the root file system");
	dev_init();
	initrd_unpack_modules();
}
