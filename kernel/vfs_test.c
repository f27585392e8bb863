/*
 * vfs_test.c - in-kernel tests of the VFS, tmpfs, fd tables and /dev (suites vfs, tmpfs, fd).
 *
 * No user processes exist when these run, so they drive the kernel-level API directly: each test
 * makes its own tmpfs (tmpfs_create_root) and walks it with a struct vfs_at of its choosing,
 * reading and writing through the kernel-buffer file ops. The expected errnos are what Linux
 * answers for the same sequence (checked with a small C program on the Linux host).
 */
#include "ktest.h"
#include "vfs.h"
#include "file.h"
#include "cpio.h"
#include "random.h"

#include "err.h"
#include "format.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* A fresh tmpfs and a vfs_at on its root (cred NULL: the kernel itself). */
static struct vfs_at fresh(void)
{
	struct inode *root = tmpfs_create_root();

	return (struct vfs_at){ .root = root, .dir = root, .cred = NULL };
}

/* Write s at offset off of a new or existing file at path. */
static long put(const struct vfs_at *at, const char *path, const char *s, uint64_t off)
{
	struct file *f = vfs_open(at, path, O_RDWR | O_CREAT, 0644);
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = f->ops->write_kernel(f, s, strlen(s), off);
	file_put(f);
	return n;
}

/* Read up to size-1 bytes at off of path into buf, NUL-terminated: the count or -errno. */
static long get(const struct vfs_at *at, const char *path, char *buf, size_t size, uint64_t off)
{
	struct file *f = vfs_open(at, path, O_RDONLY, 0);
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_pread(f, buf, size - 1, off);
	buf[n < 0 ? 0 : n] = '\0';
	file_put(f);
	return n;
}

/* stat a path (following symlinks when follow): its struct linux_stat, st_ino 0 on error. */
static struct linux_stat st_of(const struct vfs_at *at, const char *path, bool follow)
{
	struct linux_stat st = { 0 };
	struct inode *ino;

	if (vfs_lookup(at, path, follow ? LOOKUP_FOLLOW : 0, &ino) == 0) {
		vfs_fill_stat(ino, &st);
		inode_put(ino);
	}
	return st;
}

static int lookup_err(const struct vfs_at *at, const char *path, unsigned flags)
{
	struct inode *ino;
	int err = vfs_lookup(at, path, flags, &ino);

	if (!err)
		inode_put(ino);
	return err;
}

static long open_err(const struct vfs_at *at, const char *path, int flags)
{
	struct file *f = vfs_open(at, path, flags, 0644);

	if (IS_ERR(f))
		return PTR_ERR(f);
	file_put(f);
	return 0;
}

/* ---- tmpfs ---- */

KTEST(tmpfs, write_read_stat)
{
	struct vfs_at at = fresh();
	char buf[64];
	struct linux_stat st;

	KEXPECT_EQ(put(&at, "/f", "hello, world", 0), 12);
	KEXPECT_EQ(get(&at, "/f", buf, sizeof(buf), 0), 12);
	KEXPECT(strcmp(buf, "hello, world") == 0);
	KEXPECT_EQ(get(&at, "/f", buf, sizeof(buf), 7), 5);
	KEXPECT(strcmp(buf, "world") == 0);
	KEXPECT_EQ(get(&at, "/f", buf, sizeof(buf), 100), 0);
	st = st_of(&at, "/f", true);
	KEXPECT_EQ(st.st_size, 12);
	KEXPECT_EQ(st.st_mode, S_IFREG | 0644);
	KEXPECT_EQ(st.st_nlink, 1);
	KEXPECT_EQ(st.st_blksize, 4096);
	KEXPECT_EQ(st.st_blocks, 8);
	KEXPECT(st.st_ino != st_of(&at, "/", true).st_ino);
	KEXPECT_EQ(st.st_dev, st_of(&at, "/", true).st_dev);
}

KTEST(tmpfs, sparse_reads_zero)
{
	struct vfs_at at = fresh();
	uint64_t far = 3ULL * 4096 * 512 + 5;	/* needs a tree of height 2 */
	char buf[16];
	struct linux_stat st;

	KEXPECT_EQ(put(&at, "/s", "x", far), 1);
	st = st_of(&at, "/s", true);
	KEXPECT_EQ(st.st_size, (long long)far + 1);
	KEXPECT_EQ(st.st_blocks, 8);		/* one data page, the holes cost nothing */
	memset(buf, 'q', sizeof(buf));
	KEXPECT_EQ(get(&at, "/s", buf, 5, 4096 * 7), 4);
	KEXPECT(memcmp(buf, "\0\0\0\0", 4) == 0);
	KEXPECT_EQ(get(&at, "/s", buf, sizeof(buf), far), 1);
	KEXPECT(buf[0] == 'x');
}

