/*
 * vfs.h - the virtual file system: inodes, what a file system provides, and path lookup.
 *
 * An inode is a file as the kernel knows it: its type and permission bits, owner, size, times,
 * and the operations that work on it. A name is not part of an inode. Names live in directories,
 * which map a name to an inode; an inode reachable under two names (a hard link) has nlink 2.
 * Opening a name gives a struct file (file.h): one opening of an inode, with its own offset and
 * flags, shared by the descriptors dup() makes.
 *
 * A file system provides two tables. inode_ops work on names and metadata (look a name up in a
 * directory, create, remove, rename, read a symlink's target, change the size); file_ops work on
 * an open file (read, write, seek, list a directory, ioctl, poll, release). Pipes, terminals and
 * /dev/null are just other file_ops: the system calls neither know nor care what is behind an fd.
 *
 * Lifetime. An inode lives while it has a name (nlink > 0) or a reference (refcount > 0): an open
 * file, a current directory, a lookup in progress, a child directory's ".." each hold one. The
 * last inode_put() of an inode without names frees it, so a file unlinked while open stays
 * readable until it is closed, as on Linux. Rule that makes this race-free: nlink is only ever
 * lowered by someone holding a reference, so the final put is the one that sees nlink == 0.
 *
 * Locking. One sleeping lock, the namespace lock, serialises every change to and every walk of
 * the directory tree (lookup, create, unlink, rename); it is held across whole path walks, which
 * never sleep except on it. Each inode has its own sleeping lock for its contents (the pages of a
 * regular file, its size). Both are sleeping locks because they are held across copies to and
 * from user memory, which may fault. The page-fault path must never call back into the VFS.
 *
 * Mounts. A directory may have another file system's root mounted on it (vfs_mount): a walk
 * that reaches the directory continues in the mounted root, and ".." from that root goes to the
 * covered directory's parent. The root file system is tmpfs (tmpfs.c), filled from the initrd.
 */
#ifndef NIDO_VFS_H
#define NIDO_VFS_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "spinlock.h"
#include "wait.h"
#include "uaccess.h"
#include "uapi/stat.h"

struct file;
struct cred;
struct inode;
struct poll_table;	/* poll.h: how file_ops->poll registers a waiter */

/*
 * Linux's limits (uapi/limits.h has the same values; it is not included here because its
 * NGROUPS_MAX differs from proc.h's).
 */
#define VFS_PATH_MAX	4096	/* PATH_MAX: longest path including the NUL */
#define VFS_NAME_MAX	255	/* NAME_MAX: longest component */
#define VFS_SYMLOOP_MAX	40	/* symlinks followed in one lookup before ELOOP */

/*
 * A sleeping lock (xv6's sleeplock): a waiter sleeps on the wait queue instead of spinning, so it
 * may be held across anything that sleeps or faults. Not recursive.
 */
struct vfs_mutex {
	struct spinlock guard;		/* protects held */
	int held;
	struct waitqueue wq;
};

void vfs_mutex_init(struct vfs_mutex *m, const char *name);
void vfs_mutex_lock(struct vfs_mutex *m);
void vfs_mutex_unlock(struct vfs_mutex *m);

/* A point in time for inode timestamps (Linux's timespec64). */
struct vfs_time {
	int64_t sec;
	uint32_t nsec;
};

/* Wall-clock time now (CLOCK_REALTIME, ktime.h). */
struct vfs_time vfs_now(void);

/* Device numbers as Linux encodes them for st_rdev / st_dev (glibc's makedev()). */
static inline uint64_t vfs_mkdev(uint32_t major, uint32_t minor)
{
	return ((uint64_t)(major & 0xfffff000u) << 32) | ((uint64_t)(major & 0xfffu) << 8) |
	       ((uint64_t)(minor & 0xffffff00u) << 12) | (minor & 0xffu);
}
static inline uint32_t vfs_major(uint64_t dev)
{
	return (uint32_t)(((dev >> 32) & 0xfffff000u) | ((dev >> 8) & 0xfffu));
}
static inline uint32_t vfs_minor(uint64_t dev)
{
	return (uint32_t)(((dev >> 12) & 0xffffff00u) | (dev & 0xffu));
}

