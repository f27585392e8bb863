/*
 * uapi/mount.h - mount() flags and umount2() flags.
 *
 * The propagation flags (MS_PRIVATE, MS_SHARED, ...) change an existing mount instead of making
 * a new one; `unshare --mount-proc` uses MS_REC | MS_PRIVATE on "/" before mounting a new /proc.
 */
#ifndef NIDO_UAPI_MOUNT_H
#define NIDO_UAPI_MOUNT_H

#define MS_RDONLY	0x1
#define MS_NOSUID	0x2
#define MS_NODEV	0x4
#define MS_NOEXEC	0x8
#define MS_SYNCHRONOUS	0x10
#define MS_REMOUNT	0x20
#define MS_MANDLOCK	0x40
#define MS_DIRSYNC	0x80
#define MS_NOATIME	0x400
#define MS_NODIRATIME	0x800
#define MS_BIND		0x1000
#define MS_MOVE		0x2000
#define MS_REC		0x4000	/* apply to the whole subtree */
#define MS_SILENT	0x8000
#define MS_UNBINDABLE	0x20000
#define MS_PRIVATE	0x40000
#define MS_SLAVE	0x80000
#define MS_SHARED	0x100000
#define MS_RELATIME	0x200000

/* umount2() flags */
#define MNT_FORCE	1
#define MNT_DETACH	2	/* lazy: detach now, clean up when no longer busy */
#define MNT_EXPIRE	4
#define UMOUNT_NOFOLLOW	8

#endif
