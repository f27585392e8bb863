/*
 * uapi/signal.h - signal numbers, actions, masks and the frames the kernel builds for handlers.
 *
 * A signal set is one 64-bit word: bit (sig - 1) stands for signal sig, so signals run 1..64.
 * Every rt_sig* call takes the size of that word (8) as its last argument.
 *
 * A handler runs on a frame the kernel pushes on the user stack (struct rt_sigframe below). Its
 * first word, pretcode, is the return address the handler's `ret` jumps to: the sa_restorer that
 * libc registered with SA_RESTORER, which just calls rt_sigreturn (nr 15) to restore the saved
 * registers and mask from the frame's ucontext.
 */
#ifndef NIDO_UAPI_SIGNAL_H
#define NIDO_UAPI_SIGNAL_H

#include "types.h"

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGIOT		SIGABRT
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPOLL		SIGIO
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32	/* real-time signals: queued, delivered lowest first */
#define SIGRTMAX	64
#define NSIG		65	/* one more than the highest signal number */

/* a set of signals: bit (sig - 1) */
typedef uint64_t linux_sigset_t;
#define SIGSET_SIZE	8	/* the sigsetsize every rt_sig* call must pass */

/* rt_sigprocmask how */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* special handler values */
#define SIG_DFL		((void (*)(int))0)	/* the default action */
#define SIG_IGN		((void (*)(int))1)	/* ignore */
#define SIG_ERR		((void (*)(int))-1)	/* returned by signal() on error */

/* sa_flags */
#define SA_NOCLDSTOP	0x00000001u	/* SIGCHLD: not for stopped/continued children */
#define SA_NOCLDWAIT	0x00000002u	/* SIGCHLD: children do not become zombies */
#define SA_SIGINFO	0x00000004u	/* handler takes (sig, siginfo *, ucontext *) */
#define SA_RESTORER	0x04000000u	/* sa_restorer is valid (libc always sets it) */
#define SA_ONSTACK	0x08000000u	/* run on the sigaltstack */
#define SA_RESTART	0x10000000u	/* restart interrupted syscalls instead of EINTR */
#define SA_NODEFER	0x40000000u	/* do not block the signal while its handler runs */
#define SA_RESETHAND	0x80000000u	/* back to SIG_DFL once delivered */
#define SA_NOMASK	SA_NODEFER
#define SA_ONESHOT	SA_RESETHAND

/* extra data some signals carry: rt_sigqueueinfo, timers, ... */
union UAPI(sigval) {
	int32_t sival_int;
	void *sival_ptr;
};

/*
 * siginfo: 128 bytes. The first three ints say which signal, which errno and why (si_code); the
 * rest is a union whose meaning depends on the signal and si_code.
 */
struct UAPI(siginfo) {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;	/* SI_*, CLD_*, SEGV_*, ... */
	int32_t __pad0;
	union {
		/* kill, tkill, sigqueue, SIGCHLD: who sent it */
		struct {
			int32_t si_pid;
			uint32_t si_uid;
			union {
				union UAPI(sigval) si_value;	/* sigqueue, timers */
				struct {			/* SIGCHLD */
					int32_t si_status;	/* exit code or signal */
					int32_t __pad1;
					int64_t si_utime;
					int64_t si_stime;
				};
			};
		};
		/* POSIX timers */
		struct {
			int32_t si_timerid;
			int32_t si_overrun;
		};
		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP: the faulting address */
		struct {
			void *si_addr;
			int16_t si_addr_lsb;
		};
		/* SIGIO / SIGPOLL */
		struct {
			int64_t si_band;
			int32_t si_fd;
		};
		uint8_t __pad[112];
	};
};
UAPI_SIZE(struct UAPI(siginfo), 128);
UAPI_OFFSET(struct UAPI(siginfo), si_pid, 16);
UAPI_OFFSET(struct UAPI(siginfo), si_status, 24);
UAPI_OFFSET(struct UAPI(siginfo), si_utime, 32);
UAPI_OFFSET(struct UAPI(siginfo), si_stime, 40);