KTEST(tmpfs, truncate_zeroes_tail)
{
	struct vfs_at at = fresh();
	static char big[9000];
	char buf[16];
	struct inode *ino;

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	KEXPECT_EQ(put(&at, "/t", big, 0), (long)sizeof(big) - 1);
	KEXPECT_EQ(vfs_lookup(&at, "/t", 0, &ino), 0);
	KEXPECT_EQ(vfs_truncate(ino, 5000), 0);
	KEXPECT_EQ(ino->size, 5000);
	KEXPECT_EQ(ino->blocks, 16);
	KEXPECT_EQ(vfs_truncate(ino, 8000), 0);	/* grows with zeros, not the old bytes */
	KEXPECT_EQ(get(&at, "/t", buf, 3, 4999), 2);
	KEXPECT(buf[0] == 'a' && buf[1] == '\0');
	KEXPECT_EQ(get(&at, "/t", buf, 3, 7000), 2);
	KEXPECT(buf[0] == '\0' && buf[1] == '\0');
	KEXPECT_EQ(vfs_truncate(ino, 0), 0);
	KEXPECT_EQ(ino->blocks, 0);
	inode_put(ino);
}

KTEST(tmpfs, dir_nlink)
{
	struct vfs_at at = fresh();

	KEXPECT_EQ(st_of(&at, "/", true).st_nlink, 2);
	KEXPECT_EQ(vfs_mkdir(&at, "/a", 0755), 0);
	KEXPECT_EQ(vfs_mkdir(&at, "/a/b", 0755), 0);
	KEXPECT_EQ(vfs_mkdir(&at, "/a/c", 0755), 0);
	KEXPECT_EQ(put(&at, "/a/f", "", 0), 0);
	KEXPECT_EQ(st_of(&at, "/a", true).st_nlink, 4);
	KEXPECT_EQ(st_of(&at, "/", true).st_nlink, 3);
	KEXPECT_EQ(vfs_rmdir(&at, "/a/b"), 0);
	KEXPECT_EQ(st_of(&at, "/a", true).st_nlink, 3);
	KEXPECT_EQ(vfs_rmdir(&at, "/a"), -ENOTEMPTY);
	KEXPECT_EQ(vfs_mkdir(&at, "/a/c", 0755), -EEXIST);
	KEXPECT_EQ(vfs_mkdir(&at, "/a/c/", 0755), -EEXIST);
	KEXPECT_EQ(vfs_rmdir(&at, "/a/f"), -ENOTDIR);
	KEXPECT_EQ(vfs_unlink(&at, "/a/c"), -EISDIR);
	KEXPECT_EQ(vfs_unlink(&at, "/a/f/"), -ENOTDIR);
	KEXPECT_EQ(vfs_rmdir(&at, "/a/."), -EINVAL);
	KEXPECT_EQ(vfs_rmdir(&at, "/a/.."), -ENOTEMPTY);
	KEXPECT_EQ(vfs_rmdir(&at, "/"), -EBUSY);
	KEXPECT_EQ(vfs_unlink(&at, "/"), -EISDIR);
}

KTEST(tmpfs, rename_rules)
{
	struct vfs_at at = fresh();
	char buf[16];

	KEXPECT_EQ(put(&at, "/x", "X", 0), 1);
	KEXPECT_EQ(put(&at, "/y", "Y", 0), 1);
	KEXPECT_EQ(vfs_mkdir(&at, "/d", 0755), 0);
	KEXPECT_EQ(vfs_mkdir(&at, "/e", 0755), 0);
	KEXPECT_EQ(put(&at, "/e/in", "", 0), 0);
	KEXPECT_EQ(vfs_rename(&at, "/x", &at, "/y", 0), 0);	/* replaces y */
	KEXPECT_EQ(get(&at, "/y", buf, sizeof(buf), 0), 1);
	KEXPECT(buf[0] == 'X');
	KEXPECT_EQ(lookup_err(&at, "/x", 0), -ENOENT);
	KEXPECT_EQ(vfs_rename(&at, "/y", &at, "/d", 0), -EISDIR);
	KEXPECT_EQ(vfs_rename(&at, "/d", &at, "/y", 0), -ENOTDIR);
	KEXPECT_EQ(vfs_rename(&at, "/d", &at, "/e", 0), -ENOTEMPTY);
	KEXPECT_EQ(vfs_rename(&at, "/d", &at, "/d/sub", 0), -EINVAL);
	KEXPECT_EQ(vfs_rename(&at, "/y", &at, "/e/in", RENAME_NOREPLACE), -EEXIST);
	KEXPECT_EQ(vfs_rename(&at, "/y", &at, "/nope/z", 0), -ENOENT);
	KEXPECT_EQ(vfs_rename(&at, "/y", &at, "/z/", 0), -ENOTDIR);
	KEXPECT_EQ(vfs_rename(&at, "/.", &at, "/q", 0), -EBUSY);
	/* a directory moves with its "..": link counts follow */
	KEXPECT_EQ(vfs_rename(&at, "/d", &at, "/e/d2", 0), 0);
	KEXPECT_EQ(st_of(&at, "/e", true).st_nlink, 3);
	KEXPECT_EQ(st_of(&at, "/", true).st_nlink, 3);
	KEXPECT_EQ(st_of(&at, "/e/d2/..", true).st_ino, st_of(&at, "/e", true).st_ino);
	/* exchange swaps two names */
	KEXPECT_EQ(put(&at, "/p", "P", 0), 1);
	KEXPECT_EQ(vfs_rename(&at, "/p", &at, "/y", RENAME_EXCHANGE), 0);
	KEXPECT_EQ(get(&at, "/p", buf, sizeof(buf), 0), 1);
	KEXPECT(buf[0] == 'X');
	KEXPECT_EQ(vfs_rename(&at, "/p", &at, "/absent", RENAME_EXCHANGE), -ENOENT);
	KEXPECT_EQ(vfs_rename(&at, "/p", &at, "/y", RENAME_EXCHANGE | RENAME_NOREPLACE), -EINVAL);
}

