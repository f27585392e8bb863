/*
 * test_ldisc.c - the line discipline (kernel/ldisc.c): editing, echo, signals, raw mode, output.
 *
 * Each test types bytes into a fresh ldisc with Linux's default settings and checks three
 * things: what a read() gets, what was echoed to the terminal, and which signals were raised.
 * The expected echo strings are what a Linux console with `stty sane` shows for the same keys.
 */
// SOURCES: kernel/ldisc.c tests/host/stubs.c
#include <string.h>
#include "check.h"
#include "ldisc.h"
#include "uapi/signal.h"

static struct ldisc ld;
static char echoed[16384];
static size_t nechoed;
static int signals[8], nsignals, starts;

static void out(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	if (nechoed + n < sizeof(echoed)) {
		memcpy(echoed + nechoed, s, n);
		nechoed += n;
		echoed[nechoed] = 0;
	}
}

static void sig(void *ctx, int s)
{
	(void)ctx;
	if (nsignals < 8)
		signals[nsignals++] = s;
}

static void start(void *ctx)
{
	(void)ctx;
	starts++;
}

static void fresh(void)
{
	ldisc_init(&ld, out, sig, NULL);
	ld.start = start;
	nechoed = 0;
	echoed[0] = 0;
	nsignals = 0;
	starts = 0;
}

static void type(const char *s)
{
	while (*s)
		ldisc_receive(&ld, *s++);
}

/* Read up to n bytes into a static NUL-terminated string. */
static const char *rd(size_t n)
{
	static char buf[LDISC_BUF + 1];
	size_t got = ldisc_read(&ld, buf, n);

	buf[got] = 0;
	return buf;
}

