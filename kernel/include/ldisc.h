/*
 * ldisc.h - the terminal line discipline: what happens to bytes between a keyboard and read().
 *
 * A terminal's input is not handed to programs byte by byte as it arrives. The line discipline
 * sits in between (Linux's N_TTY, kernel/ldisc.c here) and, as struct termios says, edits it:
 * in canonical mode it collects a line, lets the user correct it (erase a character, a word,
 * the whole line) and echoes what was typed; only a finished line (or ^D) can be read. It turns
 * ^C, ^\ and ^Z into signals, CR into NL, and on output NL into CR NL. In non-canonical ("raw")
 * mode bytes are readable as they come, and VMIN/VTIME say how long a read waits (tty.c).
 *
 * This part is pure: no locks, no sleeping, no devices. It works on a struct ldisc and reports
 * through two callbacks, so it is tested on the host (tests/host/test_ldisc.c). The caller
 * (tty.c) serializes all calls on one ldisc.
 */
#ifndef NIDO_LDISC_H
#define NIDO_LDISC_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "uapi/termios.h"

#define LDISC_BUF	4096	/* input buffer, as Linux's N_TTY_BUF_SIZE; a power of two */

struct ldisc {
	struct linux_termios termios;

	/* Input ring. [tail, canon_head) is readable in canonical mode; [canon_head, head) is
	 * the line being edited. Indexes run freely and are taken modulo LDISC_BUF. */
	char buf[LDISC_BUF];
	uint8_t line_end[LDISC_BUF / 8];	/* bit per slot: this byte ends a line */
	uint8_t eof_mark[LDISC_BUF / 8];	/* bit per slot: an EOF (^D) marker, never read */
	unsigned head, tail, canon_head;

	bool lnext;		/* the previous byte was VLNEXT (^V): take this one literally */
	bool stopped;		/* output stopped by VSTOP (^S) under IXON */
	unsigned column;	/* output column, for erasing tabs and for ONOCR */
	unsigned canon_column;	/* the column where the line being edited began */

	/* The raw bytes for the terminal (echo and processed output). */
	void (*out)(void *ctx, const char *s, size_t n);
	/* A signal for the foreground process group (ISIG: ^C ^\ ^Z). */
	void (*signal)(void *ctx, int sig);
	/* Output was restarted (VSTART): writers blocked by VSTOP may go on. May be NULL. */
	void (*start)(void *ctx);
	void *ctx;
};

/* Linux's defaults (tty_std_termios): cooked, echo, ^C/^\/^Z signals, NL -> CR NL on output. */
void ldisc_init(struct ldisc *ld, void (*out)(void *, const char *, size_t),
		void (*signal)(void *, int), void *ctx);

/* One byte from the keyboard or the serial line: edit, echo, signal. Never blocks. */
void ldisc_receive(struct ldisc *ld, char c);

/*
 * How many bytes a read could take now: in canonical mode the bytes of the completed lines
 * (an EOF marker counts as one, so a pending end of file is visible), otherwise every byte.
 */
size_t ldisc_readable(const struct ldisc *ld);

/* FIONREAD: the bytes a reader would get from the completed lines (EOF markers not counted). */
size_t ldisc_inq(const struct ldisc *ld);

/*
 * Take up to n bytes. Canonical mode: at most one line, up to and including its newline; an
 * EOF marker ends the line and is not copied (a read that meets it first returns 0: end of
 * file). Otherwise whatever is buffered. Returns the number of bytes copied.
 */
size_t ldisc_read(struct ldisc *ld, char *dst, size_t n);

/* Process output for the terminal (OPOST: ONLCR, OCRNL, ONOCR, ONLRET) and send it. */
void ldisc_write(struct ldisc *ld, const char *s, size_t n);

/* Throw away all buffered input (TCSETSF, TCFLSH, signals without NOFLSH). */
void ldisc_flush_input(struct ldisc *ld);

/*
 * Change the settings. Turning canonical mode on makes what is buffered readable as a line;
 * turning it off makes the line being edited readable at once.
 */
void ldisc_set_termios(struct ldisc *ld, const struct linux_termios *t);

#endif
