/*
 * tty.c - the console tty: the line discipline between the console and the processes.
 *
 * Input path: a key press or a serial byte reaches console_input() in an interrupt handler,
 * which hands it to tty_receive() once the tty is attached. Under the tty lock the line
 * discipline edits, echoes and stores it, and readers sleeping on read_wait are woken when
 * something became readable. Output path: tty_write() runs the bytes through the discipline's
 * output processing (NL -> CR NL) into console_write(), which shows them on every console.
 *
 * Reads sleep on a wait queue; the non-canonical VMIN/VTIME rules decide for how long:
 *	MIN = 0, TIME = 0	return what is there, perhaps nothing
 *	MIN = 0, TIME > 0	wait up to TIME tenths of a second for the first byte
 *	MIN > 0, TIME = 0	wait until MIN bytes (or as many as asked for) are there
 *	MIN > 0, TIME > 0	wait for the first byte, then until MIN, or TIME between bytes
 * While interrupts are not routed yet some input devices are polled (console_poll()); a
 * sleeping reader then wakes every few milliseconds to poll them, since no interrupt would
 * wake it.
 *
 * Lock order: tty->lock, then the console output lock (inside write_out). The tty lock is
 * a spinlock, taken with interrupts off, because tty_receive() runs in interrupt handlers.
 */
#include "kernel.h"
#include "string.h"
#include "console.h"
#include "tty.h"
#include "vt.h"
#include "vfs.h"
#include "file.h"
#include "poll.h"
#include "kmalloc.h"
#include "sched.h"
#include "uaccess.h"
#include "ktest.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
#include "kerrno.h"
#include <arch.h>

#define TENTH_NS	100000000ULL	/* VTIME unit: 0.1 s */
#define POLL_NS		5000000ULL	/* how often a reader polls input devices without IRQs */

static struct tty console_tty;
static bool console_attached;
static struct spinlock attach_lock = SPINLOCK_INIT("tty-attach");

/* ---- output ---- */

static void flush_out(struct tty *tty)
{
	if (tty->olen) {
		tty->write_out(tty->obuf, tty->olen);
		tty->olen = 0;
	}
}

/* The line discipline's output callback: gather bytes, write when the buffer is full. */
static void ld_out(void *ctx, const char *s, size_t n)
{
	struct tty *tty = ctx;

	while (n) {
		size_t k = MIN(n, TTY_OBUF - tty->olen);

		memcpy(tty->obuf + tty->olen, s, k);
		tty->olen += k;
		s += k;
		n -= k;
		if (tty->olen == TTY_OBUF)
			flush_out(tty);
	}
}

static void ld_signal(void *ctx, int sig)
{
	tty_signal_fg(ctx, sig);
}

static void ld_start(void *ctx)
{
	struct tty *tty = ctx;

	wake_up(&tty->write_wait);
}

void tty_signal_fg(struct tty *tty, int sig)
{
	(void)tty, (void)sig;	/* no process groups before issue 5: nobody to signal */
}

void tty_setup(struct tty *tty, void (*out)(const char *s, size_t n))
{
	memset(tty, 0, sizeof(*tty));
	tty->magic = TTY_MAGIC;
	spinlock_init(&tty->lock, "tty");
	waitqueue_init(&tty->read_wait, "tty-read");
	waitqueue_init(&tty->write_wait, "tty-write");
	ldisc_init(&tty->ld, ld_out, ld_signal, tty);
	tty->ld.start = ld_start;
	tty->write_out = out;
	tty->winsize.ws_col = vt_screen ? (uint16_t)vt_screen->cols : 80;
	tty->winsize.ws_row = vt_screen ? (uint16_t)vt_screen->rows : 25;
}

/* ---- input ---- */

void tty_receive(struct tty *tty, char c)
{
	spin_lock(&tty->lock);
	size_t before = ldisc_readable(&tty->ld);
	ldisc_receive(&tty->ld, c);
	bool more = ldisc_readable(&tty->ld) != before;
	flush_out(tty);
	spin_unlock(&tty->lock);
	if (more)
		wake_up(&tty->read_wait);
}

static void console_receive(char c)
{
	tty_receive(&console_tty, c);
}

/*
 * The console tty takes over the console input, and what was typed ahead, at first use. Input
 * arriving on another CPU while this runs may overtake the last type-ahead bytes; nothing is lost.
 */
