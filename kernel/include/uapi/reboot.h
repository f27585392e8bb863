/*
 * uapi/reboot.h - reboot(magic1, magic2, cmd, arg). The magic numbers guard against a stray call;
 * libc's reboot(cmd) passes them for the caller.
 */
#ifndef NIDO_UAPI_REBOOT_H
#define NIDO_UAPI_REBOOT_H

#define LINUX_REBOOT_MAGIC1		0xfee1deadu
#define LINUX_REBOOT_MAGIC2		672274793	/* 0x28121969 */

#define LINUX_REBOOT_CMD_RESTART	0x01234567u
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123u
#define LINUX_REBOOT_CMD_CAD_ON		0x89ABCDEFu
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000u
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDCu

/* the names glibc's <sys/reboot.h> uses for the same commands */
#define RB_AUTOBOOT	LINUX_REBOOT_CMD_RESTART
#define RB_HALT_SYSTEM	LINUX_REBOOT_CMD_HALT
#define RB_ENABLE_CAD	LINUX_REBOOT_CMD_CAD_ON
#define RB_DISABLE_CAD	LINUX_REBOOT_CMD_CAD_OFF
#define RB_POWER_OFF	LINUX_REBOOT_CMD_POWER_OFF

#endif
