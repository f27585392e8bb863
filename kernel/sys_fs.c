/*
 * sys_fs.c - the system calls that take path names: open, stat, mkdir, unlink, rename, symlink,
 * link, readlink, access, chmod, chown, truncate, utimensat, chdir, chroot, getcwd, umask.
 *
 * Every path is copied into the kernel first (at most PATH_MAX bytes with the NUL, else
 * ENAMETOOLONG), then resolved from where the call says: the root for "/...", else the cwd or,
 * for the *at() forms, the directory open at dirfd (vfs_at_begin). The old calls are the *at()
 * calls with AT_FDCWD, exactly as in Linux. The work itself is in vfs.c; this file only
 * translates arguments, applies the umask and copies results out.
 */
#include "file.h"
#include "vfs.h"

#include "err.h"
#include "kernel.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "uapi/time.h"

/* A user path copied into a new kernel buffer (kfree it): 0 or -EFAULT/-ENAMETOOLONG/-ENOMEM. */
static int get_path(const char __user *upath, char **out)
{
	char *buf = kmalloc(VFS_PATH_MAX);
	long n;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, upath, VFS_PATH_MAX);
	if (n < 0) {
		kfree(buf);
		return (int)n;
	}
	*out = buf;
	return 0;
}

/* Resolve a user path from dirfd: the inode (referenced) with lookup flags. */
static int user_lookup(int dirfd, const char __user *upath, unsigned flags, struct inode **out)
{
	struct vfs_at at;
	char *path = NULL;
	int err = get_path(upath, &path);

	if (err)
		return err;
	err = vfs_at_begin(&at, dirfd, path, flags & LOOKUP_EMPTY);
	if (!err) {
		err = vfs_lookup(&at, path, flags, out);
		vfs_at_end(&at);
	}
	kfree(path);
	return err;
}

static uint32_t current_umask(void)
{
	struct fs_context *fs = current_proc()->fs;
	uint32_t mask;

	spin_lock(&fs->lock);
	mask = fs->umask;
	spin_unlock(&fs->lock);
	return mask;
}

/* ---- open ---- */

