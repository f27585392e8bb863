/*
 * sys/utsname.h - uname(): the system's name, release and machine.
 */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#include <bits/uapi.h>
#include <uapi/utsname.h>

int uname(struct utsname *buf);

#endif
