/*
 * termios.h - terminal settings. struct termios is the kernel's (uapi/termios.h); these
 * functions are thin wrappers around the TCGETS/TCSETS* ioctls.
 */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <bits/uapi.h>
#include <sys/types.h>
#include <uapi/termios.h>

typedef uint8_t cc_t;
typedef uint32_t speed_t;
typedef uint32_t tcflag_t;

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);
void cfmakeraw(struct termios *t);
speed_t cfgetospeed(const struct termios *t);
speed_t cfgetispeed(const struct termios *t);
int cfsetospeed(struct termios *t, speed_t speed);
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetspeed(struct termios *t, speed_t speed);
int tcflush(int fd, int queue);
int tcdrain(int fd);
int tcflow(int fd, int action);
int tcsendbreak(int fd, int duration);
pid_t tcgetsid(int fd);

#endif