long sys_openat(int dirfd, const char __user *upath, int flags, uint32_t mode)
{
	struct vfs_at at;
	struct file *f;
	char *path = NULL;
	int err, fd;

	err = get_path(upath, &path);
	if (err)
		return err;
	err = vfs_at_begin(&at, dirfd, path, false);
	if (err) {
		kfree(path);
		return err;
	}
	if (flags & O_CREAT)
		mode = mode & 07777 & ~current_umask();
	f = vfs_open(&at, path, flags, mode);
	vfs_at_end(&at);
	kfree(path);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install(f, (unsigned)flags);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_open(const char __user *path, int flags, uint32_t mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

long sys_creat(const char __user *path, uint32_t mode)
{
	return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* ---- stat ---- */

/* The lookup flags for an *at() call's AT_* flags, or -EINVAL for bits it does not take. */
static int at_flags(int flags, int allowed, unsigned follow_by_default)
{
	unsigned lf = follow_by_default;

	if (flags & ~allowed)
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lf &= ~(unsigned)LOOKUP_FOLLOW;
	if (flags & AT_SYMLINK_FOLLOW)
		lf |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lf |= LOOKUP_EMPTY;
	return (int)lf;
}

long sys_newfstatat(int dirfd, const char __user *path, struct linux_stat __user *ust, int flags)
{
	int lf = at_flags(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT,
			  LOOKUP_FOLLOW);
	struct linux_stat st;
	struct inode *ino;
	int err;

	if (lf < 0)
		return lf;
	err = user_lookup(dirfd, path, (unsigned)lf, &ino);
	if (err)
		return err;
	vfs_fill_stat(ino, &st);
	inode_put(ino);
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_stat(const char __user *path, struct linux_stat __user *st)
{
	return sys_newfstatat(AT_FDCWD, path, st, 0);
}

long sys_lstat(const char __user *path, struct linux_stat __user *st)
{
	return sys_newfstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

long sys_statx(int dirfd, const char __user *path, int flags, unsigned mask,
	       struct linux_statx __user *ubuf)
{
	int lf = at_flags(flags & ~(AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC),
			  AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT, LOOKUP_FOLLOW);
	struct linux_statx stx;
	struct inode *ino;
	int err;

	if (lf < 0 || (flags & AT_STATX_FORCE_SYNC && flags & AT_STATX_DONT_SYNC))
		return -EINVAL;
	if (mask & 0x80000000u)		/* STATX__RESERVED */
		return -EINVAL;
	err = user_lookup(dirfd, path, (unsigned)lf, &ino);
	if (err)
		return err;
	vfs_fill_statx(ino, &stx);
	inode_put(ino);
	return copy_to_user(ubuf, &stx, sizeof(stx)) ? -EFAULT : 0;
}

/* ---- readlink, access ---- */

long sys_readlinkat(int dirfd, const char __user *upath, char __user *ubuf, int size)
{
	struct vfs_at at;
	char *path = NULL, *buf;
	long n;
	int err;

	if (size <= 0)
		return -EINVAL;
	err = get_path(upath, &path);
	if (err)
		return err;
	buf = kmalloc(VFS_PATH_MAX);
	err = buf ? vfs_at_begin(&at, dirfd, path, true) : -ENOMEM;
	if (err) {
		kfree(buf);
		kfree(path);
		return err;
	}
	n = vfs_readlink(&at, path, buf, MIN((size_t)size, (size_t)VFS_PATH_MAX));
	vfs_at_end(&at);
	if (n > 0 && copy_to_user(ubuf, buf, (size_t)n))
		n = -EFAULT;
	kfree(buf);
	kfree(path);
	return n;
}

long sys_readlink(const char __user *path, char __user *buf, int size)
{
	return sys_readlinkat(AT_FDCWD, path, buf, size);
}

/*
 * access(2) asks with the real uid and gid (the question a set-user-id program asks on behalf of
 * its caller), unless AT_EACCESS asks for the effective ones.
 */
long sys_faccessat2(int dirfd, const char __user *upath, int mode, int flags)
{
	struct proc *p = current_proc();
	struct cred c = p->cred;
	struct vfs_at at;
	struct inode *ino;
	char *path = NULL;
	int lf, err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	lf = at_flags(flags, AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, LOOKUP_FOLLOW);
	if (lf < 0)
		return lf;
	if (!(flags & AT_EACCESS)) {
		c.fsuid = c.uid;
		c.fsgid = c.gid;
	}
	err = get_path(upath, &path);
	if (err)
		return err;
	err = vfs_at_begin(&at, dirfd, path, lf & LOOKUP_EMPTY);
	if (!err) {
		at.cred = &c;
		err = vfs_lookup(&at, path, (unsigned)lf, &ino);
		vfs_at_end(&at);
		if (!err) {
			err = vfs_permission(ino, &c, mode);
			inode_put(ino);
		}
	}
	kfree(path);
	return err;
}

long sys_faccessat(int dirfd, const char __user *path, int mode)
{
	return sys_faccessat2(dirfd, path, mode, 0);
}

long sys_access(const char __user *path, int mode)
{
	return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

/* ---- directories: cwd, root ---- */

long sys_getcwd(char __user *ubuf, size_t size)
{
	struct fs_context *fs = current_proc()->fs;
	struct inode *root, *cwd;
	char *buf = kmalloc(VFS_PATH_MAX);
	long n;

	if (!buf)
		return -ENOMEM;
	spin_lock(&fs->lock);
	root = inode_get(fs->root);
	cwd = inode_get(fs->cwd);
	spin_unlock(&fs->lock);
	n = vfs_path_of(root, cwd, buf, MIN(size, (size_t)VFS_PATH_MAX));
	inode_put(root);
	inode_put(cwd);
	if (n > 0 && copy_to_user(ubuf, buf, (size_t)n))
		n = -EFAULT;
	kfree(buf);
	return n;
}

/* The directory at path, if the caller may enter it (chdir, chroot). */
static int enterable_dir(const char __user *path, struct inode **out)
{
	int err = user_lookup(AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, out);

	if (err)
		return err;
	err = vfs_permission(*out, &current_proc()->cred, MAY_EXEC);
	if (err)
		inode_put(*out);
	return err;
}

long sys_chdir(const char __user *path)
{
	struct inode *dir;
	int err = enterable_dir(path, &dir);

	if (!err)
		fs_context_set_cwd(current_proc()->fs, dir);
	return err;
}

long sys_chroot(const char __user *path)
{
	struct inode *dir;
	int err;

	if (current_proc()->cred.euid != 0)
		return -EPERM;		/* Linux: CAP_SYS_CHROOT */
	err = enterable_dir(path, &dir);
	if (!err)
		fs_context_set_root(current_proc()->fs, dir);
	return err;
}

long sys_umask(uint32_t mask)
{
	struct fs_context *fs = current_proc()->fs;
	uint32_t old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}

/* ---- creating and removing names ---- */

/* Run op(at, path) on a user path from dirfd: the shape of mkdirat, unlinkat, rmdir... */
static long path_op(int dirfd, const char __user *upath,
		    int (*op)(const struct vfs_at *at, const char *path, uint32_t arg),
		    uint32_t arg)
{
	struct vfs_at at;
	char *path = NULL;
	int err = get_path(upath, &path);

	if (err)
		return err;
	err = vfs_at_begin(&at, dirfd, path, false);
	if (!err) {
		err = op(&at, path, arg);
		vfs_at_end(&at);
	}
	kfree(path);
	return err;
}

static int op_mkdir(const struct vfs_at *at, const char *path, uint32_t mode)
{
	return vfs_mkdir(at, path, mode);
}

static int op_unlink(const struct vfs_at *at, const char *path, uint32_t unused)
{
	(void)unused;
	return vfs_unlink(at, path);
}

static int op_rmdir(const struct vfs_at *at, const char *path, uint32_t unused)
{
	(void)unused;
	return vfs_rmdir(at, path);
}

long sys_mkdirat(int dirfd, const char __user *path, uint32_t mode)
{
	return path_op(dirfd, path, op_mkdir, mode & (0777 | S_ISVTX) & ~current_umask());
}

long sys_mkdir(const char __user *path, uint32_t mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

long sys_unlinkat(int dirfd, const char __user *path, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return path_op(dirfd, path, flags & AT_REMOVEDIR ? op_rmdir : op_unlink, 0);
}

long sys_unlink(const char __user *path)
{
	return sys_unlinkat(AT_FDCWD, path, 0);
}

long sys_rmdir(const char __user *path)
{
	return sys_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

long sys_symlinkat(const char __user *utarget, int dirfd, const char __user *upath)
{
	struct vfs_at at;
	char *target = NULL, *path = NULL;
	int err = get_path(utarget, &target);

	if (err)
		return err;
	err = get_path(upath, &path);
	if (err) {
		kfree(target);
		return err;
	}
	err = vfs_at_begin(&at, dirfd, path, false);
	if (!err) {
		err = vfs_symlink(target, &at, path);
		vfs_at_end(&at);
	}
	kfree(path);
	kfree(target);
	return err;
}

long sys_symlink(const char __user *target, const char __user *path)
{
	return sys_symlinkat(target, AT_FDCWD, path);
}

/* The two-path calls (link, rename): both paths copied in and both starts resolved. */
struct two_paths {
	char *opath, *npath;
	struct vfs_at oat, nat;
};

static int two_paths_begin(struct two_paths *t, int odirfd, const char __user *uold, int ndirfd,
			   const char __user *unew, bool old_empty_ok)
{
	int err = get_path(uold, &t->opath);

	if (err)
		return err;
	err = get_path(unew, &t->npath);
	if (err)
		goto free_old;
	err = vfs_at_begin(&t->oat, odirfd, t->opath, old_empty_ok);
	if (err)
		goto free_new;
	err = vfs_at_begin(&t->nat, ndirfd, t->npath, false);
	if (err)
		goto end_old;
	return 0;

end_old:
	vfs_at_end(&t->oat);
free_new:
	kfree(t->npath);
free_old:
	kfree(t->opath);
	return err;
}

static void two_paths_end(struct two_paths *t)
{
	vfs_at_end(&t->oat);
	vfs_at_end(&t->nat);
	kfree(t->opath);
	kfree(t->npath);
}

long sys_linkat(int odirfd, const char __user *oldpath, int ndirfd, const char __user *newpath,
		int flags)
{
	int lf = at_flags(flags, AT_SYMLINK_FOLLOW | AT_EMPTY_PATH, 0);
	struct two_paths t;
	int err;

	if (lf < 0)
		return lf;
	err = two_paths_begin(&t, odirfd, oldpath, ndirfd, newpath, lf & LOOKUP_EMPTY);
	if (err)
		return err;
	err = vfs_link(&t.oat, t.opath, &t.nat, t.npath, (unsigned)lf);
	two_paths_end(&t);
	return err;
}

long sys_link(const char __user *oldpath, const char __user *newpath)
{
	return sys_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

long sys_renameat2(int odirfd, const char __user *oldpath, int ndirfd,
		   const char __user *newpath, unsigned flags)
{
	struct two_paths t;
	int err = two_paths_begin(&t, odirfd, oldpath, ndirfd, newpath, false);

	if (err)
		return err;
	err = vfs_rename(&t.oat, t.opath, &t.nat, t.npath, flags);
	two_paths_end(&t);
	return err;
}

long sys_renameat(int odirfd, const char __user *oldpath, int ndirfd, const char __user *newpath)
{
	return sys_renameat2(odirfd, oldpath, ndirfd, newpath, 0);
}

long sys_rename(const char __user *oldpath, const char __user *newpath)
{
	return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

/* ---- metadata ---- */

long sys_fchmodat(int dirfd, const char __user *path, uint32_t mode)
{
	struct inode *ino;
	int err = user_lookup(dirfd, path, LOOKUP_FOLLOW, &ino);

	if (err)
		return err;
	err = vfs_chmod(ino, &current_proc()->cred, mode);
	inode_put(ino);
	return err;
}

long sys_chmod(const char __user *path, uint32_t mode)
{
	return sys_fchmodat(AT_FDCWD, path, mode);
}

long sys_fchownat(int dirfd, const char __user *path, uint32_t uid, uint32_t gid, int flags)
{
	int lf = at_flags(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, LOOKUP_FOLLOW);
	struct inode *ino;
	int err;

	if (lf < 0)
		return lf;
	err = user_lookup(dirfd, path, (unsigned)lf, &ino);
	if (err)
		return err;
	err = vfs_chown(ino, &current_proc()->cred, uid, gid);
	inode_put(ino);
	return err;
}

long sys_chown(const char __user *path, uint32_t uid, uint32_t gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_lchown(const char __user *path, uint32_t uid, uint32_t gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_truncate(const char __user *path, int64_t length)
{
	struct inode *ino;
	int err;

	if (length < 0)
		return -EINVAL;
	err = user_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, &ino);
	if (err)
		return err;
	if (S_ISDIR(ino->mode))
		err = -EISDIR;
	else if (!S_ISREG(ino->mode))
		err = -EINVAL;
	else
		err = vfs_permission(ino, &current_proc()->cred, MAY_WRITE);
	if (!err)
		err = vfs_truncate(ino, (uint64_t)length);
	inode_put(ino);
	return err;
}

/* One utimensat time: UTIME_OMIT leaves it, UTIME_NOW takes now. -EINVAL for bad nanoseconds. */
static int set_time(struct vfs_time *t, const struct linux_timespec *ts, struct vfs_time now)
{
	if (ts->tv_nsec == UTIME_OMIT)
		return 0;
	if (ts->tv_nsec == UTIME_NOW) {
		*t = now;
		return 0;
	}
	if (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
		return -EINVAL;
	*t = (struct vfs_time){ .sec = ts->tv_sec, .nsec = (uint32_t)ts->tv_nsec };
	return 0;
}

/*
 * utimensat(2): times NULL (or both UTIME_NOW) needs ownership or write permission; explicit
 * times need ownership. A NULL path means dirfd itself (what futimens() calls).
 */
long sys_utimensat(int dirfd, const char __user *path, const struct linux_timespec __user *utimes,
		   int flags)
{
	struct linux_timespec ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	const struct cred *cred = &current_proc()->cred;
	struct vfs_time now = vfs_now(), a, m;
	struct inode *ino;
	bool only_now;
	int lf, err;

	lf = at_flags(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, LOOKUP_FOLLOW);
	if (lf < 0)
		return lf;
	if (utimes && copy_from_user(ts, utimes, sizeof(ts)))
		return -EFAULT;
	only_now = ts[0].tv_nsec == UTIME_NOW && ts[1].tv_nsec == UTIME_NOW;
	if (!path) {
		struct file *f = fget(dirfd);

		if (!f)
			return dirfd == AT_FDCWD ? -EFAULT : -EBADF;
		ino = inode_get(f->inode);
		file_put(f);
	} else {
		err = user_lookup(dirfd, path, (unsigned)lf, &ino);
		if (err)
			return err;
	}
	a = ino->atime;
	m = ino->mtime;
	err = set_time(&a, &ts[0], now);
	if (!err)
		err = set_time(&m, &ts[1], now);
	if (!err && cred->fsuid != 0 && cred->fsuid != ino->uid)
		err = only_now ? vfs_permission(ino, cred, MAY_WRITE) : -EPERM;
	if (!err && !(ts[0].tv_nsec == UTIME_OMIT && ts[1].tv_nsec == UTIME_OMIT)) {
		vfs_mutex_lock(&ino->lock);
		ino->atime = a;
		ino->mtime = m;
		ino->ctime = now;
		vfs_mutex_unlock(&ino->lock);
	}
	inode_put(ino);
	return err;
}