/*
 * What one inode operation needs to know about a name in a directory. The name is NOT
 * NUL-terminated; 1 <= len <= VFS_NAME_MAX, never "." or "..". Every directory operation is
 * called with the namespace lock held and after the VFS checked search and write permission on
 * the directory. An operation that returns an inode returns it with a reference taken.
 */
struct inode_ops {
	/* The inode called name in dir: 0 and *out, or -ENOENT. */
	int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
	/*
	 * Make a new inode of type mode & S_IFMT (S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO,
	 * S_IFSOCK) owned by uid:gid, with rdev for device nodes. -EEXIST when the name is taken.
	 */
	int (*create)(struct inode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
		      uint32_t uid, uint32_t gid, struct inode **out);
	/* A symlink to target (a NUL-terminated string, 1..VFS_PATH_MAX-1 bytes). */
	int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target,
		       uint32_t uid, uint32_t gid, struct inode **out);
	/* Another name for an existing non-directory inode. */
	int (*link)(struct inode *dir, const char *name, size_t len, struct inode *target);
	/* Remove a name: unlink for non-directories (-EISDIR), rmdir for empty directories. */
	int (*unlink)(struct inode *dir, const char *name, size_t len);
	int (*rmdir)(struct inode *dir, const char *name, size_t len);
	/*
	 * Move a name, replacing what the new name held (Linux rename(2) rules: -EISDIR, -ENOTDIR,
	 * -ENOTEMPTY, RENAME_NOREPLACE -> -EEXIST, RENAME_EXCHANGE). The VFS already refused to
	 * move a directory into itself.
	 */
	int (*rename)(struct inode *odir, const char *oname, size_t olen, struct inode *ndir,
		      const char *nname, size_t nlen, unsigned flags);
	/* A symlink's target, into a kernel buffer, not NUL-terminated: its length or -errno. */
	long (*readlink)(struct inode *ino, char *buf, size_t size);
	/* Regular files: set the size; bytes past the old end read as zero. Inode lock held. */
	int (*truncate)(struct inode *ino, uint64_t size);
	/* The inode has no names and no references left: free what the file system holds. */
	void (*evict)(struct inode *ino);
};

/*
 * getdents: a directory's file_ops->iterate calls ctx->emit for each entry from position
 * ctx->pos on, and sets ctx->pos to the entry's `next` cookie each time emit accepts one. emit
 * returns false when the caller's buffer is full; the entry was not taken and iterate stops.
 * Cookies are opaque and stable: an entry keeps its cookie while other entries come and go.
 */
struct dir_context {
	bool (*emit)(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
		     unsigned dtype, int64_t next);
	int64_t pos;
};

/*
 * What an open file does. Every op may sleep; none is called with a VFS lock held. Buffers are
 * user addresses (__user): copy with copy_to_user/copy_from_user, and return what was moved or
 * a negative errno (-EAGAIN when O_NONBLOCK and nothing can be moved, -ERESTARTSYS when a signal
 * interrupted a blocking wait before anything moved). `pos` is the offset to use and advance:
 * &f->pos for read/write, a private copy for pread/pwrite. A NULL op means: read/write -EINVAL,
 * lseek -ESPIPE, iterate -ENOTDIR, ioctl -ENOTTY, poll "always readable and writable".
 */