#define CHECK_STR(actual, expected)                                                  \
	do {                                                                         \
		const char *a_ = (actual), *e_ = (expected);                        \
		if (strcmp(a_, e_) != 0) {                                           \
			printf("#   %s:%d: %s: got \"", __FILE__, __LINE__, #actual);  \
			for (const char *p_ = a_; *p_; p_++)                         \
				printf((*p_ < 32 || *p_ == 127) ? "\\x%02x" : "%c", \
				       (unsigned char)*p_);                          \
			printf("\"\n");                                             \
			check_current_failed = 1;                                    \
		}                                                                    \
	} while (0)

static void test_canonical_line(void)
{
	fresh();
	type("ab");
	CHECK_EQ(ldisc_readable(&ld), 0);	/* not a line yet */
	type("\r");				/* ICRNL: the Enter key */
	CHECK_EQ(ldisc_readable(&ld), 3);
	CHECK_STR(echoed, "ab\r\n");		/* ONLCR on the echo */
	CHECK_STR(rd(100), "ab\n");
	CHECK_EQ(ldisc_readable(&ld), 0);
}

static void test_one_line_per_read(void)
{
	fresh();
	type("l1\nl2\nhello\n");
	CHECK_STR(rd(100), "l1\n");
	CHECK_STR(rd(100), "l2\n");
	CHECK_STR(rd(2), "he");			/* a short buffer takes the line in pieces */
	CHECK_STR(rd(2), "ll");
	CHECK_STR(rd(100), "o\n");
	CHECK_STR(rd(100), "");
}

static void test_erase(void)
{
	fresh();
	type("abc\x7f");
	CHECK_STR(echoed, "abc\b \b");
	type("\b");				/* ^H erases as well */
	CHECK_STR(echoed, "abc\b \b\b \b");
	type("\x7f\x7f\x7f");			/* erasing past the start does nothing */
	type("x\n");
	CHECK_STR(rd(100), "x\n");
	/* without ECHOE the erase character itself is echoed */
	fresh();
	ld.termios.c_lflag &= ~ECHOE;
	type("ab\x7f\n");
	CHECK_STR(echoed, "ab^?\r\n");
	CHECK_STR(rd(100), "a\n");
}

static void test_erase_control_and_tab(void)
{
	fresh();
	type("\x01");				/* ECHOCTL: ^A, two columns */
	CHECK_STR(echoed, "^A");
	type("\x7f");
	CHECK_STR(echoed, "^A\b \b\b \b");
	fresh();
	type("a\tb");				/* a at 0, the tab to 8, b at 8 */
	CHECK_EQ(ld.column, 9);
	type("\x7f\x7f");			/* b, then the tab: back to column 1 */
	CHECK_STR(echoed, "a\tb\b \b\b\b\b\b\b\b\b");
	CHECK_EQ(ld.column, 1);
	type("\n");
	CHECK_STR(rd(100), "a\n");
}

static void test_kill(void)
{
	fresh();
	type("hello\x15");			/* ^U with ECHOKE: rub out every character */
	CHECK_STR(echoed, "hello\b \b\b \b\b \b\b \b\b \b");
	type("x\n");
	CHECK_STR(rd(100), "x\n");
	fresh();
	ld.termios.c_lflag &= ~ECHOKE;
	type("hello\x15");			/* ECHOK without ECHOKE: ^U and a new line */
	CHECK_STR(echoed, "hello^U\r\n");
	type("\n");
	CHECK_STR(rd(100), "\n");
}

static void test_werase(void)
{
	fresh();
	type("foo bar  \x17");			/* trailing blanks, then the word */
	type("\n");
	CHECK_STR(rd(100), "foo \n");
	fresh();
	type("foo.bar.\x17\n");			/* punctuation goes, then the word, up to the '.' */
	CHECK_STR(rd(100), "foo.\n");
	fresh();
	type("one\x17\x17two\n");
	CHECK_STR(rd(100), "two\n");
}

static void test_eof(void)
{
	fresh();
	type("\x04");				/* ^D on an empty line: end of file */
	CHECK_EQ(ldisc_readable(&ld), 1);
	CHECK_STR(rd(100), "");
	CHECK_EQ(ldisc_readable(&ld), 0);
	CHECK_STR(echoed, "");			/* ^D is not echoed */
	type("ab\x04");				/* ^D after text: the text, without a newline */
	CHECK_EQ(ldisc_readable(&ld), 3);
	CHECK_EQ(ldisc_inq(&ld), 2);		/* FIONREAD does not count the marker */
	CHECK_STR(rd(100), "ab");
	CHECK_EQ(ldisc_readable(&ld), 0);
	type("cd\x04\x04");			/* then a second ^D reads as end of file */
	CHECK_STR(rd(100), "cd");
	CHECK_STR(rd(100), "");
}

static void test_signals(void)
{
	fresh();
	type("abc\x03");			/* ^C: SIGINT, the line is thrown away */
	CHECK_EQ(nsignals, 1);
	CHECK_EQ(signals[0], SIGINT);
	CHECK_STR(echoed, "abc^C");
	type("\x1c\x1a");
	CHECK_EQ(nsignals, 3);
	CHECK_EQ(signals[1], SIGQUIT);
	CHECK_EQ(signals[2], SIGTSTP);
	type("\n");
	CHECK_STR(rd(100), "\n");
	/* NOFLSH keeps the input; without ISIG ^C is an ordinary byte */
	fresh();
	ld.termios.c_lflag |= NOFLSH;
	type("ab\x03\n");
	CHECK_STR(rd(100), "ab\n");
	fresh();
	ld.termios.c_lflag &= ~ISIG;
	type("a\x03\n");
	CHECK_EQ(nsignals, 0);
	CHECK_STR(rd(100), "a\x03\n");
}

static void test_lnext(void)
{
	fresh();
	type("\x16\x03\x16\x7f\n");		/* ^V^C and ^V DEL: literal bytes, no signal */
	CHECK_EQ(nsignals, 0);
	CHECK_STR(rd(100), "\x03\x7f\n");
	CHECK_STR(echoed, "^\b^C^\b^?\r\n");
}

static void test_raw_mode(void)
{
	struct linux_termios t;

	fresh();
	t = ld.termios;
	t.c_lflag &= ~(ICANON | ECHO);
	ldisc_set_termios(&ld, &t);
	type("abc");
	CHECK_EQ(ldisc_readable(&ld), 3);	/* no line needed */
	CHECK_STR(rd(2), "ab");
	type("\x7f\x15");			/* no editing: erase and kill are data */
	CHECK_STR(rd(100), "c\x7f\x15");
	type("\r");				/* ICRNL still applies */
	CHECK_STR(rd(100), "\n");
	CHECK_STR(echoed, "");
	/* back to canonical with bytes buffered: they read as one line */
	type("xy");
	t.c_lflag |= ICANON;
	ldisc_set_termios(&ld, &t);
	CHECK_EQ(ldisc_readable(&ld), 2);
	CHECK_STR(rd(100), "xy");
	/* a half-typed line becomes readable when canonical mode is turned off */
	type("half");
	CHECK_EQ(ldisc_readable(&ld), 0);
	t.c_lflag &= ~ICANON;
	ldisc_set_termios(&ld, &t);
	CHECK_EQ(ldisc_readable(&ld), 4);
}

static void test_input_flags(void)
{
	fresh();
	ld.termios.c_iflag &= ~ICRNL;
	type("a\rb\n");				/* CR is an ordinary byte */
	CHECK_STR(rd(100), "a\rb\n");
	fresh();
	ld.termios.c_iflag |= IGNCR;
	type("a\r\n");
	CHECK_STR(rd(100), "a\n");
	fresh();
	ld.termios.c_lflag &= ~ECHO;
	ld.termios.c_lflag |= ECHONL;
	type("secret\n");
	CHECK_STR(echoed, "\r\n");		/* only the newline shows */
	CHECK_STR(rd(100), "secret\n");
}

static void test_flow_control(void)
{
	fresh();
	type("\x13");
	CHECK(ld.stopped);
	type("a");				/* without IXANY only ^Q restarts */
	CHECK(ld.stopped);
	type("\x11");
	CHECK(!ld.stopped);
	CHECK_EQ(starts, 1);
	type("\n");
	CHECK_STR(rd(100), "a\n");		/* ^S and ^Q are not data */
}

static void test_output(void)
{
	fresh();
	ldisc_write(&ld, "a\nb", 3);
	CHECK_STR(echoed, "a\r\nb");
	fresh();
	ld.termios.c_oflag &= ~OPOST;
	ldisc_write(&ld, "a\nb", 3);
	CHECK_STR(echoed, "a\nb");
	fresh();
	ld.termios.c_oflag = OPOST | OCRNL;
	ldisc_write(&ld, "x\r", 2);
	CHECK_STR(echoed, "x\n");
	fresh();
	ld.termios.c_oflag = OPOST | ONOCR;
	ldisc_write(&ld, "\rx\r", 3);		/* CR at column 0 is dropped */
	CHECK_STR(echoed, "x\r");
}

static void test_full_buffer(void)
{
	static char line[LDISC_BUF + 10];

	fresh();
	ld.termios.c_lflag &= ~ECHO;
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = 0;
	type(line);				/* more than fits: the rest is dropped */
	CHECK_EQ(ld.head - ld.tail, LDISC_BUF - 1);
	type("\n");				/* but the line can still be ended */
	CHECK_EQ(ldisc_readable(&ld), LDISC_BUF);
	CHECK_EQ(strlen(rd(LDISC_BUF)), LDISC_BUF);
	/* the ring wraps: many lines later everything still reads back in order */
	for (int i = 0; i < 3000; i++) {
		type("wrap\n");
		if (strcmp(rd(100), "wrap\n") != 0) {
			CHECK(0);
			break;
		}
	}
}

int main(void)
{
	RUN(test_canonical_line);
	RUN(test_one_line_per_read);
	RUN(test_erase);
	RUN(test_erase_control_and_tab);
	RUN(test_kill);
	RUN(test_werase);
	RUN(test_eof);
	RUN(test_signals);
	RUN(test_lnext);
	RUN(test_raw_mode);
	RUN(test_input_flags);
	RUN(test_flow_control);
	RUN(test_output);
	RUN(test_full_buffer);
	return check_summary();
}