static struct tty *console_get(void)
{
	if (__atomic_load_n(&console_attached, __ATOMIC_ACQUIRE))
		return &console_tty;
	spin_lock(&attach_lock);
	if (!console_attached) {
		int c;

		console_input_hook = console_receive;
		while ((c = console_trygetc()) >= 0)
			tty_receive(&console_tty, (char)c);
		__atomic_store_n(&console_attached, true, __ATOMIC_RELEASE);
	}
	spin_unlock(&attach_lock);
	return &console_tty;
}

struct tty *tty_console(void)
{
	return console_get();
}

/*
 * Sleep until ready(tty, arg) holds (checked under the tty lock), a signal arrives, or the
 * clock passes deadline (0: no deadline). 0, -ETIMEDOUT or -ERESTARTSYS.
 */
static int tty_wait(struct tty *tty, struct waitqueue *wq, bool (*ready)(struct tty *, size_t),
		    size_t arg, uint64_t deadline)
{
	struct wait_entry we = { .thread = NULL };
	int ret = 0;

	for (;;) {
		bool polled = console_input_polled();

		if (polled)
			console_poll();
		prepare_to_wait(wq, &we, 1);
		spin_lock(&tty->lock);
		bool ok = ready(tty, arg);
		spin_unlock(&tty->lock);
		if (ok)
			break;
		if (signal_pending_current()) {
			ret = -ERESTARTSYS;
			break;
		}
		uint64_t now = arch_clock_ns();
		if (deadline && now >= deadline) {
			ret = -ETIMEDOUT;
			break;
		}
		uint64_t nap = deadline ? deadline - now : 0;
		if (polled && (!nap || nap > POLL_NS))
			nap = POLL_NS;
		if (nap)
			schedule_timeout((int64_t)nap);
		else
			schedule();
	}
	finish_wait(wq, &we);
	return ret;
}

static bool readable_at_least(struct tty *tty, size_t n)
{
	return ldisc_readable(&tty->ld) >= n;
}

static bool output_started(struct tty *tty, size_t unused)
{
	(void)unused;
	return !tty->ld.stopped;
}

static size_t take(struct tty *tty, char *buf, size_t n)
{
	spin_lock(&tty->lock);
	size_t got = ldisc_read(&tty->ld, buf, n);
	spin_unlock(&tty->lock);
	return got;
}

long tty_read_from(struct tty *tty, char *buf, size_t n, bool nonblock)
{
	int err;

	if (n == 0)
		return 0;
	spin_lock(&tty->lock);
	bool canon = tty->ld.termios.c_lflag & ICANON;
	unsigned vmin = tty->ld.termios.c_cc[VMIN], vtime = tty->ld.termios.c_cc[VTIME];
	spin_unlock(&tty->lock);

	if (canon) {
		for (;;) {
			spin_lock(&tty->lock);
			bool have = ldisc_readable(&tty->ld) > 0;
			size_t got = have ? ldisc_read(&tty->ld, buf, n) : 0;
			spin_unlock(&tty->lock);
			if (have)
				return (long)got;
			if (nonblock)
				return -EAGAIN;
			err = tty_wait(tty, &tty->read_wait, readable_at_least, 1, 0);
			if (err)
				return err;
		}
	}

	size_t want = vmin ? MIN((size_t)vmin, n) : 1;
	uint64_t deadline = vmin == 0 && vtime ? arch_clock_ns() + vtime * TENTH_NS : 0;
	size_t done = take(tty, buf, n);

	if (vmin == 0 && vtime == 0)
		return (long)done;
	while (done < want) {
		if (nonblock)
			return done ? (long)done : -EAGAIN;
		if (vmin && vtime && done)	/* inter-byte timer, restarted by every byte */
			deadline = arch_clock_ns() + vtime * TENTH_NS;
		err = tty_wait(tty, &tty->read_wait, readable_at_least, 1, deadline);
		if (err == -ETIMEDOUT)
			break;
		if (err)
			return done ? (long)done : err;
		done += take(tty, buf + done, n - done);
	}
	return (long)done;
}

long tty_read(char *buf, size_t n, bool nonblock)
{
	return tty_read_from(console_get(), buf, n, nonblock);
}

long tty_write_to(struct tty *tty, const char *buf, size_t n, bool nonblock)
{
	size_t done = 0;

	while (done < n) {
		spin_lock(&tty->lock);
		if (tty->ld.stopped) {
			spin_unlock(&tty->lock);
			if (nonblock)
				return done ? (long)done : -EAGAIN;
			int err = tty_wait(tty, &tty->write_wait, output_started, 0, 0);
			if (err)
				return done ? (long)done : err;
			continue;
		}
		size_t chunk = MIN(n - done, (size_t)TTY_OBUF);
		ldisc_write(&tty->ld, buf + done, chunk);
		flush_out(tty);
		spin_unlock(&tty->lock);
		done += chunk;
	}
	return (long)done;
}

