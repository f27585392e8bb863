/*
 * dev.c - character devices: the table from device number to driver, /dev, and the devices that
 * need no hardware (null, zero, full, random, urandom), plus getrandom(2).
 *
 * A device node is an inode of type S_IFCHR whose rdev says which driver answers when it is
 * opened: open() finds the file_ops registered for that major:minor here. The node itself is just
 * a name in tmpfs, so `mknod /tmp/mynull c 1 3` makes a second /dev/null.
 *
 * Random numbers come from a ChaCha20 generator (RFC 8439's block function) with "fast key
 * erasure": every request is answered from keystream blocks and then the key is replaced by fresh
 * keystream, so a key stolen later cannot reveal earlier output. The key is seeded at boot from
 * the CPU's RDSEED/RDRAND when it has them, mixed with cycle-counter jitter, and whatever is
 * written to /dev/random or /dev/urandom is mixed in as well. Like Linux since 5.6, /dev/random
 * and getrandom() never block once the generator is seeded, which is at boot.
 */
#include "vfs.h"
#include "file.h"
#include "random.h"

#include "err.h"
#include "kernel.h"
#include "spinlock.h"
#include "string.h"
#include "syscall.h"
#include "uaccess.h"
#include "console.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/random.h"
#include <arch.h>

/* ---- the device table ---- */

#define CHRDEV_MAX	32

struct chrdev {
	uint64_t rdev;
	char name[16];
	uint32_t mode;
	const struct file_ops *ops;
};

static struct chrdev chrdevs[CHRDEV_MAX];
static int nchrdevs;
static struct spinlock chrdev_lock = SPINLOCK_INIT("chrdev");

/* Create /dev/name for a device (after vfs_init); an existing node is left alone. */
static void make_node(const char *name, uint32_t mode, uint64_t rdev)
{
	struct vfs_at at = { .root = vfs_root(), .dir = vfs_root(), .cred = NULL };
	char path[32] = "/dev/";
	int err;

	if (!vfs_root() || !name[0])
		return;
	strlcpy(path + 5, name, sizeof(path) - 5);
	err = vfs_mknod(&at, path, S_IFCHR | (mode & 07777), rdev);
	if (err && err != -EEXIST)
		kprintf("dev: cannot create %s: error %d\n", path, err);
}

int chrdev_register(uint32_t major, uint32_t minor, const char *name, uint32_t mode,
		    const struct file_ops *ops)
{
	uint64_t rdev = vfs_mkdev(major, minor);
	struct chrdev *d = NULL;

	spin_lock(&chrdev_lock);
	for (int i = 0; i < nchrdevs; i++)
		if (chrdevs[i].rdev == rdev)
			d = &chrdevs[i];
	if (!d && nchrdevs < CHRDEV_MAX)
		d = &chrdevs[nchrdevs++];
	if (!d) {
		spin_unlock(&chrdev_lock);
		return -ENOSPC;
	}
	d->rdev = rdev;
	d->mode = mode;
	d->ops = ops;
	strlcpy(d->name, name ? name : "", sizeof(d->name));
	spin_unlock(&chrdev_lock);
	if (name)
		make_node(name, mode, rdev);
	return 0;
}

/* Register ops only if nobody has claimed the number yet (fallback drivers). */
static void chrdev_register_default(uint32_t major, uint32_t minor, const char *name,
				    uint32_t mode, const struct file_ops *ops)
{
	if (!chrdev_lookup(vfs_mkdev(major, minor)))
		chrdev_register(major, minor, name, mode, ops);
}

const struct file_ops *chrdev_lookup(uint64_t rdev)
{
	const struct file_ops *ops = NULL;

	spin_lock(&chrdev_lock);
	for (int i = 0; i < nchrdevs; i++)
		if (chrdevs[i].rdev == rdev)
			ops = chrdevs[i].ops;
	spin_unlock(&chrdev_lock);
	return ops;
}

/* ---- ChaCha20 ---- */

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define QR(a, b, c, d)                                                       \
	do {                                                                 \
		a += b, d ^= a, d = ROTL(d, 16);                             \
		c += d, b ^= c, b = ROTL(b, 12);                             \
		a += b, d ^= a, d = ROTL(d, 8);                              \
		c += d, b ^= c, b = ROTL(b, 7);                              \
	} while (0)