KTEST(tmpfs, unlinked_file_stays_open)
{
	struct vfs_at at = fresh();
	struct file *f;
	char buf[8] = { 0 };

	KEXPECT_EQ(put(&at, "/u", "data", 0), 4);
	f = vfs_open(&at, "/u", O_RDONLY, 0);
	KEXPECT(!IS_ERR(f));
	if (IS_ERR(f))
		return;
	KEXPECT_EQ(vfs_unlink(&at, "/u"), 0);
	KEXPECT_EQ(lookup_err(&at, "/u", 0), -ENOENT);
	KEXPECT_EQ(f->inode->nlink, 0);
	KEXPECT_EQ(kernel_pread(f, buf, sizeof(buf), 0), 4);
	KEXPECT(memcmp(buf, "data", 4) == 0);
	file_put(f);
}

KTEST(tmpfs, hard_links)
{
	struct vfs_at at = fresh();
	char buf[8];

	KEXPECT_EQ(put(&at, "/h1", "abc", 0), 3);
	KEXPECT_EQ(vfs_link(&at, "/h1", &at, "/h2", 0), 0);
	KEXPECT_EQ(st_of(&at, "/h1", true).st_nlink, 2);
	KEXPECT_EQ(st_of(&at, "/h1", true).st_ino, st_of(&at, "/h2", true).st_ino);
	KEXPECT_EQ(vfs_link(&at, "/h1", &at, "/h2", 0), -EEXIST);
	KEXPECT_EQ(vfs_mkdir(&at, "/dd", 0755), 0);
	KEXPECT_EQ(vfs_link(&at, "/dd", &at, "/dd2", 0), -EPERM);
	KEXPECT_EQ(vfs_unlink(&at, "/h1"), 0);
	KEXPECT_EQ(get(&at, "/h2", buf, sizeof(buf), 0), 3);
	KEXPECT_EQ(st_of(&at, "/h2", true).st_nlink, 1);
}

/* A getdents consumer that takes one entry per call and remembers names. */
struct one_entry {
	struct dir_context ctx;
	char name[32];
	int taken;
};

static bool take_one(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
		     unsigned dtype, int64_t next)
{
	struct one_entry *o = (struct one_entry *)ctx;

	(void)ino, (void)dtype, (void)next;
	if (o->taken)
		return false;
	memcpy(o->name, name, MIN(len, sizeof(o->name) - 1));
	o->name[MIN(len, sizeof(o->name) - 1)] = '\0';
	o->taken = 1;
	return true;
}

KTEST(tmpfs, getdents_stable_across_deletes)
{
	struct vfs_at at = fresh();
	const char *names[] = { "/n0", "/n1", "/n2", "/n3", "/n4" };
	struct file *dir;
	int seen[5] = { 0 }, total = 0, dots = 0;
	struct one_entry o = { .ctx = { .emit = take_one, .pos = 0 } };

	for (int i = 0; i < 5; i++)
		KEXPECT_EQ(put(&at, names[i], "", 0), 0);
	dir = vfs_open(&at, "/", O_RDONLY | O_DIRECTORY, 0);
	KEXPECT(!IS_ERR(dir));
	if (IS_ERR(dir))
		return;
	for (int step = 0; step < 20; step++) {
		o.taken = 0;
		dir->ops->iterate(dir, &o.ctx);
		if (!o.taken)
			break;
		if (o.name[0] == '.') {
			dots++;
		} else {
			seen[o.name[1] - '0']++;
			total++;
		}
		/* after the second name, delete one already listed and one not yet listed */
		if (total == 2 && step < 10) {
			KEXPECT_EQ(vfs_unlink(&at, "/n0"), 0);
			KEXPECT_EQ(vfs_unlink(&at, "/n3"), 0);
			total = 3;	/* count the bump once */
		}
	}
	KEXPECT_EQ(dots, 2);
	KEXPECT_EQ(seen[0], 1);
	KEXPECT_EQ(seen[1], 1);
	KEXPECT_EQ(seen[2], 1);
	KEXPECT_EQ(seen[3], 0);
	KEXPECT_EQ(seen[4], 1);
	file_put(dir);
}

/* ---- vfs: path walk ---- */