long tty_write(const char *buf, size_t n, bool nonblock)
{
	return tty_write_to(console_get(), buf, n, nonblock);
}

/* ---- settings ---- */

void tty_get_termios(struct tty *tty, struct linux_termios *t)
{
	spin_lock(&tty->lock);
	*t = tty->ld.termios;
	spin_unlock(&tty->lock);
}

int tty_set_termios(struct tty *tty, int action, const struct linux_termios *t)
{
	if (action != TCSANOW && action != TCSADRAIN && action != TCSAFLUSH)
		return -EINVAL;
	/* Output is written synchronously: there is never anything to drain. */
	spin_lock(&tty->lock);
	if (action == TCSAFLUSH)
		ldisc_flush_input(&tty->ld);
	ldisc_set_termios(&tty->ld, t);
	spin_unlock(&tty->lock);
	wake_up(&tty->read_wait);	/* a mode change can make input readable */
	wake_up(&tty->write_wait);
	return 0;
}

unsigned tty_poll_mask(struct tty *tty, struct poll_table *pt)
{
	unsigned mask = 0;

	poll_wait(pt, &tty->read_wait);
	poll_wait(pt, &tty->write_wait);
	spin_lock(&tty->lock);
	const struct linux_termios *t = &tty->ld.termios;
	size_t need = 1;
	/* as Linux: in non-canonical mode without a timer, readable means VMIN bytes */
	if (!(t->c_lflag & ICANON) && t->c_cc[VTIME] == 0 && t->c_cc[VMIN] > 1)
		need = t->c_cc[VMIN];
	if (ldisc_readable(&tty->ld) >= need)
		mask |= POLLIN | POLLRDNORM;
	if (!tty->ld.stopped)
		mask |= POLLOUT | POLLWRNORM;
	spin_unlock(&tty->lock);
	return mask;
}

unsigned tty_poll(struct poll_table *pt)
{
	if (pt && pt->queue && console_input_polled())
		console_poll();
	return tty_poll_mask(console_get(), pt);
}

/* ---- ioctl ---- */

static long ioctl_tcsets(struct tty *tty, int action, unsigned long arg)
{
	struct linux_termios t;

	if (copy_from_user(&t, (const void __user *)arg, sizeof(t)))
		return -EFAULT;
	return tty_set_termios(tty, action, &t);
}

static long ioctl_tcgets(struct tty *tty, unsigned long arg)
{
	struct linux_termios t;

	tty_get_termios(tty, &t);
	return copy_to_user((void __user *)arg, &t, sizeof(t)) ? -EFAULT : 0;
}

static long ioctl_winsz(struct tty *tty, bool set, unsigned long arg)
{
	struct linux_winsize ws;

	if (!set) {
		spin_lock(&tty->lock);
		ws = tty->winsize;
		spin_unlock(&tty->lock);
		return copy_to_user((void __user *)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
	}
	if (copy_from_user(&ws, (const void __user *)arg, sizeof(ws)))
		return -EFAULT;
	spin_lock(&tty->lock);
	bool changed = memcmp(&ws, &tty->winsize, sizeof(ws)) != 0;
	tty->winsize = ws;
	if (changed)
		tty_signal_fg(tty, SIGWINCH);
	spin_unlock(&tty->lock);
	return 0;
}

static long ioctl_inq(struct tty *tty, unsigned long arg)
{
	spin_lock(&tty->lock);
	int n = (int)ldisc_inq(&tty->ld);
	spin_unlock(&tty->lock);
	return put_user(n, (int __user *)arg) ? -EFAULT : 0;
}

static long ioctl_flush(struct tty *tty, unsigned long arg)
{
	if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH)
		return -EINVAL;
	if (arg != TCOFLUSH) {
		spin_lock(&tty->lock);
		ldisc_flush_input(&tty->ld);
		spin_unlock(&tty->lock);
	}
	return 0;	/* output is never queued */
}

static long ioctl_flow(struct tty *tty, unsigned long arg)
{
	if (arg > TCION)
		return -EINVAL;
	if (arg == TCOOFF || arg == TCOON) {
		spin_lock(&tty->lock);
		tty->ld.stopped = arg == TCOOFF;
		spin_unlock(&tty->lock);
		if (arg == TCOON)
			wake_up(&tty->write_wait);
	}
	return 0;	/* TCIOFF/TCION would send STOP/START to a remote end: there is none */
}

