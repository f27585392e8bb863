/*
 * strftime.c - formatting a broken-down time, "C" locale only.
 *
 * Supported: %a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %P %r %R %s %S
 * %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%. The E and O modifiers are accepted and ignored.
 * Returns the length written (without the NUL), or 0 if it did not fit in max bytes.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

int __days_in_year(int64_t y);

static const char *const day_name[7] = { "Sunday", "Monday", "Tuesday", "Wednesday",
					 "Thursday", "Friday", "Saturday" };
static const char *const month_name[12] = { "January", "February", "March", "April", "May",
					    "June", "July", "August", "September", "October",
					    "November", "December" };

/*
 * ISO 8601 week number (1..53) and the year it belongs to: weeks start on Monday and week 1 is
 * the one containing the year's first Thursday.
 */
static int iso_week(const struct tm *tm, int64_t *iso_year)
{
	int64_t year = (int64_t)tm->tm_year + 1900;
	int wday = (tm->tm_wday + 6) % 7;		/* Monday = 0 */
	int week = (tm->tm_yday - wday + 10) / 7;	/* week of this year's Thursday */

	if (week < 1) {
		/* belongs to the last week of the previous year */
		int prev_days = __days_in_year(year - 1);
		int yday = tm->tm_yday + prev_days;

		*iso_year = year - 1;
		return (yday - wday + 10) / 7;
	}
	if (week == 53 && tm->tm_yday - wday + 3 >= __days_in_year(year)) {
		*iso_year = year + 1;
		return 1;
	}
	*iso_year = year;
	return week;
}

struct out {
	char *s;
	size_t max, len;
};

static void put(struct out *o, const char *text)
{
	for (; *text; text++) {
		if (o->len + 1 < o->max)
			o->s[o->len] = *text;
		o->len++;
	}
}

static void putf(struct out *o, const char *fmt, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), fmt, v);
	put(o, buf);
}

static const char *name_or_qm(const char *const *names, int i, int n)
{
	return i >= 0 && i < n ? names[i] : "?";
}

static void format(struct out *o, const char *fmt, const struct tm *tm)
{
	char abbr[4];
	int64_t iso_year;
	int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			char c[2] = { *fmt, 0 };

			put(o, c);
			continue;
		}
		fmt++;
		if (*fmt == 'E' || *fmt == 'O')
			fmt++;
		switch (*fmt) {
		case 'a':
			snprintf(abbr, sizeof(abbr), "%.3s", name_or_qm(day_name, tm->tm_wday, 7));
			put(o, abbr);
			break;
		case 'A':
			put(o, name_or_qm(day_name, tm->tm_wday, 7));
			break;
		case 'b':
		case 'h':
			snprintf(abbr, sizeof(abbr), "%.3s", name_or_qm(month_name, tm->tm_mon, 12));
			put(o, abbr);
			break;
		case 'B':
			put(o, name_or_qm(month_name, tm->tm_mon, 12));
			break;
		case 'c':
			format(o, "%a %b %e %H:%M:%S %Y", tm);
			break;
		case 'C':
			putf(o, "%02lld", ((long long)tm->tm_year + 1900) / 100);
			break;
		case 'd':
			putf(o, "%02lld", tm->tm_mday);
			break;
		case 'D':
			format(o, "%m/%d/%y", tm);
			break;
		case 'e':
			putf(o, "%2lld", tm->tm_mday);
			break;
		case 'F':
			format(o, "%Y-%m-%d", tm);
			break;
		case 'g':
			iso_week(tm, &iso_year);
			putf(o, "%02lld", (long long)(iso_year % 100));
			break;
		case 'G':
			iso_week(tm, &iso_year);
			putf(o, "%lld", (long long)iso_year);
			break;
		case 'H':
			putf(o, "%02lld", tm->tm_hour);
			break;
		case 'I':
			putf(o, "%02lld", hour12);
			break;
		case 'j':
			putf(o, "%03lld", tm->tm_yday + 1);
			break;
		case 'k':
			putf(o, "%2lld", tm->tm_hour);
			break;
		case 'l':
			putf(o, "%2lld", hour12);
			break;
		case 'm':
			putf(o, "%02lld", tm->tm_mon + 1);
			break;
		case 'M':
			putf(o, "%02lld", tm->tm_min);
			break;
		case 'n':
			put(o, "\n");
			break;
		case 'p':
			put(o, tm->tm_hour < 12 ? "AM" : "PM");
			break;
		case 'P':
			put(o, tm->tm_hour < 12 ? "am" : "pm");
			break;
		case 'r':
			format(o, "%I:%M:%S %p", tm);
			break;
		case 'R':
			format(o, "%H:%M", tm);
			break;
		case 's': {
			struct tm copy = *tm;

			putf(o, "%lld", (long long)timegm(&copy));
			break;
		}
		case 'S':
			putf(o, "%02lld", tm->tm_sec);
			break;
		case 't':
			put(o, "\t");
			break;
		case 'T':
			format(o, "%H:%M:%S", tm);
			break;
		case 'u':
			putf(o, "%lld", tm->tm_wday ? tm->tm_wday : 7);
			break;
		case 'U':	/* weeks starting on Sunday; days before the first Sunday are week 0 */
			putf(o, "%02lld", (tm->tm_yday + 7 - tm->tm_wday) / 7);
			break;
		case 'V':
			putf(o, "%02lld", iso_week(tm, &iso_year));
			break;
		case 'w':
			putf(o, "%lld", tm->tm_wday);
			break;
		case 'W':	/* weeks starting on Monday */
			putf(o, "%02lld", (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7);
			break;
		case 'x':
			format(o, "%m/%d/%y", tm);
			break;
		case 'X':
			format(o, "%H:%M:%S", tm);
			break;
		case 'y':
			putf(o, "%02lld", (((long long)tm->tm_year + 1900) % 100 + 100) % 100);
			break;
		case 'Y':
			putf(o, "%lld", (long long)tm->tm_year + 1900);
			break;
		case 'z':
			put(o, "+0000");
			break;
		case 'Z':
			put(o, "UTC");
			break;
		case '%':
			put(o, "%");
			break;
		case '\0':
			fmt--;
			break;
		default: {
			char c[3] = { '%', *fmt, 0 };

			put(o, c);
			break;
		}
		}
	}
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm)
{
	struct out o = { .s = s, .max = max };

	format(&o, fmt, tm);
	if (o.len + 1 > max) {
		if (max)
			s[0] = '\0';
		return 0;
	}
	s[o.len] = '\0';
	return o.len;
}