KTEST(vfs, dots_and_slashes)
{
	struct vfs_at at = fresh();

	KEXPECT_EQ(vfs_mkdir(&at, "/a", 0755), 0);
	KEXPECT_EQ(vfs_mkdir(&at, "/a/b", 0755), 0);
	KEXPECT_EQ(put(&at, "/a/f", "", 0), 0);
	KEXPECT_EQ(st_of(&at, "//a///b/", true).st_ino, st_of(&at, "/a/b", true).st_ino);
	KEXPECT_EQ(st_of(&at, "/a/./b/..", true).st_ino, st_of(&at, "/a", true).st_ino);
	KEXPECT_EQ(st_of(&at, "/../..", true).st_ino, st_of(&at, "/", true).st_ino);
	KEXPECT_EQ(lookup_err(&at, "/a/f/", 0), -ENOTDIR);
	KEXPECT_EQ(lookup_err(&at, "/a/f/x", 0), -ENOTDIR);
	KEXPECT_EQ(lookup_err(&at, "/a/nope/x", 0), -ENOENT);
	KEXPECT_EQ(lookup_err(&at, "", 0), -ENOENT);
	KEXPECT_EQ(lookup_err(&at, "", LOOKUP_EMPTY), 0);
	/* relative to a start directory */
	at.dir = inode_get(at.root);
	{
		struct inode *b;

		KEXPECT_EQ(vfs_lookup(&at, "a/b", 0, &b), 0);
		inode_put(at.dir);
		at.dir = b;
		KEXPECT_EQ(st_of(&at, "../f", true).st_mode, S_IFREG | 0644);
		inode_put(at.dir);
		at.dir = at.root;
	}
}

KTEST(vfs, name_limits)
{
	struct vfs_at at = fresh();
	char *p = kmalloc(VFS_PATH_MAX + 16);

	if (!p)
		return;
	memset(p, 'n', 300);
	p[0] = '/';
	p[257] = '\0';		/* a 256-byte component */
	KEXPECT_EQ(lookup_err(&at, p, 0), -ENAMETOOLONG);
	KEXPECT_EQ(vfs_mkdir(&at, p, 0755), -ENAMETOOLONG);
	p[256] = '\0';		/* 255 bytes: fine */
	KEXPECT_EQ(vfs_mkdir(&at, p, 0755), 0);
	for (int i = 0; i < VFS_PATH_MAX + 8; i += 2) {
		p[i] = '/';
		p[i + 1] = '.';
	}
	p[VFS_PATH_MAX + 8] = '\0';
	KEXPECT_EQ(lookup_err(&at, p, 0), -ENAMETOOLONG);
	p[VFS_PATH_MAX - 2] = '\0';	/* 4094 characters: within PATH_MAX */
	KEXPECT_EQ(lookup_err(&at, p, 0), 0);
	kfree(p);
}

KTEST(vfs, symlinks)
{
	struct vfs_at at = fresh();
	char buf[64];
	long n;

	KEXPECT_EQ(vfs_mkdir(&at, "/d", 0755), 0);
	KEXPECT_EQ(put(&at, "/d/file", "content", 0), 7);
	KEXPECT_EQ(vfs_symlink("d/file", &at, "/rel"), 0);
	KEXPECT_EQ(vfs_symlink("/d", &at, "/d/abs"), 0);
	KEXPECT_EQ(vfs_symlink("rel", &at, "/chain"), 0);
	KEXPECT_EQ(vfs_symlink("", &at, "/empty"), -ENOENT);
	KEXPECT_EQ(get(&at, "/chain", buf, sizeof(buf), 0), 7);
	KEXPECT_EQ(get(&at, "/d/abs/abs/abs/file", buf, sizeof(buf), 0), 7);
	KEXPECT_EQ(st_of(&at, "/rel", false).st_mode, S_IFLNK | 0777);
	KEXPECT_EQ(st_of(&at, "/rel", false).st_size, 6);
	KEXPECT_EQ(st_of(&at, "/rel", true).st_mode, S_IFREG | 0644);
	/* a trailing slash follows even without LOOKUP_FOLLOW */
	KEXPECT_EQ(st_of(&at, "/d/abs/", false).st_mode & S_IFMT, S_IFDIR);
	n = vfs_readlink(&at, "/chain", buf, sizeof(buf));
	KEXPECT_EQ(n, 3);
	KEXPECT(memcmp(buf, "rel", 3) == 0);
	KEXPECT_EQ(vfs_readlink(&at, "/chain", buf, 2), 2);
	KEXPECT_EQ(vfs_readlink(&at, "/d/file", buf, sizeof(buf)), -EINVAL);
	/* loops */
	KEXPECT_EQ(vfs_symlink("loop2", &at, "/loop1"), 0);
	KEXPECT_EQ(vfs_symlink("loop1", &at, "/loop2"), 0);
	KEXPECT_EQ(lookup_err(&at, "/loop1", LOOKUP_FOLLOW), -ELOOP);
	KEXPECT_EQ(lookup_err(&at, "/loop1/x", 0), -ELOOP);
	KEXPECT_EQ(lookup_err(&at, "/loop1", 0), 0);
	KEXPECT_EQ(vfs_symlink("nowhere", &at, "/dangling"), 0);
	KEXPECT_EQ(lookup_err(&at, "/dangling", LOOKUP_FOLLOW), -ENOENT);
}