static long tty_ioctl_on(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TCGETS:
		return ioctl_tcgets(tty, arg);
	case TCSETS:
		return ioctl_tcsets(tty, TCSANOW, arg);
	case TCSETSW:
		return ioctl_tcsets(tty, TCSADRAIN, arg);
	case TCSETSF:
		return ioctl_tcsets(tty, TCSAFLUSH, arg);
	case TIOCGWINSZ:
		return ioctl_winsz(tty, false, arg);
	case TIOCSWINSZ:
		return ioctl_winsz(tty, true, arg);
	case FIONREAD:
		return ioctl_inq(tty, arg);
	case TIOCOUTQ:
		return put_user(0, (int __user *)arg) ? -EFAULT : 0;
	case TCFLSH:
		return ioctl_flush(tty, arg);
	case TCXONC:
		return ioctl_flow(tty, arg);
	case TCSBRK:
		return 0;	/* drain: output is synchronous; no break on a console */
	default:
		return -ENOTTY;
	}
}

long tty_ioctl(unsigned int cmd, unsigned long arg)
{
	return tty_ioctl_on(console_get(), cmd, arg);
}

/* ---- /dev/console and /dev/tty ---- */

static int tty_fop_open(struct inode *ino, struct file *f)
{
	(void)ino;
	f->priv = console_get();
	return 0;
}

static long tty_fop_read(struct file *f, void __user *ubuf, size_t n, uint64_t *pos)
{
	(void)pos;
	n = MIN(n, (size_t)LDISC_BUF);		/* no line is longer */
	char *kbuf = kmalloc(n ? n : 1);
	if (!kbuf)
		return -ENOMEM;
	long got = tty_read_from(f->priv, kbuf, n, f->flags & O_NONBLOCK);
	if (got > 0 && copy_to_user(ubuf, kbuf, (size_t)got))
		got = -EFAULT;
	kfree(kbuf);
	return got;
}

static long tty_fop_write(struct file *f, const void __user *ubuf, size_t n, uint64_t *pos)
{
	char kbuf[TTY_OBUF];
	size_t done = 0;

	(void)pos;
	while (done < n) {
		size_t chunk = MIN(n - done, sizeof(kbuf));

		if (copy_from_user(kbuf, (const char __user *)ubuf + done, chunk))
			return done ? (long)done : -EFAULT;
		long w = tty_write_to(f->priv, kbuf, chunk, f->flags & O_NONBLOCK);
		if (w < 0)
			return done ? (long)done : w;
		done += (size_t)w;
	}
	return (long)done;
}

static long tty_fop_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	return tty_ioctl_on(f->priv, cmd, arg);
}

static unsigned tty_fop_poll(struct file *f, struct poll_table *pt)
{
	if (pt && pt->queue && console_input_polled())
		console_poll();
	return tty_poll_mask(f->priv, pt);
}

static const struct file_ops tty_fops = {
	.open = tty_fop_open, .read = tty_fop_read, .write = tty_fop_write,
	.ioctl = tty_fop_ioctl, .poll = tty_fop_poll,
};

void tty_init(void)
{
	tty_setup(&console_tty, console_write);
	int err = chrdev_register(5, 1, "console", 0600, &tty_fops);
	if (!err)
		err = chrdev_register(5, 0, "tty", 0666, &tty_fops);
	if (err)
		kprintf("tty: cannot register /dev/console and /dev/tty: error %d\n", err);
}

/*
 * Until the scheduler (kernel/sched.c, issue 4) brings the real one: a timed sleep that does not
 * sleep. Callers loop on their condition and the clock, so they spin until the deadline.
 */
__attribute__((weak)) long schedule_timeout(int64_t ns)
{
	(void)ns;
	arch_cpu_relax();
	return 0;
}

/* ---- tests: a tty that writes into a buffer ---- */

static char test_out[512];
static size_t test_nout;

static void test_write_out(const char *s, size_t n)
{
	n = MIN(n, sizeof(test_out) - 1 - test_nout);
	memcpy(test_out + test_nout, s, n);
	test_nout += n;
	test_out[test_nout] = 0;
}

static struct tty *test_tty(void)
{
	static struct tty tty;

	tty_setup(&tty, test_write_out);
	test_nout = 0;
	test_out[0] = 0;
	return &tty;
}

static void test_type(struct tty *tty, const char *s)
{
	while (*s)
		tty_receive(tty, *s++);
}

