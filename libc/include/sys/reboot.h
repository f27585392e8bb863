/*
 * sys/reboot.h - reboot(cmd): restart, halt or power off (libc adds the magic numbers).
 */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#include <bits/uapi.h>
#include <uapi/reboot.h>

int reboot(int cmd);

#endif