struct file_ops {
	/* Called once when the file is opened, after f->inode and f->flags are set. 0 or -errno. */
	int (*open)(struct inode *ino, struct file *f);
	long (*read)(struct file *f, void __user *buf, size_t n, uint64_t *pos);
	long (*write)(struct file *f, const void __user *buf, size_t n, uint64_t *pos);
	/* Kernel-buffer I/O (exec, the initrd; regular files only). NULL: -EINVAL. No O_APPEND. */
	long (*read_kernel)(struct file *f, void *buf, size_t n, uint64_t pos);
	long (*write_kernel)(struct file *f, const void *buf, size_t n, uint64_t pos);
	/* New offset (whence is SEEK_SET/CUR/END, already checked) or -errno. */
	int64_t (*lseek)(struct file *f, int64_t off, int whence);
	int (*iterate)(struct file *f, struct dir_context *ctx);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* POLL* bits ready now; when pt is not NULL, also register on the wait queue(s). */
	unsigned (*poll)(struct file *f, struct poll_table *pt);
	/* The last reference to the open file is gone. */
	void (*release)(struct file *f);
};

#define INODE_MAGIC	0x494e4f44u	/* "INOD" */

struct inode {
	uint32_t magic;
	int refcount;			/* atomic; see the lifetime rule above */
	uint32_t nlink;			/* names; dirs: 2 + subdirectories. Namespace lock */
	uint32_t mode;			/* S_IF* type | permission bits */
	uint32_t uid, gid;
	uint64_t ino;			/* unique within dev */
	uint64_t dev;			/* the file system (st_dev) */
	uint64_t rdev;			/* device nodes: which device (st_rdev) */
	uint64_t size;			/* bytes; symlinks: target length. Inode lock */
	uint64_t blocks;		/* 512-byte blocks allocated */
	struct vfs_time atime, mtime, ctime, btime;
	const struct inode_ops *iops;
	const struct file_ops *fops;	/* what opening it gives (char devices: see dev.c) */
	struct vfs_mutex lock;		/* the contents */
	struct inode *parent;		/* dirs: the one holding it, for ".." (a reference) */
	struct inode *mounted;		/* directories: root of a file system mounted here */
	struct inode *covered;		/* a mounted root: the directory it hides */
	void *priv;			/* the file system's own data */
};

/* ---- inodes ---- */

/* Set up the common fields of a new inode (refcount 1, nlink 0, times now). */
void inode_init(struct inode *ino, uint32_t mode, uint64_t dev, uint64_t ino_nr,
		const struct inode_ops *iops, const struct file_ops *fops);
struct inode *inode_get(struct inode *ino);
void inode_put(struct inode *ino);	/* NULL is fine; frees through iops->evict when unused */

/* A new st_dev for a file system instance (tmpfs, procfs, pipes, ...). */
uint64_t vfs_new_dev(void);

/*
 * The namespace lock (see the head comment). Directory inode_ops run with it held; a file
 * system's iterate takes it itself, since file_ops are called with no VFS lock held.
 */
void vfs_namespace_lock(void);
void vfs_namespace_unlock(void);

/* ---- permissions ---- */

#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4

/*
 * Check the rwx bits of mask (MAY_*) against the inode's mode for cred (fsuid/fsgid and the
 * supplementary groups). uid 0 passes everything except executing a file that has no x bit at
 * all (Linux's CAP_DAC_OVERRIDE). 0 or -EACCES. cred NULL means the kernel itself: always 0.
 */
int vfs_permission(const struct inode *ino, const struct cred *cred, int mask);

/* ---- path lookup ---- */

/*
 * Where a lookup starts and who does it. root is what "/" means and where ".." stops (the
 * process's root); dir is where a relative path starts (the cwd or a dirfd's directory). The
 * caller keeps both referenced for the duration of the call.
 */
struct vfs_at {
	struct inode *root;
	struct inode *dir;
	const struct cred *cred;
};

/* lookup flags */
#define LOOKUP_FOLLOW		0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x2	/* the result must be a directory (as after a "/") */
#define LOOKUP_EMPTY		0x4	/* "" means at->dir itself (AT_EMPTY_PATH) */

/* The inode path names, referenced: 0 or -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EACCES. */
int vfs_lookup(const struct vfs_at *at, const char *path, unsigned flags, struct inode **out);

