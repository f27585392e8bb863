/*
 * param.h - every tunable of the kernel in one place.
 */
#ifndef NIDO_PARAM_H
#define NIDO_PARAM_H

#define HZ		100		/* timer ticks per second */
#define MAX_CPUS	16		/* per-CPU slots */
#define KSTACK_PAGES	4		/* kernel stack size per thread, in pages (plus a guard page) */
#define MIN_MEMORY_MB	16		/* below this the kernel refuses to boot */
#define CMDLINE_MAX	1024		/* longest kernel command line kept */

/* Process identity: pspaces (pid namespaces) and their number allocators; see kernel/pid.c. */
#define PID_MAX_DEFAULT	32768		/* pid_max of the root pspace at boot (Linux's default) */
#define PID_MAX_LIMIT	4194304		/* highest pid_max anyone may set: 2^22, as on Linux */
#define PID_MAX_CHILD	PID_MAX_LIMIT	/* pid_max of a new pspace (Linux >= 6.14 does the same) */
#define RESERVED_PIDS	300		/* after wrapping, numbers below this are not handed out */
#ifndef PSPACE_MAX_DEPTH
#define PSPACE_MAX_DEPTH 32		/* pspaces below the root (ENOSPC deeper); -D overrides */
#endif
#define PSPACE_FIRST_ID	0xF0000000u	/* ids ("ns inodes") of new pspaces count up from here */
#define PIDHASH_MIN_BUCKETS 16		/* nr->pid hash buckets a pspace starts with (power of 2) */
#define PIDHASH_MAX_BUCKETS 8192	/* the hash doubles up to this many buckets (power of 2) */

/* Pipes (kernel/pipe.c): the ring of a pipe, in 4 KiB pages (16 = 64 KiB, Linux's default). */
#define PIPE_PAGES	16


/* uname -r: the kernel release */
#define NIDO_RELEASE	"0.1.0-nido"

#endif
