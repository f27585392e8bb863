/*
 * uapi/resource.h - resource usage (getrusage, wait4), resource limits (getrlimit, setrlimit,
 * prlimit64) and scheduling priority (getpriority, setpriority).
 */
#ifndef NIDO_UAPI_RESOURCE_H
#define NIDO_UAPI_RESOURCE_H

#include "types.h"
#include "time.h"

/* getrusage who */
#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)	/* all waited-for descendants */
#define RUSAGE_THREAD	1

/* what a process (or its children) used: 144 bytes; nido fills in the times and leaves 0 elsewhere */
struct UAPI(rusage) {
	struct UAPI(timeval) ru_utime;	/* user CPU time */
	struct UAPI(timeval) ru_stime;	/* system CPU time */
	int64_t ru_maxrss;		/* peak resident set, KiB */
	int64_t ru_ixrss;
	int64_t ru_idrss;
	int64_t ru_isrss;
	int64_t ru_minflt;		/* page faults without I/O */
	int64_t ru_majflt;		/* page faults with I/O */
	int64_t ru_nswap;
	int64_t ru_inblock;
	int64_t ru_oublock;
	int64_t ru_msgsnd;
	int64_t ru_msgrcv;
	int64_t ru_nsignals;
	int64_t ru_nvcsw;		/* voluntary context switches */
	int64_t ru_nivcsw;		/* involuntary context switches */
};
UAPI_SIZE(struct UAPI(rusage), 144);

/* a limit: the soft one is enforced, the hard one is the ceiling for raising it */
struct UAPI(rlimit) {
	uint64_t rlim_cur;
	uint64_t rlim_max;
};
UAPI_SIZE(struct UAPI(rlimit), 16);

#define RLIM_INFINITY	(~0ull)

#define RLIMIT_CPU		0	/* CPU seconds */
#define RLIMIT_FSIZE		1	/* largest file */
#define RLIMIT_DATA		2	/* data segment (brk + anonymous mappings) */
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6	/* processes per user */
#define RLIMIT_NOFILE		7	/* one more than the highest fd */
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9	/* address space */
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIMIT_NLIMITS		16

/* getpriority/setpriority which */
#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

#define PRIO_MIN	(-20)	/* nice values run from -20 (favoured) to 19 */
#define PRIO_MAX	20

#endif
