/*
 * sys/prctl.h - prctl(): per-process settings such as the name shown in /proc/PID/comm.
 */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#include <bits/uapi.h>
#include <uapi/prctl.h>

int prctl(int option, ...);
int arch_prctl(int code, unsigned long addr);

#endif