/* One 64-byte block of keystream for key, counter and nonce (RFC 8439 section 2.3). */
void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
		    uint32_t out[16])
{
	uint32_t in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
	uint32_t x[16];

	memcpy(&in[4], key, 32);
	in[12] = counter;
	memcpy(&in[13], nonce, 12);
	memcpy(x, in, sizeof(x));
	for (int i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] = x[i] + in[i];
}

static struct {
	struct spinlock lock;
	uint32_t key[8];
	uint32_t nonce[3];	/* counts requests, so no (key, nonce) pair repeats */
	bool seeded;
} rng = { .lock = SPINLOCK_INIT("random") };

/* XOR 32 bytes into the key and stir: the key becomes the first half of a fresh block. */
static void rng_mix_locked(const uint32_t extra[8])
{
	uint32_t block[16];

	for (int i = 0; i < 8; i++)
		rng.key[i] ^= extra[i];
	rng.nonce[0]++;
	chacha20_block(rng.key, 0, rng.nonce, block);
	memcpy(rng.key, block, 32);
	memset(block, 0, sizeof(block));
}

/* Seed from the CPU's generator and cycle-counter jitter. */
static void rng_seed(void)
{
	uint32_t seed[8];

	for (int i = 0; i < 8; i += 2) {
		uint64_t v = 0, t0 = arch_cycles();

		arch_random_seed(&v);
		/* the low bits of timing a few spinlock round trips vary from run to run */
		for (int j = 0; j < 16; j++) {
			spin_lock(&rng.lock);
			spin_unlock(&rng.lock);
		}
		v ^= (arch_cycles() - t0) << 32 ^ arch_cycles();
		seed[i] = (uint32_t)v;
		seed[i + 1] = (uint32_t)(v >> 32);
	}
	spin_lock(&rng.lock);
	rng_mix_locked(seed);
	rng.seeded = true;
	spin_unlock(&rng.lock);
	memset(seed, 0, sizeof(seed));
}

void get_random_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;
	uint32_t block[16];
	uint32_t counter = 1;	/* block 0 of each request becomes the next key */

	if (!rng.seeded)
		rng_seed();
	spin_lock(&rng.lock);
	rng.nonce[0]++;
	if (rng.nonce[0] == 0)
		rng.nonce[1]++;
	while (n) {
		size_t chunk = MIN(n, sizeof(block));

		chacha20_block(rng.key, counter++, rng.nonce, block);
		memcpy(p, block, chunk);
		p += chunk;
		n -= chunk;
	}
	chacha20_block(rng.key, 0, rng.nonce, block);
	memcpy(rng.key, block, 32);	/* fast key erasure */
	spin_unlock(&rng.lock);
	memset(block, 0, sizeof(block));
}

/* Copy n random bytes to user memory in small chunks: bytes copied or -EFAULT. */
static long random_to_user(void __user *buf, size_t n)
{
	uint8_t tmp[256];
	size_t done = 0;

	while (done < n) {
		size_t chunk = MIN(n - done, sizeof(tmp));

		get_random_bytes(tmp, chunk);
		if (copy_to_user((char *)buf + done, tmp, chunk)) {
			memset(tmp, 0, sizeof(tmp));
			return done ? (long)done : -EFAULT;
		}
		done += chunk;
	}
	memset(tmp, 0, sizeof(tmp));
	return (long)done;
}

/* ---- the memory devices ---- */

static long null_read(struct file *f, void __user *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return 0;
}

static long null_write(struct file *f, const void __user *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)pos;
	return (long)n;
}

/* Seeking a memory device always succeeds and goes nowhere. */
static int64_t null_lseek(struct file *f, int64_t off, int whence)
{
	(void)off, (void)whence;
	f->pos = 0;
	return 0;
}

static long zero_read(struct file *f, void __user *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)pos;
	if (clear_user(buf, n))
		return -EFAULT;
	return (long)n;
}

static long full_write(struct file *f, const void __user *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -ENOSPC;
}

static long random_read(struct file *f, void __user *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)pos;
	return random_to_user(buf, n);
}