/* 40 links in a chain resolve; 41 are ELOOP (Linux's MAXSYMLINKS). */
KTEST(vfs, symlink_limit_40)
{
	struct vfs_at at = fresh();
	char name[16], target[16];

	KEXPECT_EQ(put(&at, "/l0", "", 0), 0);
	for (int i = 1; i <= 41; i++) {
		ksnprintf(name, sizeof(name), "/l%d", i);
		ksnprintf(target, sizeof(target), "l%d", i - 1);
		KEXPECT_EQ(vfs_symlink(target, &at, name), 0);
	}
	KEXPECT_EQ(lookup_err(&at, "/l40", LOOKUP_FOLLOW), 0);
	KEXPECT_EQ(lookup_err(&at, "/l41", LOOKUP_FOLLOW), -ELOOP);
}

KTEST(vfs, open_flags)
{
	struct vfs_at at = fresh();
	struct linux_stat st;

	KEXPECT_EQ(vfs_mkdir(&at, "/dir", 0755), 0);
	KEXPECT_EQ(put(&at, "/f", "12345", 0), 5);
	KEXPECT_EQ(vfs_symlink("f", &at, "/sl"), 0);
	KEXPECT_EQ(vfs_symlink("created", &at, "/dl"), 0);
	KEXPECT_EQ(open_err(&at, "/f", O_RDWR | O_CREAT | O_EXCL), -EEXIST);
	KEXPECT_EQ(open_err(&at, "/sl", O_RDWR | O_CREAT | O_EXCL), -EEXIST);
	KEXPECT_EQ(open_err(&at, "/f", O_RDONLY | O_DIRECTORY), -ENOTDIR);
	KEXPECT_EQ(open_err(&at, "/dir", O_WRONLY), -EISDIR);
	KEXPECT_EQ(open_err(&at, "/dir", O_RDONLY | O_CREAT), -EISDIR);
	KEXPECT_EQ(open_err(&at, "/new/", O_RDWR | O_CREAT), -EISDIR);
	KEXPECT_EQ(open_err(&at, "/f/", O_RDONLY), -ENOTDIR);
	KEXPECT_EQ(open_err(&at, "/sl", O_RDONLY | O_NOFOLLOW), -ELOOP);
	KEXPECT_EQ(open_err(&at, "/sl", O_PATH | O_NOFOLLOW), 0);
	KEXPECT_EQ(open_err(&at, "/missing", O_RDONLY), -ENOENT);
	/* O_CREAT through a dangling symlink creates its target */
	KEXPECT_EQ(open_err(&at, "/dl", O_RDWR | O_CREAT), 0);
	KEXPECT_EQ(st_of(&at, "/created", false).st_mode, S_IFREG | 0644);
	/* O_TRUNC */
	KEXPECT_EQ(open_err(&at, "/f", O_WRONLY | O_TRUNC), 0);
	st = st_of(&at, "/f", true);
	KEXPECT_EQ(st.st_size, 0);
}

KTEST(vfs, permissions)
{
	struct vfs_at at = fresh();
	struct cred user = { .uid = 1000, .euid = 1000, .fsuid = 1000, .gid = 100, .fsgid = 100 };
	struct cred root = { 0 };
	struct vfs_at as_user = at, as_root = at;
	struct inode *ino;

	as_user.cred = &user;
	as_root.cred = &root;
	KEXPECT_EQ(put(&at, "/secret", "s", 0), 1);
	KEXPECT_EQ(vfs_lookup(&at, "/secret", 0, &ino), 0);
	KEXPECT_EQ(vfs_chmod(ino, NULL, 0600), 0);
	KEXPECT_EQ(open_err(&as_user, "/secret", O_RDONLY), -EACCES);
	KEXPECT_EQ(open_err(&as_root, "/secret", O_RDWR), 0);
	KEXPECT_EQ(vfs_permission(ino, &root, MAY_EXEC), -EACCES);	/* no x bit at all */
	KEXPECT_EQ(vfs_chmod(ino, &user, 0777), -EPERM);
	KEXPECT_EQ(vfs_chown(ino, &user, 1000, -1), -EPERM);
	KEXPECT_EQ(vfs_chown(ino, NULL, 1000, 100), 0);
	KEXPECT_EQ(vfs_chmod(ino, &user, 0604), 0);		/* now the owner */
	KEXPECT_EQ(open_err(&as_user, "/secret", O_RDONLY), 0);
	KEXPECT_EQ(vfs_chown(ino, &user, -1, 5), -EPERM);	/* not in group 5 */
	inode_put(ino);
	/* a directory without x cannot be walked through, one without w not changed */
	KEXPECT_EQ(vfs_mkdir(&at, "/closed", 0600), 0);
	KEXPECT_EQ(put(&at, "/closed/f", "", 0), 0);
	KEXPECT_EQ(lookup_err(&as_user, "/closed/f", 0), -EACCES);
	KEXPECT_EQ(lookup_err(&as_root, "/closed/f", 0), 0);
	KEXPECT_EQ(vfs_mkdir(&as_user, "/mine", 0755), -EACCES);	/* / is 0755 root */
	KEXPECT_EQ(vfs_unlink(&as_user, "/secret"), -EACCES);
	/* sticky /tmp: only the owner removes */
	KEXPECT_EQ(vfs_mkdir(&at, "/tmp", 01777), 0);
	KEXPECT_EQ(put(&at, "/tmp/roots", "", 0), 0);
	KEXPECT_EQ(open_err(&as_user, "/tmp/users", O_RDWR | O_CREAT), 0);
	KEXPECT_EQ(st_of(&at, "/tmp/users", false).st_uid, 1000);
	KEXPECT_EQ(vfs_unlink(&as_user, "/tmp/roots"), -EPERM);
	KEXPECT_EQ(vfs_unlink(&as_user, "/tmp/users"), 0);
}

