/*
 * file.c - open files, fd tables and fs contexts: the objects between a process and the VFS.
 *
 * See file.h for the model: an fd is an index into a struct files, whose slots point at shared
 * struct files; a struct fs_context holds a process's root, cwd and umask. This file also has
 * the kernel's own ways into the VFS (kernel_open, kernel_open_exec, kernel_pread) and the
 * helpers the system calls use to find "where a path starts" (vfs_at_begin).
 *
 * Locking: files->lock and fs->lock are spinlocks that are never held across anything that can
 * sleep: a file taken out of a slot is put after the lock is dropped, and a table grows by
 * allocating outside the lock and swapping under it.
 */
#include "file.h"
#include "vfs.h"

#include "err.h"
#include "kernel.h"
#include "kmalloc.h"
#include "proc.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/resource.h"

#define FILES_MIN_SLOTS	16

/* The current process, or NULL while the kernel is still booting. */
static struct proc *cur_proc(void)
{
	struct thread *t = current_thread();

	return t ? t->proc : NULL;
}

/* ---- struct file ---- */

static unsigned fmode_of(unsigned oflags)
{
	static const unsigned by_acc[4] = { FMODE_READ, FMODE_WRITE, FMODE_READ | FMODE_WRITE, 0 };

	if (oflags & O_PATH)
		return FMODE_PATH;
	return by_acc[oflags & O_ACCMODE];
}

/* On failure the caller keeps its inode reference. */
struct file *file_alloc(struct inode *ino, const struct file_ops *ops, unsigned oflags,
			void *priv)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return ERR_PTR(-ENOMEM);
	f->magic = FILE_MAGIC;
	f->refcount = 1;
	f->flags = oflags;
	f->fmode = fmode_of(oflags);
	f->inode = ino;
	f->ops = ops;
	f->priv = priv;
	return f;
}

static void anon_evict(struct inode *ino)
{
	kfree(ino);
}

static const struct inode_ops anon_iops = { .evict = anon_evict };

struct file *file_alloc_anon(const struct file_ops *ops, uint32_t mode, unsigned oflags,
			     void *priv)
{
	static uint64_t anon_dev, next_ino = 1;
	struct inode *ino = kzalloc(sizeof(*ino));
	struct proc *p = cur_proc();
	struct file *f;

	if (!ino)
		return ERR_PTR(-ENOMEM);
	if (!__atomic_load_n(&anon_dev, __ATOMIC_ACQUIRE)) {
		uint64_t dev = vfs_new_dev(), zero = 0;

		__atomic_compare_exchange_n(&anon_dev, &zero, dev, false, __ATOMIC_ACQ_REL,
					    __ATOMIC_ACQUIRE);
	}
	inode_init(ino, mode, anon_dev, __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED),
		   &anon_iops, ops);
	ino->uid = p ? p->cred.fsuid : 0;
	ino->gid = p ? p->cred.fsgid : 0;
	ino->blocks = 0;
	f = file_alloc(ino, ops, oflags, priv);
	if (IS_ERR(f))
		kfree(ino);
	return f;
}

void file_get(struct file *f)
{
	assert(f->magic == FILE_MAGIC);
	__atomic_add_fetch(&f->refcount, 1, __ATOMIC_SEQ_CST);
}

