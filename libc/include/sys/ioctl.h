/*
 * sys/ioctl.h - ioctl(), and the terminal requests and struct winsize from uapi/termios.h.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <bits/uapi.h>
#include <uapi/termios.h>

int ioctl(int fd, unsigned long request, ...);

#endif