KTEST(vfs, path_of_and_mount)
{
	struct vfs_at at = fresh();
	struct inode *other = tmpfs_create_root(), *dir;
	char buf[64];

	KEXPECT_EQ(vfs_mkdir(&at, "/x", 0755), 0);
	KEXPECT_EQ(vfs_mkdir(&at, "/x/yy", 0755), 0);
	KEXPECT_EQ(vfs_lookup(&at, "/x/yy", 0, &dir), 0);
	KEXPECT_EQ(vfs_path_of(at.root, dir, buf, sizeof(buf)), 6);
	KEXPECT(strcmp(buf, "/x/yy") == 0);
	KEXPECT_EQ(vfs_path_of(at.root, dir, buf, 5), -ERANGE);
	KEXPECT_EQ(vfs_path_of(at.root, at.root, buf, sizeof(buf)), 2);
	KEXPECT(strcmp(buf, "/") == 0);
	KEXPECT_EQ(vfs_rmdir(&at, "/x/yy"), 0);
	KEXPECT_EQ(vfs_path_of(at.root, dir, buf, sizeof(buf)), -ENOENT);
	KEXPECT_EQ(lookup_err(&at, "/x/yy/..", 0), -ENOENT);
	inode_put(dir);

	/* mount a second tmpfs: walks cross into it, ".." comes back, st_dev differs */
	KEXPECT(other != NULL);
	if (!other)
		return;
	if (vfs_root() == NULL)
		vfs_init();
	{
		struct vfs_at g = { .root = vfs_root(), .dir = vfs_root(), .cred = NULL };

		vfs_mkdir(&g, "/ktest_mnt", 0755);
		KEXPECT_EQ(vfs_mount("/ktest_mnt", other), 0);
		KEXPECT_EQ(vfs_mount("/ktest_mnt", other), -EBUSY);
		KEXPECT_EQ(put(&g, "/ktest_mnt/inner", "i", 0), 1);
		KEXPECT(st_of(&g, "/ktest_mnt/inner", true).st_dev != st_of(&g, "/", true).st_dev);
		KEXPECT_EQ(st_of(&g, "/ktest_mnt/..", true).st_ino, st_of(&g, "/", true).st_ino);
		KEXPECT_EQ(vfs_rmdir(&g, "/ktest_mnt"), -EBUSY);
		KEXPECT_EQ(vfs_link(&g, "/ktest_mnt/inner", &g, "/ktest_link", 0), -EXDEV);
		KEXPECT_EQ(vfs_lookup(&g, "/ktest_mnt", 0, &dir), 0);
		KEXPECT_EQ(vfs_path_of(g.root, dir, buf, sizeof(buf)), 11);
		KEXPECT(strcmp(buf, "/ktest_mnt") == 0);
		inode_put(dir);
	}
}

/* ---- /dev and the random generator ---- */

KTEST(vfs, dev_nodes)
{
	struct vfs_at g;
	struct file *f;

	vfs_init();
	g = (struct vfs_at){ .root = vfs_root(), .dir = vfs_root(), .cred = NULL };
	KEXPECT_EQ(st_of(&g, "/dev/null", true).st_mode, S_IFCHR | 0666);
	KEXPECT_EQ(st_of(&g, "/dev/null", true).st_rdev, vfs_mkdev(1, 3));
	KEXPECT_EQ(st_of(&g, "/dev/urandom", true).st_rdev, vfs_mkdev(1, 9));
	f = vfs_open(&g, "/dev/zero", O_RDWR, 0);
	KEXPECT(!IS_ERR(f));
	if (!IS_ERR(f)) {
		KEXPECT(f->ops->read != NULL);
		KEXPECT_EQ(f->ops->lseek(f, 100, SEEK_SET), 0);
		file_put(f);
	}
	/* an unknown device number opens as ENXIO */
	KEXPECT_EQ(vfs_mknod(&g, "/dev/ktest_nodev", S_IFCHR | 0600, vfs_mkdev(250, 1)), 0);
	KEXPECT_EQ(open_err(&g, "/dev/ktest_nodev", O_RDONLY), -ENXIO);
	KEXPECT_EQ(vfs_unlink(&g, "/dev/ktest_nodev"), 0);
	KEXPECT_EQ(vfs_major(vfs_mkdev(4095, 1048575)), 4095);
	KEXPECT_EQ(vfs_minor(vfs_mkdev(4095, 1048575)), 1048575);
}