void file_put(struct file *f)
{
	if (!f)
		return;
	assert(f->magic == FILE_MAGIC);
	if (__atomic_sub_fetch(&f->refcount, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	inode_put(f->inode);
	f->magic = 0;
	kfree(f);
}

uint64_t file_size(struct file *f)
{
	return f->inode->size;
}

long kernel_pread(struct file *f, void *buf, size_t n, uint64_t off)
{
	if (!(f->fmode & FMODE_READ))
		return -EBADF;
	if (!f->ops->read_kernel)
		return -EINVAL;
	return f->ops->read_kernel(f, buf, n, off);
}

/* ---- where paths start ---- */

/* The process's (or, at boot, the kernel's) root and cwd, referenced. */
static void at_current(struct vfs_at *at)
{
	struct proc *p = cur_proc();

	if (p && p->fs) {
		spin_lock(&p->fs->lock);
		at->root = inode_get(p->fs->root);
		at->dir = inode_get(p->fs->cwd);
		spin_unlock(&p->fs->lock);
	} else {
		at->root = inode_get(vfs_root());
		at->dir = inode_get(vfs_root());
	}
	at->cred = p ? &p->cred : NULL;
}

int vfs_at_begin(struct vfs_at *at, int dirfd, const char *path, bool empty_ok)
{
	struct file *f;

	at_current(at);
	if (dirfd == AT_FDCWD || path[0] == '/')
		return 0;
	f = fget(dirfd);
	if (!f) {
		vfs_at_end(at);
		return -EBADF;
	}
	if (!S_ISDIR(f->inode->mode) && !(empty_ok && path[0] == '\0')) {
		file_put(f);
		vfs_at_end(at);
		return -ENOTDIR;
	}
	inode_put(at->dir);
	at->dir = inode_get(f->inode);
	file_put(f);
	return 0;
}

void vfs_at_end(struct vfs_at *at)
{
	inode_put(at->root);
	inode_put(at->dir);
	at->root = at->dir = NULL;
}

struct file *kernel_open(const char *path, int flags, uint32_t mode)
{
	struct vfs_at at;
	struct file *f;

	if (!vfs_root())
		return ERR_PTR(-ENOENT);
	at_current(&at);
	f = vfs_open(&at, path, flags, mode);
	vfs_at_end(&at);
	return f;
}

/* Like Linux, executing needs x permission but not r: a --x binary still runs. */
struct file *kernel_open_exec(const char *path)
{
	struct vfs_at at;
	struct inode *ino;
	struct file *f;
	int err;

	if (!vfs_root())
		return ERR_PTR(-ENOENT);
	at_current(&at);
	err = vfs_lookup(&at, path, LOOKUP_FOLLOW, &ino);
	if (err) {
		vfs_at_end(&at);
		return ERR_PTR(err);
	}
	if (!S_ISREG(ino->mode) || !(ino->mode & 0111))
		err = -EACCES;
	else
		err = vfs_permission(ino, at.cred, MAY_EXEC);
	vfs_at_end(&at);
	if (err) {
		inode_put(ino);
		return ERR_PTR(err);
	}
	f = vfs_open_inode(ino, O_RDONLY);
	inode_put(ino);
	return f;
}

int kernel_abspath(const char *path, char *out, size_t size)
{
	struct vfs_at at;
	size_t len = strlen(path);
	long n;

	if (path[0] == '/') {
		if (len + 1 > size)
			return -ENAMETOOLONG;
		memcpy(out, path, len + 1);
		return 0;
	}
	at_current(&at);
	n = vfs_path_of(at.root, at.dir, out, size);
	vfs_at_end(&at);
	if (n < 0)
		return n == -ERANGE ? -ENAMETOOLONG : (int)n;
	/* n counts the NUL; "/" + "x" must not become "//x" */
	if ((size_t)n == 2)
		n = 1;
	if ((size_t)n + len + 1 > size)
		return -ENAMETOOLONG;
	out[n - 1] = '/';
	memcpy(out + n, path, len + 1);
	return 0;
}

/* ---- fd tables ---- */

struct files *files_create(void)
{
	struct files *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->magic = FILES_MAGIC;
	fs->refcount = 1;
	spinlock_init(&fs->lock, "files");
	return fs;
}

/* Make fs have at least `need` slots (0 or -ENOMEM). Called without fs->lock. */
static int files_expand(struct files *fs, int need)
{
	for (;;) {
		int have = __atomic_load_n(&fs->nslots, __ATOMIC_ACQUIRE);
		int size = MAX(MAX(need, have * 2), FILES_MIN_SLOTS);
		struct fd_slot *slot, *old;

		if (have >= need)
			return 0;
		slot = kzalloc((size_t)size * sizeof(*slot));
		if (!slot)
			return -ENOMEM;
		spin_lock(&fs->lock);
		if (fs->nslots != have) {	/* someone else grew it meanwhile: start over */
			spin_unlock(&fs->lock);
			kfree(slot);
			continue;
		}
		if (have)
			memcpy(slot, fs->slot, (size_t)have * sizeof(*slot));
		old = fs->slot;
		fs->slot = slot;
		__atomic_store_n(&fs->nslots, size, __ATOMIC_RELEASE);
		spin_unlock(&fs->lock);
		kfree(old);
		return 0;
	}
}

int fd_alloc(struct files *fs, struct file *f, int min, bool cloexec, uint64_t limit)
{
	if (min < 0 || (uint64_t)min >= limit)
		return -EINVAL;
	for (;;) {
		int fd, n, err;

		spin_lock(&fs->lock);
		n = fs->nslots;
		for (fd = min; fd < n && (uint64_t)fd < limit; fd++) {
			if (!fs->slot[fd].file) {
				fs->slot[fd].file = f;
				fs->slot[fd].cloexec = cloexec;
				spin_unlock(&fs->lock);
				return fd;
			}
		}
		spin_unlock(&fs->lock);
		fd = MAX(n, min);
		if ((uint64_t)fd >= limit)
			return -EMFILE;
		err = files_expand(fs, fd + 1);
		if (err)
			return err;
	}
}

struct file *fd_lookup(struct files *fs, int fd)
{
	struct file *f = NULL;

	if (!fs || fd < 0)
		return NULL;
	spin_lock(&fs->lock);
	if (fd < fs->nslots && fs->slot[fd].file) {
		f = fs->slot[fd].file;
		file_get(f);
	}
	spin_unlock(&fs->lock);
	return f;
}

int fd_close(struct files *fs, int fd)
{
	struct file *f = NULL;

	if (fd < 0)
		return -EBADF;
	spin_lock(&fs->lock);
	if (fd < fs->nslots) {
		f = fs->slot[fd].file;
		fs->slot[fd].file = NULL;
		fs->slot[fd].cloexec = false;
	}
	spin_unlock(&fs->lock);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

int fd_dup_to(struct files *fs, int oldfd, int newfd, bool cloexec, uint64_t limit)
{
	struct file *f, *prev;
	int err;

	if (newfd < 0 || (uint64_t)newfd >= limit)
		return -EBADF;
	err = files_expand(fs, newfd + 1);
	if (err)
		return err;
	spin_lock(&fs->lock);
	if (oldfd < 0 || oldfd >= fs->nslots || !fs->slot[oldfd].file) {
		spin_unlock(&fs->lock);
		return -EBADF;
	}
	f = fs->slot[oldfd].file;
	file_get(f);
	prev = fs->slot[newfd].file;
	fs->slot[newfd].file = f;
	fs->slot[newfd].cloexec = cloexec;
	spin_unlock(&fs->lock);
	file_put(prev);
	return newfd;
}

int fd_get_cloexec(struct files *fs, int fd)
{
	int r = -EBADF;

	if (fd < 0)
		return -EBADF;
	spin_lock(&fs->lock);
	if (fd < fs->nslots && fs->slot[fd].file)
		r = fs->slot[fd].cloexec;
	spin_unlock(&fs->lock);
	return r;
}

int fd_set_cloexec(struct files *fs, int fd, bool on)
{
	int r = -EBADF;

	if (fd < 0)
		return -EBADF;
	spin_lock(&fs->lock);
	if (fd < fs->nslots && fs->slot[fd].file) {
		fs->slot[fd].cloexec = on;
		r = 0;
	}
	spin_unlock(&fs->lock);
	return r;
}

struct files *files_dup(struct files *old)
{
	struct files *fs = files_create();

	if (!fs)
		return NULL;
	for (;;) {
		int n = __atomic_load_n(&old->nslots, __ATOMIC_ACQUIRE);

		if (files_expand(fs, n)) {
			files_put(fs);
			return NULL;
		}
		spin_lock(&old->lock);
		if (old->nslots > fs->nslots) {		/* grew meanwhile */
			spin_unlock(&old->lock);
			continue;
		}
		for (int i = 0; i < old->nslots; i++) {
			fs->slot[i] = old->slot[i];
			if (fs->slot[i].file)
				file_get(fs->slot[i].file);
		}
		spin_unlock(&old->lock);
		return fs;
	}
}

struct files *files_get(struct files *fs)
{
	assert(fs->magic == FILES_MAGIC);
	__atomic_add_fetch(&fs->refcount, 1, __ATOMIC_SEQ_CST);
	return fs;
}

void files_put(struct files *fs)
{
	if (!fs)
		return;
	assert(fs->magic == FILES_MAGIC);
	if (__atomic_sub_fetch(&fs->refcount, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	for (int i = 0; i < fs->nslots; i++)
		file_put(fs->slot[i].file);
	fs->magic = 0;
	kfree(fs->slot);
	kfree(fs);
}

void files_close_on_exec(struct files *fs)
{
	for (int i = 0;; i++) {
		struct file *f = NULL;

		spin_lock(&fs->lock);
		if (i >= fs->nslots) {
			spin_unlock(&fs->lock);
			return;
		}
		if (fs->slot[i].file && fs->slot[i].cloexec) {
			f = fs->slot[i].file;
			fs->slot[i].file = NULL;
			fs->slot[i].cloexec = false;
		}
		spin_unlock(&fs->lock);
		file_put(f);
	}
}

struct files *files_create_console(void)
{
	struct files *fs = files_create();
	struct file *f;

	if (!fs)
		return NULL;
	f = kernel_open("/dev/console", O_RDWR, 0);
	if (IS_ERR(f)) {
		kprintf("vfs: cannot open /dev/console: error %ld\n", PTR_ERR(f));
		files_put(fs);
		return NULL;
	}
	if (fd_alloc(fs, f, 0, false, NR_OPEN_DEFAULT) != 0 ||
	    fd_dup_to(fs, 0, 1, false, NR_OPEN_DEFAULT) != 1 ||
	    fd_dup_to(fs, 0, 2, false, NR_OPEN_DEFAULT) != 2) {
		files_put(fs);		/* puts f too if it made it into slot 0 */
		return NULL;
	}
	return fs;
}

/* RLIMIT_NOFILE of p; a process whose limits were never set gets the boot default. */
uint64_t fd_limit(struct proc *p)
{
	uint64_t cur;

	if (!p)
		return NR_OPEN_DEFAULT;
	cur = p->rlim[RLIMIT_NOFILE].cur;
	if (cur == 0 && p->rlim[RLIMIT_NOFILE].max == 0)
		return NR_OPEN_DEFAULT;
	return cur;
}

int fd_install(struct file *f, unsigned oflags)
{
	struct proc *p = cur_proc();

	if (!p || !p->files)
		return -EMFILE;
	return fd_alloc(p->files, f, 0, oflags & O_CLOEXEC, fd_limit(p));
}

struct file *fget(int fd)
{
	struct proc *p = cur_proc();

	return p ? fd_lookup(p->files, fd) : NULL;
}

/* ---- fs contexts ---- */

struct fs_context *fs_context_create(void)
{
	struct fs_context *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->magic = FS_MAGIC;
	fs->refcount = 1;
	spinlock_init(&fs->lock, "fs_context");
	fs->root = inode_get(vfs_root());
	fs->cwd = inode_get(vfs_root());
	fs->umask = 022;
	return fs;
}

struct fs_context *fs_context_get(struct fs_context *fs)
{
	assert(fs->magic == FS_MAGIC);
	__atomic_add_fetch(&fs->refcount, 1, __ATOMIC_SEQ_CST);
	return fs;
}

struct fs_context *fs_context_copy(struct fs_context *old)
{
	struct fs_context *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->magic = FS_MAGIC;
	fs->refcount = 1;
	spinlock_init(&fs->lock, "fs_context");
	spin_lock(&old->lock);
	fs->root = inode_get(old->root);
	fs->cwd = inode_get(old->cwd);
	fs->umask = old->umask;
	spin_unlock(&old->lock);
	return fs;
}

void fs_context_put(struct fs_context *fs)
{
	if (!fs)
		return;
	assert(fs->magic == FS_MAGIC);
	if (__atomic_sub_fetch(&fs->refcount, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	inode_put(fs->root);
	inode_put(fs->cwd);
	fs->magic = 0;
	kfree(fs);
}

void fs_context_set_cwd(struct fs_context *fs, struct inode *dir)
{
	struct inode *old;

	spin_lock(&fs->lock);
	old = fs->cwd;
	fs->cwd = dir;
	spin_unlock(&fs->lock);
	inode_put(old);
}

void fs_context_set_root(struct fs_context *fs, struct inode *dir)
{
	struct inode *old;

	spin_lock(&fs->lock);
	old = fs->root;
	fs->root = dir;
	spin_unlock(&fs->lock);
	inode_put(old);
}
