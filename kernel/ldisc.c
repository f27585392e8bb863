/*
 * ldisc.c - the line discipline: canonical editing, echo, signals and output processing.
 *
 * The model is Linux's N_TTY (drivers/tty/n_tty.c), cut down to what a single console needs.
 * Input bytes go into a ring. In canonical mode the ring has two parts: completed lines, which
 * read() may take, and the line being edited, which ERASE, WERASE and KILL shorten. A line is
 * completed by NL, EOL, EOL2 or EOF; the slot of its last byte is marked in line_end[], and an
 * EOF completes a line with a marker byte that read() consumes but never returns, which is how
 * ^D on an empty line reads as end of file. Echo is computed here as well: erasing a character
 * is "\b \b", erasing a tab backs up to the column where the tab started (which is why the
 * output column is tracked), and with ECHOCTL a control character shows as ^X and takes two
 * columns to erase.
 *
 * Differences from Linux, all deliberate: ^H erases like VERASE in canonical mode (terminals
 * disagree on which of DEL and ^H their backspace key sends); no IUTF8, ECHOPRT, IMAXBEL, tab
 * expansion or parity handling.
 */
#include "ldisc.h"
#include "string.h"
#include "uapi/signal.h"

#define MASK		(LDISC_BUF - 1)
#define CTRL(c)		((c) & 0x1f)

static bool iflag(const struct ldisc *ld, uint32_t f) { return ld->termios.c_iflag & f; }
static bool oflag(const struct ldisc *ld, uint32_t f) { return ld->termios.c_oflag & f; }
static bool lflag(const struct ldisc *ld, uint32_t f) { return ld->termios.c_lflag & f; }

/* Is c the control character at index i? A value of 0 disables it (_POSIX_VDISABLE). */
static bool is_cc(const struct ldisc *ld, int i, uint8_t c)
{
	return ld->termios.c_cc[i] != 0 && ld->termios.c_cc[i] == c;
}

static bool is_cntrl(uint8_t c) { return c < 0x20 || c == 0x7f; }
static bool is_word_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static bool test_bit(const uint8_t *map, unsigned i)
{
	return map[(i & MASK) / 8] & (1u << (i % 8));
}

static void set_bit(uint8_t *map, unsigned i, bool v)
{
	if (v)
		map[(i & MASK) / 8] |= (uint8_t)(1u << (i % 8));
	else
		map[(i & MASK) / 8] &= (uint8_t)~(1u << (i % 8));
}