/* RFC 8439 section 2.3.2: key 00..1f, nonce 00:00:00:09 00:00:00:4a 00:00:00:00, counter 1. */
KTEST(vfs, chacha20_rfc8439)
{
	static const uint32_t expect[16] = {
		0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3, 0xc7f4d1c7, 0x0368c033,
		0x9aaa2204, 0x4e6cd4c3, 0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9,
		0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2,
	};
	const uint32_t nonce[3] = { 0x09000000, 0x4a000000, 0 };
	uint32_t key[8], out[16];

	for (int i = 0; i < 8; i++)
		key[i] = (uint32_t)(4 * i) | (uint32_t)(4 * i + 1) << 8 |
			 (uint32_t)(4 * i + 2) << 16 | (uint32_t)(4 * i + 3) << 24;
	chacha20_block(key, 1, nonce, out);
	for (int i = 0; i < 16; i++)
		KEXPECT_EQ(out[i], expect[i]);
}

KTEST(vfs, random_differs)
{
	uint8_t a[32], b[32];
	int same = 0;

	get_random_bytes(a, sizeof(a));
	get_random_bytes(b, sizeof(b));
	for (size_t i = 0; i < sizeof(a); i++)
		same += a[i] == b[i];
	KEXPECT(same < 8);	/* 32 equal-by-chance bytes would be 1 in 2^256 */
}

/* ---- the initrd ---- */

/* Append a newc member (like cpio -o -H newc). */
static size_t member(char *buf, size_t len, const char *name, unsigned mode, const char *data,
		     unsigned ino, unsigned nlink)
{
	size_t namesize = strlen(name) + 1, size = strlen(data);

	len += (size_t)ksnprintf(buf + len, 111,
				 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", ino,
				 mode, 0u, 0u, nlink, 1700000000u, (unsigned)size, 0u, 0u, 0u, 0u,
				 (unsigned)namesize, 0u);
	memcpy(buf + len, name, namesize);
	len += namesize;
	while (len % 4)
		buf[len++] = 0;
	memcpy(buf + len, data, size);
	len += size;
	while (len % 4)
		buf[len++] = 0;
	return len;
}

KTEST(vfs, initrd_unpack)
{
	struct vfs_at at = fresh();
	char *a = kzalloc(4096);
	char buf[32];
	size_t len = 0;

	if (!a)
		return;
	len = member(a, len, ".", 040755, "", 1, 2);
	len = member(a, len, "bin/tool", 0100750, "#!/bin/sh\n", 2, 1);	/* parent implied */
	len = member(a, len, "bin/sh", 0120777, "busybox", 3, 1);
	len = member(a, len, "etc", 040700, "", 4, 2);
	len = member(a, len, "h1", 0100644, "", 5, 2);		/* GNU cpio: data on last */
	len = member(a, len, "h2", 0100644, "hl", 5, 2);
	len = member(a, len, "TRAILER!!!", 0, "", 0, 1);
	KEXPECT_EQ(initrd_unpack(at.root, a, len), 0);
	KEXPECT_EQ(st_of(&at, "/bin", true).st_mode, S_IFDIR | 0755);
	KEXPECT_EQ(st_of(&at, "/bin/tool", true).st_mode, S_IFREG | 0750);
	KEXPECT_EQ(st_of(&at, "/bin/tool", true).st_mtim.tv_sec, 1700000000);
	KEXPECT_EQ(get(&at, "/bin/tool", buf, sizeof(buf), 0), 10);
	KEXPECT_EQ(vfs_readlink(&at, "/bin/sh", buf, sizeof(buf)), 7);
	KEXPECT_EQ(st_of(&at, "/etc", true).st_mode, S_IFDIR | 0700);
	KEXPECT_EQ(st_of(&at, "/h1", true).st_ino, st_of(&at, "/h2", true).st_ino);
	KEXPECT_EQ(get(&at, "/h1", buf, sizeof(buf), 0), 2);
	/* a corrupt archive is reported, not trusted */
	KEXPECT_EQ(initrd_unpack(at.root, a, 50), -EINVAL);
	kfree(a);
}

/* ---- fd tables ---- */

/* A file on a fresh tmpfs inode, for fd tests. */
static struct file *some_file(void)
{
	struct vfs_at at = fresh();

	put(&at, "/f", "", 0);
	return vfs_open(&at, "/f", O_RDWR, 0);
}