/* si_code: who sent a signal */
#define SI_USER		0	/* kill() */
#define SI_KERNEL	0x80	/* the kernel (tty, timers) */
#define SI_QUEUE	(-1)	/* sigqueue() */
#define SI_TIMER	(-2)	/* POSIX timer expiry */
#define SI_MESGQ	(-3)
#define SI_ASYNCIO	(-4)
#define SI_SIGIO	(-5)
#define SI_TKILL	(-6)	/* tkill() / tgkill() */

/* si_code for SIGCHLD */
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

/* si_code for SIGILL */
#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define ILL_ILLADR	3
#define ILL_ILLTRP	4
#define ILL_PRVOPC	5
#define ILL_PRVREG	6
#define ILL_COPROC	7
#define ILL_BADSTK	8

/* si_code for SIGFPE */
#define FPE_INTDIV	1
#define FPE_INTOVF	2
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define FPE_FLTSUB	8

/* si_code for SIGSEGV / SIGBUS / SIGTRAP */
#define SEGV_MAPERR	1	/* nothing mapped there */
#define SEGV_ACCERR	2	/* mapped, but not with that permission */
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define BUS_OBJERR	3
#define TRAP_BRKPT	1
#define TRAP_TRACE	2

/* si_code for SIGIO */
#define POLL_IN		1
#define POLL_OUT	2
#define POLL_MSG	3
#define POLL_ERR	4
#define POLL_PRI	5
#define POLL_HUP	6

/* rt_sigaction's struct: 32 bytes (not glibc's struct sigaction, which is larger) */
struct UAPI(sigaction) {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, struct UAPI(siginfo) *, void *);
	};
	uint64_t sa_flags;
	void (*sa_restorer)(void);
	linux_sigset_t sa_mask;		/* blocked while the handler runs */
};
UAPI_SIZE(struct UAPI(sigaction), 32);

/* sigaltstack: an alternate stack for SA_ONSTACK handlers; 24 bytes */
struct UAPI(sigaltstack) {
	void *ss_sp;
	int32_t ss_flags;	/* SS_ONSTACK, SS_DISABLE */
	size_t ss_size;
};
UAPI_SIZE(struct UAPI(sigaltstack), 24);

#define SS_ONSTACK	1	/* currently running on it */
#define SS_DISABLE	2	/* none set */
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

/*
 * The registers saved in a signal frame (Linux calls it sigcontext, user space mcontext_t):
 * 256 bytes, in the order musl's and glibc's gregs[] index them.
 */
struct UAPI(sigcontext) {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp;
	uint64_t rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;	/* user address of the 512-byte fxsave area, or 0 */
	uint64_t __reserved1[8];
};
UAPI_SIZE(struct UAPI(sigcontext), 256);

/* the kernel's ucontext: 304 bytes (its signal mask is one word, unlike libc ucontext_t) */
struct UAPI(ucontext) {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct UAPI(sigaltstack) uc_stack;
	struct UAPI(sigcontext) uc_mcontext;
	linux_sigset_t uc_sigmask;
};
UAPI_SIZE(struct UAPI(ucontext), 304);

/*
 * What the kernel pushes below the user's stack pointer (and its 128-byte red zone) to run a
 * handler: 440 bytes, then the fxsave area that uc_mcontext.fpstate points at, 16-aligned.
 * On entry to the handler rsp points at pretcode and (rsp + 8) is 16-byte aligned.
 */
struct UAPI(rt_sigframe) {
	uint64_t pretcode;			/* sa_restorer: where the handler returns to */
	struct UAPI(ucontext) uc;
	struct UAPI(siginfo) info;
};
UAPI_SIZE(struct UAPI(rt_sigframe), 440);
UAPI_OFFSET(struct UAPI(rt_sigframe), uc.uc_mcontext.rip, 176);
UAPI_OFFSET(struct UAPI(rt_sigframe), uc.uc_sigmask, 304);
UAPI_OFFSET(struct UAPI(rt_sigframe), info, 312);

#endif
