/*
 * t_ids.c - who a process is and where it runs: user and group ids (real, effective, saved),
 * pid/tid/pgrp/sid, uname, and getrandom.
 */
#include <sys/random.h>
#include <sys/utsname.h>

#include "tap.h"

/* A field of struct utsname: non-empty and NUL-terminated within its 65 bytes. */
static int field_ok(const char *f)
{
	return f[0] && memchr(f, 0, 65);
}

int main(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	struct utsname u;

	CHECK(getresuid(&r, &e, &s) == 0 && r == getuid() && e == geteuid(),
	      "getresuid agrees with getuid/geteuid");
	CHECK(getresgid(&gr, &ge, &gs) == 0 && gr == getgid() && ge == getegid(),
	      "getresgid agrees with getgid/getegid");
	CHECK_EQ(setuid(geteuid()), 0, "setuid to the current euid is allowed");
	CHECK_EQ(getuid(), r, "... and changes nothing");
	if (geteuid() != 0)
		CHECK_ERRNO(setuid(0), EPERM, "setuid(0) without privilege");
	CHECK_EQ(getpid(), gettid(), "the main thread's tid is the pid");
	CHECK(getppid() > 0, "getppid is positive");
	CHECK_EQ(getpgid(0), getpgrp(), "getpgid(0) is getpgrp()");
	CHECK(getsid(0) > 0, "getsid(0) is positive");
	CHECK_ERRNO(getpgid(-5), ESRCH, "getpgid of a negative pid");

	CHECK_EQ(uname(&u), 0, "uname");
	CHECK(field_ok(u.sysname) && field_ok(u.nodename) && field_ok(u.release) &&
		      field_ok(u.version) && field_ok(u.machine),
	      "every uname field is a non-empty string");
	CHECK(!strcmp(u.sysname, "Linux"), "sysname is Linux (what libcs expect), got %s",
	      u.sysname);
	CHECK(!strcmp(u.machine, "x86_64"), "machine is x86_64 (%s)", u.machine);

	unsigned char a[32], b[32];
	int nonzero = 0;

	memset(a, 0, sizeof(a));
	CHECK_EQ(getrandom(a, sizeof(a), 0), 32, "getrandom 32 bytes");
	CHECK_EQ(getrandom(b, sizeof(b), GRND_NONBLOCK), 32, "getrandom GRND_NONBLOCK");
	for (int i = 0; i < 32; i++)
		nonzero |= a[i];
	CHECK(nonzero && memcmp(a, b, sizeof(a)), "two draws differ and are not all zero");
	CHECK_ERRNO(getrandom(a, sizeof(a), 0x100), EINVAL, "getrandom with an unknown flag");
	CHECK_EQ(getrandom(a, 0, 0), 0, "getrandom of 0 bytes");
	return tap_done();
}
