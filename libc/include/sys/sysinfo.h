/*
 * sys/sysinfo.h - sysinfo(): uptime, load and memory totals.
 */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

#include <bits/uapi.h>
#include <uapi/sysinfo.h>

int sysinfo(struct sysinfo *info);
int get_nprocs(void);

#endif
