/*
 * file.h - open files, file descriptor tables, and a process's root and current directory.
 *
 * Three layers stand between a number like 3 and the bytes of a file:
 *
 *	fd 3  --(struct files: the fd table)-->  struct file  --(f->inode)-->  struct inode
 *
 * A struct file is one open(): the offset, the status flags (O_APPEND, O_NONBLOCK), the access
 * mode and the file_ops. dup(), fork() and SCM_RIGHTS-like passing copy the pointer, not the
 * file, so the copies share one offset, exactly as POSIX requires. The close-on-exec flag is not
 * a property of the open file but of one descriptor, so it lives in the fd table next to the
 * pointer.
 *
 * A struct files is one fd table. fork() copies it (files_dup), clone(CLONE_FILES) shares it
 * (files_get), execve() closes the descriptors marked close-on-exec (files_close_on_exec).
 * A struct fs_context is the pair (root, cwd) plus the umask; clone(CLONE_FS) shares it.
 *
 * Locking: files->lock (a spinlock) guards the table; it is never held while a file is closed
 * (file_put may sleep). fs->lock guards root, cwd and umask. Reference counts are atomic.
 */
#ifndef NIDO_FILE_H
#define NIDO_FILE_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "spinlock.h"
#include "vfs.h"

#define FILE_MAGIC	0x46494c45u	/* "FILE" */
#define FILES_MAGIC	0x46445442u	/* "FDTB" */
#define FS_MAGIC	0x46534358u	/* "FSCX" */

#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_PATH	0x4	/* O_PATH: only fstat, fchdir, dirfd use */

#define NR_OPEN_DEFAULT	1024	/* RLIMIT_NOFILE soft and hard limit at boot */

struct file {
	uint32_t magic;
	int refcount;			/* atomic: descriptors and kernel users */
	unsigned int flags;		/* open flags as F_GETFL shows them (O_APPEND...) */
	unsigned int fmode;		/* FMODE_*: what the access mode allows */
	uint64_t pos;			/* the shared offset; updated by the file_ops */
	struct inode *inode;		/* referenced; never NULL */
	const struct file_ops *ops;
	void *priv;			/* the file_ops' own state (pipe, tty, ...) */
};

/*
 * A new open file on ino (the file takes over the caller's inode reference) with ops, open
 * flags and private data; the access mode in oflags sets fmode. Does not call ops->open.
 * Returns the file with one reference, or an ERR_PTR(-ENOMEM).
 */
struct file *file_alloc(struct inode *ino, const struct file_ops *ops, unsigned oflags,
			void *priv);
/*
 * A file with no name (pipes, ...): a fresh inode of type `mode` (S_IFIFO | 0600, ...) owned by
 * the caller, on a private anonymous device, so fstat() shows a sensible st_mode and st_ino.
 */
struct file *file_alloc_anon(const struct file_ops *ops, uint32_t mode, unsigned oflags,
			     void *priv);
void file_get(struct file *f);
void file_put(struct file *f);		/* the last put calls ops->release and drops the inode */

/* The size of the file behind f (st_size). */
uint64_t file_size(struct file *f);
/* Read from a kernel buffer at offset off (exec): bytes read or -errno. */
long kernel_pread(struct file *f, void *buf, size_t n, uint64_t off);
/*
 * Open path (relative to the current process's cwd) for execve: a regular file with an x bit the
 * caller may use. ERR_PTR(-ENOENT/-EACCES/-ENOTDIR/-ELOOP...).
 */
struct file *kernel_open_exec(const char *path);
/* open(2) from the kernel, relative to the current process's cwd (or / before there is one). */
struct file *kernel_open(const char *path, int flags, uint32_t mode);
/* path made absolute against the current process's cwd ("." and ".." are kept). 0 or -errno. */
int kernel_abspath(const char *path, char *out, size_t size);

/*
 * Where a system call's path starts: the current process's root, and its cwd or the directory
 * open at dirfd (AT_FDCWD: the cwd; ignored for absolute paths). With empty_ok, a "" path may
 * name a non-directory dirfd (AT_EMPTY_PATH). Fills *at with references and the process's cred;
 * release with vfs_at_end. 0, -EBADF or -ENOTDIR.
 */
int vfs_at_begin(struct vfs_at *at, int dirfd, const char *path, bool empty_ok);
void vfs_at_end(struct vfs_at *at);

/* ---- fd tables ---- */

struct fd_slot {
	struct file *file;		/* NULL: the descriptor is free */
	bool cloexec;
};

struct files {
	uint32_t magic;
	int refcount;			/* atomic: processes sharing the table (CLONE_FILES) */
	struct spinlock lock;		/* the slots */
	int nslots;			/* size of slot[]; grows, never past RLIMIT_NOFILE's max */
	struct fd_slot *slot;
};

struct files *files_create(void);		/* empty table, or NULL */
struct files *files_dup(struct files *old);	/* fork: same files, new table; or NULL */
struct files *files_get(struct files *fs);	/* CLONE_FILES */
void files_put(struct files *fs);		/* last put closes every descriptor */
void files_close_on_exec(struct files *fs);
/* For init: a new table with fds 0, 1, 2 open on /dev/console; NULL on failure. */
struct files *files_create_console(void);

/*
 * Put f in the lowest free slot >= min and below limit (RLIMIT_NOFILE): the fd, or -EMFILE
 * (-EINVAL when min >= limit). The table takes over the caller's reference.
 */
int fd_alloc(struct files *fs, struct file *f, int min, bool cloexec, uint64_t limit);
/* The file at fd with a reference taken, or NULL (EBADF). */
struct file *fd_lookup(struct files *fs, int fd);
int fd_close(struct files *fs, int fd);		/* 0 or -EBADF */
/* dup2/dup3: make newfd refer to oldfd's file, closing what newfd had. newfd or -errno. */
int fd_dup_to(struct files *fs, int oldfd, int newfd, bool cloexec, uint64_t limit);
int fd_get_cloexec(struct files *fs, int fd);		/* 0/1 or -EBADF */
int fd_set_cloexec(struct files *fs, int fd, bool on);	/* 0 or -EBADF */

struct proc;
/* RLIMIT_NOFILE of p (the boot default when its limits were never set, or p is NULL). */
uint64_t fd_limit(struct proc *p);

/* The same, on the current process's table and RLIMIT_NOFILE (for pipe(), socket(), ...). */
int fd_install(struct file *f, unsigned oflags);	/* O_CLOEXEC honoured; fd or -EMFILE */
struct file *fget(int fd);				/* referenced, or NULL */

/* ---- root, cwd, umask ---- */

struct fs_context {
	uint32_t magic;
	int refcount;			/* atomic: processes sharing it (CLONE_FS) */
	struct spinlock lock;		/* root, cwd, umask */
	struct inode *root;		/* referenced */
	struct inode *cwd;		/* referenced */
	uint32_t umask;
};

struct fs_context *fs_context_create(void);	/* root = cwd = "/", umask 022; or NULL */
struct fs_context *fs_context_get(struct fs_context *fs);	/* CLONE_FS */
struct fs_context *fs_context_copy(struct fs_context *fs);	/* fork: or NULL */
void fs_context_put(struct fs_context *fs);
/* Replace the cwd (chdir) or root (chroot); takes over the caller's reference on dir. */
void fs_context_set_cwd(struct fs_context *fs, struct inode *dir);
void fs_context_set_root(struct fs_context *fs, struct inode *dir);

#endif
