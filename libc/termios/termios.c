/*
 * termios.c - terminal settings on top of the TCGETS/TCSETS* ioctls (uapi/termios.h).
 *
 * The baud rate lives in c_cflag's CBAUD bits; input and output speed are the same on Linux.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

/* TCSANOW, TCSADRAIN and TCSAFLUSH select TCSETS, TCSETSW and TCSETSF, in that order */
int tcsetattr(int fd, int action, const struct termios *t)
{
	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TCSETS + action, t);
}

/* Raw mode: bytes in and out unchanged, no echo, no line editing, no signals from keys. */
void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(uint32_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(uint32_t)OPOST;
	t->c_lflag &= ~(uint32_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(uint32_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

speed_t cfgetispeed(const struct termios *t)
{
	return cfgetospeed(t);
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	if (speed & ~(speed_t)CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_cflag = (t->c_cflag & ~(uint32_t)CBAUD) | speed;
	return 0;
}

/* 0 means "the same as the output speed", which it always is */
int cfsetispeed(struct termios *t, speed_t speed)
{
	return speed ? cfsetospeed(t, speed) : 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
	return cfsetospeed(t, speed);
}

int tcflush(int fd, int queue)
{
	return ioctl(fd, TCFLSH, (void *)(long)queue);
}

/* TCSBRK with a non-zero argument waits for output to drain without sending a break */
int tcdrain(int fd)
{
	return ioctl(fd, TCSBRK, (void *)1l);
}

int tcflow(int fd, int action)
{
	return ioctl(fd, TCXONC, (void *)(long)action);
}

int tcsendbreak(int fd, int duration)
{
	(void)duration;		/* Linux ignores it too */
	return ioctl(fd, TCSBRK, (void *)0l);
}

pid_t tcgetsid(int fd)
{
	pid_t sid;

	if (ioctl(fd, TIOCGSID, &sid) < 0)
		return -1;
	return sid;
}