/*
 * open(2) on a kernel path: O_CREAT (mode already has the umask applied), O_EXCL, O_TRUNC,
 * O_DIRECTORY, O_NOFOLLOW, O_APPEND, O_NONBLOCK, O_PATH. Returns a referenced file or an ERR_PTR.
 */
struct file *vfs_open(const struct vfs_at *at, const char *path, int flags, uint32_t mode);
/* Open an inode the caller already holds (no permission check beyond the access mode). */
struct file *vfs_open_inode(struct inode *ino, int flags);

/* The namespace system calls, on kernel paths; 0 or -errno with Linux's rules. */
int vfs_mknod(const struct vfs_at *at, const char *path, uint32_t mode, uint64_t rdev);
int vfs_mkdir(const struct vfs_at *at, const char *path, uint32_t mode);
int vfs_symlink(const char *target, const struct vfs_at *at, const char *path);
int vfs_link(const struct vfs_at *oat, const char *opath, const struct vfs_at *nat,
	     const char *npath, unsigned lookup_flags);
int vfs_unlink(const struct vfs_at *at, const char *path);
int vfs_rmdir(const struct vfs_at *at, const char *path);
int vfs_rename(const struct vfs_at *oat, const char *opath, const struct vfs_at *nat,
	       const char *npath, unsigned flags);
/* readlink(2): the target, not NUL-terminated, at most size bytes: its length or -errno. */
long vfs_readlink(const struct vfs_at *at, const char *path, char *buf, size_t size);

/* Metadata changes with Linux's permission rules (owner or uid 0; chown needs uid 0). */
int vfs_chmod(struct inode *ino, const struct cred *cred, uint32_t mode);
int vfs_chown(struct inode *ino, const struct cred *cred, uint32_t uid, uint32_t gid);
int vfs_truncate(struct inode *ino, uint64_t size);	/* regular files; inode lock taken here */
/* Fill st with what stat(2) reports about ino. */
void vfs_fill_stat(struct inode *ino, struct linux_stat *st);
void vfs_fill_statx(struct inode *ino, struct linux_statx *stx);

/*
 * The path of dir from root, NUL-terminated, into buf: its length including the NUL, -ERANGE
 * when it does not fit, -ENOENT when dir was removed.
 */
long vfs_path_of(struct inode *root, struct inode *dir, char *buf, size_t size);

/* Mount the file system whose root is `root` on the directory at path (absolute). */
int vfs_mount(const char *path, struct inode *root);

/* The root of the whole tree (tmpfs). */
struct inode *vfs_root(void);

/* ---- boot ---- */

/*
 * Build the root tmpfs, /dev with its device nodes, and unpack the initrd module into it.
 * Called once by kernel_main; a second call does nothing.
 */
void vfs_init(void);

/* ---- tmpfs (tmpfs.c) ---- */

struct inode *tmpfs_create_root(void);	/* a new, empty tmpfs: its root directory, or NULL */

/* ---- device nodes (dev.c) ---- */

/*
 * Make opening a character device node with this major:minor use ops, and create
 * /dev/<name> with mode (type bits added) if name is not NULL, now or at vfs_init.
 * A later registration of the same number replaces the earlier one. 0 or -errno.
 */
int chrdev_register(uint32_t major, uint32_t minor, const char *name, uint32_t mode,
		    const struct file_ops *ops);
/* The ops for a character device number, or NULL. */
const struct file_ops *chrdev_lookup(uint64_t rdev);
void dev_init(void);		/* /dev nodes and the built-in devices; called by vfs_init */

/* ---- the initrd (cpio.c) ---- */

/* Unpack a newc cpio archive into the tree under root. 0 or the first -errno (after logging). */
int initrd_unpack(struct inode *root, const void *data, size_t size);
/* Unpack every boot module named "initrd" into the root (initrd.c); called by vfs_init. */
void initrd_unpack_modules(void);

#endif