static void set_raw(struct tty *tty, int vmin, int vtime)
{
	struct linux_termios t;

	tty_get_termios(tty, &t);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = (uint8_t)vmin;
	t.c_cc[VTIME] = (uint8_t)vtime;
	KEXPECT_EQ(tty_set_termios(tty, TCSANOW, &t), 0);
}

KTEST(tty, canonical_read)
{
	struct tty *tty = test_tty();
	char buf[16] = { 0 };

	KEXPECT_EQ(tty_read_from(tty, buf, sizeof(buf), true), -EAGAIN);
	test_type(tty, "hi\r");
	KEXPECT_EQ(tty_read_from(tty, buf, sizeof(buf), true), 3);
	KEXPECT(memcmp(buf, "hi\n", 3) == 0);
	KEXPECT(strcmp(test_out, "hi\r\n") == 0);
	test_type(tty, "\x04");		/* ^D: end of file, even for a blocking read */
	KEXPECT_EQ(tty_read_from(tty, buf, sizeof(buf), false), 0);
	KEXPECT_EQ(tty_read_from(tty, buf, 0, false), 0);
}

KTEST(tty, raw_vmin_vtime)
{
	struct tty *tty = test_tty();
	char buf[16];

	set_raw(tty, 0, 0);		/* a pure poll: never waits */
	KEXPECT_EQ(tty_read_from(tty, buf, sizeof(buf), false), 0);
	test_type(tty, "ab");
	KEXPECT_EQ(tty_read_from(tty, buf, sizeof(buf), false), 2);
	set_raw(tty, 3, 0);
	test_type(tty, "xy");
	KEXPECT_EQ(tty_read_from(tty, buf, sizeof(buf), true), 2);	/* what is there */
	test_type(tty, "123");
	KEXPECT_EQ(tty_read_from(tty, buf, 2, false), 2);	/* VMIN above n: n is enough */
	KEXPECT_EQ(tty_read_from(tty, buf, sizeof(buf), true), 1);
	KEXPECT_EQ(test_nout, 0);	/* no echo */
}

KTEST(tty, vtime_timeout)
{
	struct tty *tty = test_tty();
	char buf[4];

	set_raw(tty, 0, 1);		/* wait at most 0.1 s for the first byte */
	uint64_t t0 = arch_clock_ns();
	KEXPECT_EQ(tty_read_from(tty, buf, sizeof(buf), false), 0);
	uint64_t waited = arch_clock_ns() - t0;
	KEXPECT(waited >= TENTH_NS);
	KEXPECT(waited < 20 * TENTH_NS);
}

KTEST(tty, settings_and_poll)
{
	struct tty *tty = test_tty();
	struct linux_termios t;
	char buf[8];

	tty_get_termios(tty, &t);
	KEXPECT_EQ(t.c_lflag & (ICANON | ECHO | ISIG), ICANON | ECHO | ISIG);
	KEXPECT_EQ(t.c_oflag & (OPOST | ONLCR), OPOST | ONLCR);
	KEXPECT_EQ(t.c_cc[VINTR], 3);
	KEXPECT_EQ(tty_set_termios(tty, 7, &t), -EINVAL);
	KEXPECT_EQ(tty_poll_mask(tty, NULL), POLLOUT | POLLWRNORM);
	test_type(tty, "line\n");
	KEXPECT_EQ(tty_poll_mask(tty, NULL), POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM);
	KEXPECT_EQ(tty_set_termios(tty, TCSAFLUSH, &t), 0);	/* discards the line */
	KEXPECT_EQ(tty_read_from(tty, buf, sizeof(buf), true), -EAGAIN);
	test_type(tty, "\x13");		/* ^S: output stops */
	KEXPECT_EQ(tty_poll_mask(tty, NULL), 0);
	KEXPECT_EQ(tty_write_to(tty, "x", 1, true), -EAGAIN);
	test_type(tty, "\x11");
	KEXPECT_EQ(tty_poll_mask(tty, NULL), POLLOUT | POLLWRNORM);
	KEXPECT(tty->winsize.ws_col >= 80 && tty->winsize.ws_row >= 25);
}

KTEST(tty, write_output_processing)
{
	struct tty *tty = test_tty();

	KEXPECT_EQ(tty_write_to(tty, "a\nb", 3, false), 3);
	KEXPECT(strcmp(test_out, "a\r\nb") == 0);
	static char big[1000];
	memset(big, 'z', sizeof(big));
	test_nout = 0;
	KEXPECT_EQ(tty_write_to(tty, big, sizeof(big), false), (long)sizeof(big));
	KEXPECT_EQ(test_nout, sizeof(test_out) - 1);	/* the capture buffer filled up */
}