/* Writing to /dev/random mixes the bytes in (it never credits entropy, as on Linux). */
static long random_write(struct file *f, const void __user *buf, size_t n, uint64_t *pos)
{
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		uint32_t extra[8] = { 0 };
		size_t chunk = MIN(n - done, sizeof(extra));

		if (copy_from_user(extra, (const char *)buf + done, chunk))
			return done ? (long)done : -EFAULT;
		spin_lock(&rng.lock);
		rng_mix_locked(extra);
		spin_unlock(&rng.lock);
		done += chunk;
	}
	return (long)done;
}

static const struct file_ops null_fops = {
	.read = null_read, .write = null_write, .lseek = null_lseek,
};
static const struct file_ops zero_fops = {
	.read = zero_read, .write = null_write, .lseek = null_lseek,
};
static const struct file_ops full_fops = {
	.read = zero_read, .write = full_write, .lseek = null_lseek,
};
static const struct file_ops random_fops = {
	.read = random_read, .write = random_write, .lseek = null_lseek,
};

/*
 * A plain console until the tty driver registers /dev/console and /dev/tty (5:1, 5:0): reads
 * wait for one character and take whatever else is queued, writes go to every console.
 */
static long cons_read(struct file *f, void __user *buf, size_t n, uint64_t *pos)
{
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		int c = done ? console_trygetc() : console_getc();
		char ch = (char)c;

		if (c < 0)
			break;
		if (copy_to_user((char *)buf + done, &ch, 1))
			return done ? (long)done : -EFAULT;
		done++;
		if (ch == '\n')
			break;
	}
	return (long)done;
}

static long cons_write(struct file *f, const void __user *buf, size_t n, uint64_t *pos)
{
	char tmp[128];
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		size_t chunk = MIN(n - done, sizeof(tmp));

		if (copy_from_user(tmp, (const char *)buf + done, chunk))
			return done ? (long)done : -EFAULT;
		console_write(tmp, chunk);
		done += chunk;
	}
	return (long)done;
}

static const struct file_ops console_fallback_fops = {
	.read = cons_read, .write = cons_write,
};

/* The devices every system has, with Linux's numbers and modes. */
static const struct {
	uint32_t major, minor;
	const char *name;
	uint32_t mode;
	const struct file_ops *ops;
} builtin[] = {
	{ 1, 3, "null", 0666, &null_fops },
	{ 1, 5, "zero", 0666, &zero_fops },
	{ 1, 7, "full", 0666, &full_fops },
	{ 1, 8, "random", 0666, &random_fops },
	{ 1, 9, "urandom", 0666, &random_fops },
};

/* Convenience links into /proc/self/fd, as udev makes them. */
static const char *const dev_links[][2] = {
	{ "/proc/self/fd", "/dev/fd" },
	{ "/proc/self/fd/0", "/dev/stdin" },
	{ "/proc/self/fd/1", "/dev/stdout" },
	{ "/proc/self/fd/2", "/dev/stderr" },
};

void dev_init(void)
{
	struct vfs_at at = { .root = vfs_root(), .dir = vfs_root(), .cred = NULL };
	int err;

	rng_seed();
	err = vfs_mkdir(&at, "/dev", 0755);
	if (err && err != -EEXIST) {
		kprintf("dev: cannot create /dev: error %d\n", err);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(builtin); i++)
		chrdev_register(builtin[i].major, builtin[i].minor, builtin[i].name,
				builtin[i].mode, builtin[i].ops);
	chrdev_register_default(5, 0, "tty", 0666, &console_fallback_fops);
	chrdev_register_default(5, 1, "console", 0600, &console_fallback_fops);
	/* nodes for drivers that registered before the root existed */
	for (int i = 0; i < nchrdevs; i++)
		make_node(chrdevs[i].name, chrdevs[i].mode, chrdevs[i].rdev);
	for (size_t i = 0; i < ARRAY_SIZE(dev_links); i++)
		vfs_symlink(dev_links[i][0], &at, dev_links[i][1]);
}

/* ---- getrandom(2) ---- */

#define GETRANDOM_MAX	33554431	/* Linux answers at most this much per call */

long sys_getrandom(void __user *buf, size_t len, unsigned int flags)
{
	if (flags & ~(unsigned)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	return random_to_user(buf, MIN(len, (size_t)GETRANDOM_MAX));
}
