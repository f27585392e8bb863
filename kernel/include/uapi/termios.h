/*
 * uapi/termios.h - the terminal driver's settings and the ioctls that read and change them.
 *
 * struct termios here is the kernel's 36-byte one that TCGETS/TCSETS* copy (glibc's user-space
 * struct termios is bigger; nido's libc uses this one directly). Four flag words say how input is
 * cooked (c_iflag), output is post-processed (c_oflag), the line is set up (c_cflag) and which
 * local discipline runs (c_lflag: canonical line editing, echo, signals from ^C/^Z/^\).
 */
#ifndef NIDO_UAPI_TERMIOS_H
#define NIDO_UAPI_TERMIOS_H

#include "types.h"

#define NCCS 19

struct UAPI(termios) {
	uint32_t c_iflag;	/* input modes */
	uint32_t c_oflag;	/* output modes */
	uint32_t c_cflag;	/* control modes, including the baud rate (CBAUD) */
	uint32_t c_lflag;	/* local modes */
	uint8_t c_line;		/* line discipline, 0 */
	uint8_t c_cc[NCCS];	/* control characters, indexed by V* */
};
UAPI_SIZE(struct UAPI(termios), 36);

/* the terminal's size in characters (and pixels, unused): TIOCGWINSZ / TIOCSWINSZ */
struct UAPI(winsize) {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};
UAPI_SIZE(struct UAPI(winsize), 8);

/* ioctl requests on a terminal */
#define TCGETS		0x5401	/* struct termios * */
#define TCSETS		0x5402	/* now */
#define TCSETSW		0x5403	/* after output drains */
#define TCSETSF		0x5404	/* after output drains, discarding pending input */
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCEXCL	0x540C
#define TIOCNXCL	0x540D
#define TIOCSCTTY	0x540E	/* make this the caller's controlling terminal */
#define TIOCGPGRP	0x540F	/* get the foreground process group */
#define TIOCSPGRP	0x5410	/* set the foreground process group */
#define TIOCOUTQ	0x5411
#define TIOCSTI		0x5412
#define TIOCGWINSZ	0x5413	/* struct winsize * */
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B	/* bytes ready to read */
#define TIOCINQ		FIONREAD
#define FIONBIO		0x5421
#define TIOCNOTTY	0x5422	/* give up the controlling terminal */
#define TIOCGSID	0x5429	/* session of the terminal */
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

/* c_cc indexes */
#define VINTR		0	/* ^C: SIGINT */
#define VQUIT		1	/* ^\: SIGQUIT */
#define VERASE		2	/* DEL: erase a character */
#define VKILL		3	/* ^U: erase the line */
#define VEOF		4	/* ^D: end of file */
#define VTIME		5	/* non-canonical read timeout, tenths of a second */
#define VMIN		6	/* non-canonical read minimum bytes */
#define VSWTC		7
#define VSTART		8	/* ^Q */
#define VSTOP		9	/* ^S */
#define VSUSP		10	/* ^Z: SIGTSTP */
#define VEOL		11
#define VREPRINT	12	/* ^R */
#define VDISCARD	13
#define VWERASE		14	/* ^W: erase a word */
#define VLNEXT		15	/* ^V: take the next character literally */
#define VEOL2		16

/* c_iflag */
#define IGNBRK		0000001
#define BRKINT		0000002
#define IGNPAR		0000004
#define PARMRK		0000010
#define INPCK		0000020
#define ISTRIP		0000040
#define INLCR		0000100
#define IGNCR		0000200
#define ICRNL		0000400	/* turn CR into NL on input */
#define IUCLC		0001000
#define IXON		0002000
#define IXANY		0004000
#define IXOFF		0010000
#define IMAXBEL		0020000
#define IUTF8		0040000

/* c_oflag */
#define OPOST		0000001	/* post-process output at all */
#define OLCUC		0000002
#define ONLCR		0000004	/* turn NL into CR NL on output */
#define OCRNL		0000010
#define ONOCR		0000020
#define ONLRET		0000040
#define OFILL		0000100
#define OFDEL		0000200

/* c_cflag */
#define CBAUD		0010017
#define CSIZE		0000060
#define CS5		0000000
#define CS6		0000020
#define CS7		0000040
#define CS8		0000060
#define CSTOPB		0000100
#define CREAD		0000200
#define PARENB		0000400
#define PARODD		0001000
#define HUPCL		0002000
#define CLOCAL		0004000
#define CBAUDEX		0010000

/* baud rates, stored in c_cflag & CBAUD */
#define B0		0000000
#define B50		0000001
#define B75		0000002
#define B110		0000003
#define B134		0000004
#define B150		0000005
#define B200		0000006
#define B300		0000007
#define B600		0000010
#define B1200		0000011
#define B1800		0000012
#define B2400		0000013
#define B4800		0000014
#define B9600		0000015
#define B19200		0000016
#define B38400		0000017
#define B57600		0010001
#define B115200		0010002
#define B230400		0010003
#define B460800		0010004

/* c_lflag */
#define ISIG		0000001	/* ^C ^\ ^Z send signals */
#define ICANON		0000002	/* line-at-a-time input with editing */
#define ECHO		0000010
#define ECHOE		0000020
#define ECHOK		0000040
#define ECHONL		0000100
#define NOFLSH		0000200
#define TOSTOP		0000400	/* SIGTTOU for background writers */
#define ECHOCTL		0001000	/* echo ^X for control characters */
#define ECHOPRT		0002000
#define ECHOKE		0004000
#define FLUSHO		0010000
#define PENDIN		0040000
#define IEXTEN		0100000

/* tcsetattr() optional_actions: which TCSETS* to use */
#define TCSANOW		0
#define TCSADRAIN	1
#define TCSAFLUSH	2

/* tcflush() queue selector (TCFLSH argument) */
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

/* tcflow() action (TCXONC argument) */
#define TCOOFF		0
#define TCOON		1
#define TCIOFF		2
#define TCION		3

#endif