void ldisc_init(struct ldisc *ld, void (*out)(void *, const char *, size_t),
		void (*signal)(void *, int), void *ctx)
{
	static const uint8_t default_cc[NCCS] = {
		[VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = 0x7f, [VKILL] = CTRL('U'),
		[VEOF] = CTRL('D'), [VTIME] = 0, [VMIN] = 1, [VSTART] = CTRL('Q'),
		[VSTOP] = CTRL('S'), [VSUSP] = CTRL('Z'), [VREPRINT] = CTRL('R'),
		[VDISCARD] = CTRL('O'), [VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V'),
	};

	memset(ld, 0, sizeof(*ld));
	ld->termios.c_iflag = ICRNL | IXON;
	ld->termios.c_oflag = OPOST | ONLCR;
	ld->termios.c_cflag = B38400 | CS8 | CREAD | HUPCL;
	ld->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(ld->termios.c_cc, default_cc, NCCS);
	ld->out = out;
	ld->signal = signal;
	ld->ctx = ctx;
}

/* ---- output ---- */

static void emit(struct ldisc *ld, const char *s, size_t n)
{
	ld->out(ld->ctx, s, n);
}

/* One byte through OPOST processing, keeping the column. */
static void output_char(struct ldisc *ld, char ch)
{
	uint8_t c = (uint8_t)ch;

	if (!oflag(ld, OPOST)) {
		emit(ld, &ch, 1);
		return;
	}
	switch (c) {
	case '\n':
		if (oflag(ld, ONLRET))
			ld->column = 0;
		if (oflag(ld, ONLCR)) {
			ld->column = 0;
			emit(ld, "\r\n", 2);
			return;
		}
		break;
	case '\r':
		if (oflag(ld, ONOCR) && ld->column == 0)
			return;
		if (oflag(ld, OCRNL)) {
			ch = '\n';
			if (oflag(ld, ONLRET))
				ld->column = 0;
			break;
		}
		ld->column = 0;
		break;
	case '\t':
		ld->column = (ld->column | 7) + 1;
		break;
	case '\b':
		if (ld->column > 0)
			ld->column--;
		break;
	default:
		if (!is_cntrl(c))
			ld->column++;
		break;
	}
	emit(ld, &ch, 1);
}

static void output_str(struct ldisc *ld, const char *s)
{
	while (*s)
		output_char(ld, *s++);
}

void ldisc_write(struct ldisc *ld, const char *s, size_t n)
{
	if (!oflag(ld, OPOST)) {
		emit(ld, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		output_char(ld, s[i]);
}

/* Echo c as the user should see it: control characters as ^X under ECHOCTL. */
static void echo_char(struct ldisc *ld, uint8_t c)
{
	if (lflag(ld, ECHOCTL) && is_cntrl(c) && c != '\t' && c != '\n') {
		char pic[2] = { '^', (char)(c ^ 0x40) };	/* DEL shows as ^? */
		ld->column += 2;
		emit(ld, pic, 2);
		return;
	}
	output_char(ld, (char)c);
}

/* ---- the input ring ---- */

static unsigned count(const struct ldisc *ld)
{
	return ld->head - ld->tail;
}

/* Append a byte; `line_end` marks it as the last byte of a canonical line. */
static void put(struct ldisc *ld, uint8_t c, bool line_end, bool eof)
{
	unsigned i = ld->head++;

	ld->buf[i & MASK] = (char)c;
	set_bit(ld->line_end, i, line_end);
	set_bit(ld->eof_mark, i, eof);
}

/* Columns the edited line's bytes [canon_head, end) took when echoed, from canon_column. */
static unsigned line_column(const struct ldisc *ld, unsigned end)
{
	unsigned col = ld->canon_column;

	for (unsigned i = ld->canon_head; i != end; i++) {
		uint8_t c = (uint8_t)ld->buf[i & MASK];

		if (c == '\t')
			col = (col | 7) + 1;
		else if (is_cntrl(c))
			col += lflag(ld, ECHOCTL) ? 2 : 0;
		else
			col++;
	}
	return col;
}

/* Visually remove the echo of c, which was the last byte of the line before `end`. */
static void echo_rubout(struct ldisc *ld, uint8_t c, unsigned end)
{
	if (c == '\t') {
		unsigned col = line_column(ld, end - 1);

		while (ld->column > col)
			output_char(ld, '\b');
		return;
	}
	if (is_cntrl(c) && !lflag(ld, ECHOCTL))
		return;		/* it took no columns */
	int width = is_cntrl(c) ? 2 : 1;
	for (int i = 0; i < width; i++)
		output_str(ld, "\b \b");
}

enum kill_type { ERASE, WERASE, KILL };

/* ERASE, WERASE or KILL in canonical mode (Linux's eraser()). */
static void erase_input(struct ldisc *ld, uint8_t c, enum kill_type kind)
{
	if (ld->head == ld->canon_head)
		return;		/* nothing being edited */
	if (kind == KILL && (!lflag(ld, ECHO) || !lflag(ld, ECHOK) || !lflag(ld, ECHOKE) ||
			     !lflag(ld, ECHOE))) {
		ld->head = ld->canon_head;
		if (lflag(ld, ECHO)) {
			echo_char(ld, c);
			if (lflag(ld, ECHOK))
				output_char(ld, '\n');
		}
		return;
	}
	int seen_word = 0;
	while (ld->head != ld->canon_head) {
		uint8_t last = (uint8_t)ld->buf[(ld->head - 1) & MASK];

		if (kind == WERASE) {
			if (is_word_char(last))
				seen_word++;
			else if (seen_word)
				break;
		}
		if (lflag(ld, ECHO)) {
			if (kind == ERASE && !lflag(ld, ECHOE))
				echo_char(ld, c);
			else
				echo_rubout(ld, last, ld->head);
		}
		ld->head--;
		if (kind == ERASE)
			break;
	}
}

/* Echo the line being edited again, after ^R. */
static void reprint(struct ldisc *ld, uint8_t c)
{
	echo_char(ld, c);
	output_char(ld, '\n');
	ld->canon_column = ld->column;
	for (unsigned i = ld->canon_head; i != ld->head; i++)
		echo_char(ld, (uint8_t)ld->buf[i & MASK]);
}

static const struct { int cc; int sig; } isig_chars[] = {
	{ VINTR, SIGINT }, { VQUIT, SIGQUIT }, { VSUSP, SIGTSTP },
};

/* ISIG: is c a signal character? Then flush, echo and signal (Linux's isig()). */
static bool receive_signal_char(struct ldisc *ld, uint8_t c)
{
	for (size_t i = 0; i < sizeof(isig_chars) / sizeof(isig_chars[0]); i++) {
		if (!is_cc(ld, isig_chars[i].cc, c))
			continue;
		if (!lflag(ld, NOFLSH))
			ldisc_flush_input(ld);
		if (lflag(ld, ECHO))
			echo_char(ld, c);
		ld->signal(ld->ctx, isig_chars[i].sig);
		return true;
	}
	return false;
}

/* IXON: ^S stops output, ^Q (or, with IXANY, any byte) starts it again. */
static bool receive_flow_char(struct ldisc *ld, uint8_t c)
{
	if (ld->stopped && (is_cc(ld, VSTART, c) || iflag(ld, IXANY))) {
		ld->stopped = false;
		if (ld->start)
			ld->start(ld->ctx);
		return is_cc(ld, VSTART, c);
	}
	if (is_cc(ld, VSTOP, c)) {
		ld->stopped = true;
		return true;
	}
	return is_cc(ld, VSTART, c);
}

/* A byte for the ring: echo it and store it (the common tail of every path). */
static void store(struct ldisc *ld, uint8_t c, bool line_end, bool eof)
{
	bool canon = lflag(ld, ICANON);

	/* Keep room for the byte that ends the line, so a full line can still be finished. */
	if (count(ld) >= LDISC_BUF - (canon && !line_end ? 1u : 0u))
		return;
	if (lflag(ld, ECHO) && !eof) {
		if (canon && ld->canon_head == ld->head)
			ld->canon_column = ld->column;
		if (c == '\n')
			output_char(ld, '\n');
		else
			echo_char(ld, c);
	} else if (c == '\n' && canon && lflag(ld, ECHONL)) {
		output_char(ld, '\n');
	}
	put(ld, c, canon && line_end, eof);
	if (!canon || line_end)
		ld->canon_head = ld->head;	/* readable from now on */
}

void ldisc_receive(struct ldisc *ld, char ch)
{
	uint8_t c = (uint8_t)ch;
	bool canon = lflag(ld, ICANON);

	if (iflag(ld, ISTRIP))
		c &= 0x7f;
	if (ld->lnext) {
		ld->lnext = false;
		store(ld, c, false, false);	/* its echo overwrites the "^" placeholder */
		return;
	}
	if (iflag(ld, IXON) && receive_flow_char(ld, c))
		return;
	if (lflag(ld, ISIG) && receive_signal_char(ld, c))
		return;
	if (c == '\r') {
		if (iflag(ld, IGNCR))
			return;
		if (iflag(ld, ICRNL))
			c = '\n';
	} else if (c == '\n' && iflag(ld, INLCR)) {
		c = '\r';
	}
	if (!canon) {
		store(ld, c, true, false);
		return;
	}
	if (is_cc(ld, VERASE, c) || c == '\b') {
		erase_input(ld, c, ERASE);
	} else if (is_cc(ld, VKILL, c)) {
		erase_input(ld, c, KILL);
	} else if (is_cc(ld, VWERASE, c) && lflag(ld, IEXTEN)) {
		erase_input(ld, c, WERASE);
	} else if (is_cc(ld, VLNEXT, c) && lflag(ld, IEXTEN)) {
		ld->lnext = true;
		if (lflag(ld, ECHO) && lflag(ld, ECHOCTL)) {
			output_char(ld, '^');	/* a placeholder under the cursor */
			output_char(ld, '\b');
		}
	} else if (is_cc(ld, VREPRINT, c) && lflag(ld, ECHO) && lflag(ld, IEXTEN)) {
		reprint(ld, c);
	} else if (is_cc(ld, VEOF, c)) {
		store(ld, c, true, true);
	} else {
		bool eol = c == '\n' || is_cc(ld, VEOL, c) ||
			   (is_cc(ld, VEOL2, c) && lflag(ld, IEXTEN));
		store(ld, c, eol, false);
	}
}

/* ---- reading ---- */

size_t ldisc_readable(const struct ldisc *ld)
{
	if (lflag(ld, ICANON))
		return ld->canon_head - ld->tail;
	return count(ld);
}

size_t ldisc_inq(const struct ldisc *ld)
{
	size_t n = 0;

	if (!lflag(ld, ICANON))
		return count(ld);
	for (unsigned i = ld->tail; i != ld->canon_head; i++)
		n += !test_bit(ld->eof_mark, i);
	return n;
}

size_t ldisc_read(struct ldisc *ld, char *dst, size_t n)
{
	size_t done = 0;

	if (!lflag(ld, ICANON)) {
		while (done < n && ld->tail != ld->head)
			dst[done++] = ld->buf[ld->tail++ & MASK];
		return done;
	}
	while (ld->tail != ld->canon_head) {
		unsigned i = ld->tail;
		bool end = test_bit(ld->line_end, i);

		if (test_bit(ld->eof_mark, i)) {
			ld->tail++;		/* the EOF marker: consumed, never returned */
			break;
		}
		if (done == n)
			break;
		dst[done++] = ld->buf[i & MASK];
		ld->tail++;
		if (end)
			break;
	}
	return done;
}

void ldisc_flush_input(struct ldisc *ld)
{
	ld->tail = ld->canon_head = ld->head;
	ld->lnext = false;
}

void ldisc_set_termios(struct ldisc *ld, const struct linux_termios *t)
{
	bool was_canon = lflag(ld, ICANON);

	ld->termios = *t;
	if (was_canon == lflag(ld, ICANON))
		return;
	if (lflag(ld, ICANON) && count(ld))
		set_bit(ld->line_end, ld->head - 1, true);	/* the buffer reads as one line */
	ld->canon_head = ld->head;
	ld->lnext = false;
	if (!iflag(ld, IXON) && ld->stopped) {
		ld->stopped = false;
		if (ld->start)
			ld->start(ld->ctx);
	}
}
