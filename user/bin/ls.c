/*
 * ls - list directory contents.
 *
 *	ls [-l] [-a] [-1] [-d] [PATH]...
 *
 * Names are sorted. -a includes names starting with '.', -d lists a directory itself instead of
 * its contents, -1 forces one name per line (the default when stdout is not a terminal; on a
 * terminal names are set in columns). -l gives the long form: type and permissions, link count,
 * owner and group (as numbers: there is no user database), size, modification time and name,
 * with "-> target" for symbolic links.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int opt_long, opt_all, opt_dir, one_per_line;
static int status;

struct entry {
	char *name;		/* as printed */
	char *path;		/* to stat */
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* "drwxr-xr-x" from a mode */
static void mode_string(mode_t m, char *s)
{
	static const char types[] = "?pc?d?b?-?l?s???";
	static const char rwx[] = "rwxrwxrwx";

	s[0] = types[(m >> 12) & 15];
	for (int i = 0; i < 9; i++)
		s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		s[3] = (m & 0100) ? 's' : 'S';
	if (m & S_ISGID)
		s[6] = (m & 0010) ? 's' : 'S';
	if (m & S_ISVTX)
		s[9] = (m & 0001) ? 't' : 'T';
	s[10] = 0;
}

static void print_long(const struct entry *e)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	struct stat st;
	struct tm tm;
	char mode[11];

	if (lstat(e->path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", e->path, strerror(errno));
		status = 1;
		return;
	}
	mode_string(st.st_mode, mode);
	gmtime_r(&st.st_mtime, &tm);
	printf("%s %3lu %4u %4u %8lld %.3s %2d %02d:%02d %s", mode, (unsigned long)st.st_nlink,
	       (unsigned int)st.st_uid, (unsigned int)st.st_gid, (long long)st.st_size,
	       months + 3 * tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, e->name);
	if (S_ISLNK(st.st_mode)) {
		char target[4096];
		ssize_t n = readlink(e->path, target, sizeof(target) - 1);

		if (n >= 0) {
			target[n] = 0;
			printf(" -> %s", target);
		}
	}
	putchar('\n');
}

/* The terminal's width, or 80. */
static int term_width(void)
{
	struct winsize ws;

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Print n sorted entries: long, one per line, or in columns (filled top to bottom). */
static void print_entries(struct entry *v, size_t n)
{
	size_t width = 1;

	qsort(v, n, sizeof(*v), cmp_entry);
	if (opt_long || one_per_line) {
		for (size_t i = 0; i < n; i++) {
			if (opt_long)
				print_long(&v[i]);
			else
				puts(v[i].name);
		}
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (strlen(v[i].name) + 2 > width)
			width = strlen(v[i].name) + 2;
	size_t cols = (size_t)term_width() / width;

	if (cols == 0)
		cols = 1;
	size_t rows = (n + cols - 1) / cols;

	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < cols; c++) {
			size_t i = c * rows + r;

			if (i >= n)
				break;
			if (c + 1 < cols && i + rows < n)
				printf("%-*s", (int)width, v[i].name);
			else
				fputs(v[i].name, stdout);
		}
		putchar('\n');
	}
}

static void free_entries(struct entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
	}
	free(v);
}

/* List the contents of the directory path. */
static void list_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	struct entry *v = NULL;
	size_t n = 0, cap = 0;

	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		status = 1;
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && !opt_all)
			continue;
		if (n == cap) {
			struct entry *bigger = realloc(v, (cap = cap ? 2 * cap : 64) * sizeof(*v));

			if (!bigger)
				break;
			v = bigger;
		}
		size_t len = strlen(path) + strlen(e->d_name) + 2;

		v[n].name = strdup(e->d_name);
		v[n].path = malloc(len);
		if (!v[n].name || !v[n].path)
			break;
		snprintf(v[n].path, len, "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	print_entries(v, n);
	free_entries(v, n);
}

int main(int argc, char **argv)
{
	struct entry *files;
	char **dirs;
	size_t nfiles = 0, ndirs = 0;
	struct stat st;
	int opt;

	while ((opt = getopt(argc, argv, "la1dA")) != -1) {
		if (opt == 'l')
			opt_long = 1;
		else if (opt == 'a' || opt == 'A')
			opt_all = 1;
		else if (opt == '1')
			one_per_line = 1;
		else if (opt == 'd')
			opt_dir = 1;
		else {
			fprintf(stderr, "usage: ls [-la1d] [PATH]...\n");
			return 2;
		}
	}
	if (!isatty(1))
		one_per_line = 1;
	if (optind == argc)
		argv[--optind] = ".";
	files = calloc((size_t)(argc - optind), sizeof(*files));
	dirs = calloc((size_t)(argc - optind), sizeof(*dirs));
	if (!files || !dirs)
		return 2;
	/* plain files first, as one group; then each directory with a header */
	for (int i = optind; i < argc; i++) {
		if (stat(argv[i], &st) < 0 && lstat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else if (S_ISDIR(st.st_mode) && !opt_dir) {
			dirs[ndirs++] = argv[i];
		} else {
			files[nfiles].name = strdup(argv[i]);
			files[nfiles].path = strdup(argv[i]);
			nfiles++;
		}
	}
	print_entries(files, nfiles);
	for (size_t i = 0; i < ndirs; i++) {
		if (nfiles || ndirs > 1)
			printf("%s%s:\n", nfiles || i ? "\n" : "", dirs[i]);
		list_dir(dirs[i]);
	}
	free_entries(files, nfiles);
	free(dirs);
	return status;
}