KTEST(fd, lowest_free_and_limits)
{
	struct files *fs = files_create();
	struct file *f = some_file();

	KEXPECT(fs && !IS_ERR(f));
	if (!fs || IS_ERR(f))
		return;
	for (int i = 0; i < 3; i++) {
		file_get(f);
		KEXPECT_EQ(fd_alloc(fs, f, 0, false, 5), i);
	}
	KEXPECT_EQ(fd_close(fs, 1), 0);
	KEXPECT_EQ(fd_close(fs, 1), -EBADF);
	file_get(f);
	KEXPECT_EQ(fd_alloc(fs, f, 0, false, 5), 1);	/* the lowest free one again */
	file_get(f);
	KEXPECT_EQ(fd_alloc(fs, f, 4, true, 5), 4);
	file_get(f);
	KEXPECT_EQ(fd_alloc(fs, f, 4, false, 5), -EMFILE);
	file_put(f);		/* the table did not take that one */
	KEXPECT_EQ(fd_alloc(fs, f, 5, false, 5), -EINVAL);
	KEXPECT_EQ(fd_get_cloexec(fs, 4), 1);
	KEXPECT_EQ(fd_get_cloexec(fs, 3), -EBADF);
	KEXPECT_EQ(fd_dup_to(fs, 0, 40, false, 64), 40);	/* grows the table */
	KEXPECT_EQ(fd_dup_to(fs, 3, 41, false, 64), -EBADF);
	KEXPECT_EQ(fd_dup_to(fs, 0, 64, false, 64), -EBADF);
	KEXPECT_EQ(f->refcount, 6);	/* ours + fds 0, 1, 2, 4, 40 */
	files_put(fs);
	KEXPECT_EQ(f->refcount, 1);
	file_put(f);
}

KTEST(fd, dup_fork_exec)
{
	struct files *fs = files_create(), *child;
	struct file *f = some_file(), *g;

	KEXPECT(fs && !IS_ERR(f));
	if (!fs || IS_ERR(f))
		return;
	KEXPECT_EQ(fd_alloc(fs, f, 0, false, 64), 0);
	KEXPECT_EQ(fd_dup_to(fs, 0, 3, true, 64), 3);
	child = files_dup(fs);
	KEXPECT(child != NULL);
	if (!child)
		return;
	/* fork shares the open file (and so its offset), not the table */
	g = fd_lookup(child, 3);
	KEXPECT(g == f);
	KEXPECT_EQ(fd_get_cloexec(child, 3), 1);
	file_put(g);
	KEXPECT_EQ(fd_close(child, 0), 0);
	g = fd_lookup(fs, 0);
	KEXPECT(g == f);
	file_put(g);
	files_close_on_exec(child);
	KEXPECT(fd_lookup(child, 3) == NULL);
	KEXPECT_EQ(fd_set_cloexec(fs, 3, false), 0);
	KEXPECT_EQ(fd_get_cloexec(fs, 3), 0);
	KEXPECT(files_get(child) == child);
	files_put(child);
	files_put(child);
	files_put(fs);
}

/* The lead's exec entry points, from the kernel (no current process: paths start at "/"). */
KTEST(vfs, exec_open_and_abspath)
{
	struct vfs_at g;
	struct inode *ino;
	struct file *f;
	char buf[32];

	vfs_init();
	g = (struct vfs_at){ .root = vfs_root(), .dir = vfs_root(), .cred = NULL };
	vfs_mkdir(&g, "/ktest_exec", 0755);
	KEXPECT_EQ(put(&g, "/ktest_exec/prog", "\177ELF", 0), 4);
	KEXPECT_EQ(put(&g, "/ktest_exec/data", "x", 0), 1);
	KEXPECT_EQ(vfs_lookup(&g, "/ktest_exec/prog", 0, &ino), 0);
	KEXPECT_EQ(vfs_chmod(ino, NULL, 0111), 0);	/* --x: runs without being readable */
	inode_put(ino);
	f = kernel_open_exec("/ktest_exec/prog");
	KEXPECT(!IS_ERR(f));
	if (!IS_ERR(f)) {
		KEXPECT_EQ(file_size(f), 4);
		KEXPECT_EQ(kernel_pread(f, buf, sizeof(buf), 1), 3);
		KEXPECT(memcmp(buf, "ELF", 3) == 0);
		file_put(f);
	}
	KEXPECT_EQ(PTR_ERR(kernel_open_exec("/ktest_exec/data")), -EACCES);	/* no x bit */
	KEXPECT_EQ(PTR_ERR(kernel_open_exec("/ktest_exec")), -EACCES);	/* a directory */
	KEXPECT_EQ(PTR_ERR(kernel_open_exec("/ktest_exec/none")), -ENOENT);
	KEXPECT_EQ(PTR_ERR(kernel_open_exec("/ktest_exec/data/x")), -ENOTDIR);
	KEXPECT_EQ(kernel_abspath("bin/sh", buf, sizeof(buf)), 0);
	KEXPECT(strcmp(buf, "/bin/sh") == 0);
	KEXPECT_EQ(kernel_abspath("/abs", buf, sizeof(buf)), 0);
	KEXPECT(strcmp(buf, "/abs") == 0);
	KEXPECT_EQ(kernel_abspath("a-rather-long-relative-name", buf, 8), -ENAMETOOLONG);
}
