/*
 * uapi/wait.h - options of wait4()/waitid() and the encoding of a wait status.
 *
 * wait4() reports what happened to a child in one int:
 *	exited with code c:		c << 8
 *	killed by signal s:		s (| 0x80 if it dumped core)
 *	stopped by signal s:		s << 8 | 0x7f
 *	continued:			0xffff
 * The W* macros that take a status apart live in libc's <sys/wait.h>; the kernel builds statuses
 * with the W_* helpers below.
 */
#ifndef NIDO_UAPI_WAIT_H
#define NIDO_UAPI_WAIT_H

/* options */
#define WNOHANG		0x00000001	/* return 0 instead of blocking */
#define WUNTRACED	0x00000002	/* also report stopped children (wait4) */
#define WSTOPPED	WUNTRACED	/* the same bit for waitid */
#define WEXITED		0x00000004	/* waitid: report children that exited */
#define WCONTINUED	0x00000008	/* also report continued children */
#define WNOWAIT		0x01000000	/* waitid: leave the child waitable */
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

/* waitid idtype */
#define P_ALL		0
#define P_PID		1
#define P_PGID		2
#define P_PIDFD		3

/* building a status word (kernel side) */
#define W_EXITCODE(code, sig)	(((code) & 0xff) << 8 | ((sig) & 0x7f))
#define W_STOPCODE(sig)		((sig) << 8 | 0x7f)
#define W_CONTINUED		0xffff
#define WCOREFLAG		0x80

#endif
