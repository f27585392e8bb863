/*
 * uname - print what the kernel says about itself.
 *
 *	uname [-asnrvm]
 *
 * -s kernel name (the default), -n node name, -r release, -v version, -m machine; -a all of
 * them, in that order.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static const char letters[] = "snrvm";
	struct utsname u;
	int opt, want = 0, first = 1;

	while ((opt = getopt(argc, argv, "asnrvmpio")) != -1) {
		const char *l = strchr(letters, opt);

		if (opt == 'a')
			want = 0x1f;
		else if (l)
			want |= 1 << (l - letters);
		else if (opt == '?') {
			fprintf(stderr, "usage: uname [-asnrvm]\n");
			return 1;
		}
	}
	if (!want)
		want = 1;
	if (uname(&u) < 0) {
		fprintf(stderr, "uname: %s\n", strerror(errno));
		return 1;
	}
	const char *field[] = { u.sysname, u.nodename, u.release, u.version, u.machine };

	for (int i = 0; i < 5; i++) {
		if (!(want & (1 << i)))
			continue;
		printf("%s%s", first ? "" : " ", field[i]);
		first = 0;
	}
	putchar('\n');
	return 0;
}
