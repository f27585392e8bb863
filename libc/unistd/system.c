/*
 * system.c - system-wide information and control: uname, host name, sysinfo, sysconf, random
 * bytes, prctl, mounting and rebooting.
 */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "libc.h"
#include "syscall.h"

int uname(struct utsname *buf)
{
	return (int)__syscall_ret(__syscall(SYS_uname, buf));
}

/* The host name is uname()'s nodename; ENAMETOOLONG if it does not fit with its NUL. */
int gethostname(char *name, size_t len)
{
	struct utsname u;
	size_t n;

	if (uname(&u) < 0)
		return -1;
	n = strnlen(u.nodename, sizeof(u.nodename));
	if (n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, u.nodename, n + 1);
	return 0;
}

int sysinfo(struct sysinfo *info)
{
	return (int)__syscall_ret(__syscall(SYS_sysinfo, info));
}

/* Processors this process may run on: the bits set in its affinity mask. */
int get_nprocs(void)
{
	cpu_set_t set;
	int n = 0;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return 1;
	for (int i = 0; i < 16; i++)
		n += __builtin_popcountl(set.__bits[i]);
	return n ? n : 1;
}

int getpagesize(void)
{
	return (int)__page_size;
}

long sysconf(int name)
{
	struct rlimit rl;

	switch (name) {
	case _SC_ARG_MAX:
		return ARG_MAX;
	case _SC_CHILD_MAX:
		return -1;	/* no fixed limit */
	case _SC_CLK_TCK:
		return 100;
	case _SC_NGROUPS_MAX:
		return NGROUPS_MAX;
	case _SC_OPEN_MAX:
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
			return (long)rl.rlim_cur;
		return 1024;
	case _SC_PAGESIZE:
		return (long)__page_size;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return get_nprocs();
	}
	errno = EINVAL;
	return -1;
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return __syscall_ret(__syscall(SYS_getrandom, buf, len, flags));
}

/* prctl(option, up to four more unsigned long arguments) */
int prctl(int option, ...)
{
	unsigned long a[4];
	va_list ap;

	va_start(ap, option);
	for (int i = 0; i < 4; i++)
		a[i] = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)__syscall_ret(__syscall(SYS_prctl, option, a[0], a[1], a[2], a[3]));
}

int arch_prctl(int code, unsigned long addr)
{
	return (int)__syscall_ret(__syscall(SYS_arch_prctl, code, addr));
}

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	  const void *data)
{
	return (int)__syscall_ret(__syscall(SYS_mount, source, target, fstype, flags, data));
}

int umount2(const char *target, int flags)
{
	return (int)__syscall_ret(__syscall(SYS_umount2, target, flags));
}

int umount(const char *target)
{
	return umount2(target, 0);
}

int reboot(int cmd)
{
	return (int)__syscall_ret(__syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
					    (unsigned int)cmd, NULL));
}
