/*
 * tty.h - the console terminal: /dev/console and /dev/tty.
 *
 * A tty joins three things: a device that shows bytes and produces keystrokes (here the kernel
 * console: serial line, screen and keyboard merged, console.h), the line discipline that edits
 * input and post-processes output as the termios settings say (ldisc.h), and the processes that
 * read and write it, which may have to sleep until a line is typed. nido has one tty, the
 * console; the functions below act on it.
 *
 * Buffers: tty_read() and tty_write() take KERNEL buffers (the file operations registered for
 * /dev/console and /dev/tty copy to and from user space around them); tty_ioctl() takes the
 * ioctl argument as the user pointer it is and copies itself.
 *
 * Job control is issue 5: tty_signal_fg() is where ^C, ^\ and ^Z (and window size changes) end
 * up, and until process groups and sessions exist it does nothing; TIOCGPGRP, TIOCSPGRP,
 * TIOCSCTTY, TIOCNOTTY and TIOCGSID answer -ENOTTY until then.
 */
#ifndef NIDO_TTY_H
#define NIDO_TTY_H

#include <stddef.h>
#include <stdbool.h>
#include "ldisc.h"
#include "spinlock.h"
#include "wait.h"
#include "uapi/termios.h"

#define TTY_MAGIC	0x54545959u	/* "TTYY" */
#define TTY_OBUF	256

struct poll_table;

struct tty {
	uint32_t magic;
	struct spinlock lock;		/* everything below; taken in interrupt handlers too */
	struct ldisc ld;
	struct linux_winsize winsize;
	struct waitqueue read_wait;	/* input became readable, or the settings changed */
	struct waitqueue write_wait;	/* output was restarted (^Q) */
	/* Where processed output goes: the bytes of one ldisc call are gathered in obuf and
	 * written with one call, so a screen console redraws once per write, not per byte. */
	void (*write_out)(const char *s, size_t n);
	char obuf[TTY_OBUF];
	size_t olen;
};

/*
 * Set up the console tty and register /dev/console (5:1) and /dev/tty (5:0). Input typed before
 * the first open stays in the console's own queue; the first open, read, ioctl or poll attaches
 * the tty to the console input, taking over that type-ahead (console_getc() gets nothing after).
 */
void tty_init(void);
struct tty *tty_console(void);

/*
 * Read up to n bytes into a kernel buffer. Canonical mode: at most one line; waits for a line
 * unless nonblock. Non-canonical: by VMIN and VTIME as in termios(3). Returns bytes read (0 is
 * end of file from ^D, or a VMIN=0 timeout), -EAGAIN (nonblock, nothing there) or -ERESTARTSYS
 * (a signal arrived while waiting and nothing was read).
 */
long tty_read(char *buf, size_t n, bool nonblock);
/* Write n bytes from a kernel buffer; waits while output is stopped (^S). Bytes or -errno. */
long tty_write(const char *buf, size_t n, bool nonblock);
/* Terminal ioctls (TCGETS, TCSETS*, TIOCGWINSZ, TIOCSWINSZ, FIONREAD, TCFLSH, TCXONC, ...). */
long tty_ioctl(unsigned int cmd, unsigned long arg);
/* POLLIN/POLLOUT now; registers on the tty's wait queues when pt is not NULL. */
unsigned tty_poll(struct poll_table *pt);

/* The settings, for kernel callers (the ioctls copy these to and from user space). */
void tty_get_termios(struct tty *tty, struct linux_termios *t);
/* action: TCSANOW, TCSADRAIN or TCSAFLUSH (discard pending input first). 0 or -EINVAL. */
int tty_set_termios(struct tty *tty, int action, const struct linux_termios *t);

/*
 * Send sig to the terminal's foreground process group: called by the line discipline for
 * ^C (SIGINT), ^\ (SIGQUIT), ^Z (SIGTSTP), and for a changed window size (SIGWINCH), with the
 * tty lock held, possibly in an interrupt handler: it must not sleep. Empty until job control
 * (issue 5) gives the tty a session and a foreground process group.
 */
void tty_signal_fg(struct tty *tty, int sig);

/* ---- for tests: a tty that writes to `out` instead of the console ---- */
void tty_setup(struct tty *tty, void (*out)(const char *s, size_t n));
void tty_receive(struct tty *tty, char c);	/* one input byte, as from the keyboard */
long tty_read_from(struct tty *tty, char *buf, size_t n, bool nonblock);
long tty_write_to(struct tty *tty, const char *buf, size_t n, bool nonblock);
unsigned tty_poll_mask(struct tty *tty, struct poll_table *pt);

#endif
