/*
 * sys/mount.h - mount(), umount() and umount2().
 */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#include <bits/uapi.h>
#include <uapi/mount.h>

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	  const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);

#endif
