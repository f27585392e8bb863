/*
 * sys/wait.h - waiting for children: wait(), waitpid(), wait4(), waitid(), and the macros that
 * take a wait status apart (the encoding is described in uapi/wait.h).
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/wait.h>
#include <signal.h>

#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)
#define WTERMSIG(s)	((s) & 0x7f)
#define WSTOPSIG(s)	WEXITSTATUS(s)
#define WCOREDUMP(s)	((s) & WCOREFLAG)
#define WIFEXITED(s)	(WTERMSIG(s) == 0)
#define WIFSTOPPED(s)	(((s) & 0xff) == 0x7f)
#define WIFSIGNALED(s)	(WTERMSIG(s) != 0 && !WIFSTOPPED(s))
#define WIFCONTINUED(s)	((s) == 0xffff)

typedef int idtype_t;

struct rusage;

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);
int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options);

#endif
