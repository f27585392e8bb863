/*
 * sys/resource.h - resource usage, resource limits and nice values.
 */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <sys/time.h>
#include <uapi/resource.h>

typedef uint64_t rlim_t;

int getrusage(int who, struct rusage *usage);
int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);
int getpriority(int which, id_t who);
int setpriority(int which, id_t who, int prio);

#endif
