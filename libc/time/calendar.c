/*
 * calendar.c - between seconds since the epoch and broken-down dates: gmtime, timegm, mktime,
 * asctime, ctime. nido has no time zones, so local time is UTC.
 *
 * The conversions count days in the proleptic Gregorian calendar with "eras" of 400 years
 * (146097 days), which repeat exactly; years are shifted to start in March so that the leap
 * day is the last day of the year and month lengths follow a simple formula.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <time.h>

long timezone;
int daylight;
char *tzname[2] = { "UTC", "UTC" };

void tzset(void)
{
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days from 1970-01-01 to year-month-day (month 1..12; day may be outside 1..31). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;					/* 0..399 */
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;	/* day of the March-based year */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;		/* 0..146096 */
	return era * 146097 + doe - 719468;			/* 719468: 0000-03-01 to 1970 */
}

/* The inverse: days since 1970-01-01 to year, month (1..12), day (1..31). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	int64_t days = floor_div(*t, 86400), secs = *t - days * 86400, year;
	int month, day;

	civil_from_days(days, &year, &month, &day);
	if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(year - 1900);
	tm->tm_mon = month - 1;
	tm->tm_mday = day;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7);	/* 1970-01-01 was a Thursday (4) */
	tm->tm_yday = (int)(days - days_from_civil(year, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
	return gmtime(t);
}

/*
 * Seconds since the epoch for a broken-down UTC time. Fields out of range are allowed (the
 * 32nd of January is the 1st of February) and *tm is rewritten normalised, with wday/yday set.
 */
time_t timegm(struct tm *tm)
{
	int64_t mon = tm->tm_mon, year = (int64_t)tm->tm_year + 1900 + floor_div(mon, 12);
	int64_t days, t;

	mon -= floor_div(mon, 12) * 12;
	days = days_from_civil(year, mon + 1, 1) + tm->tm_mday - 1;
	t = days * 86400 + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 + tm->tm_sec;
	if (!gmtime_r(&t, tm))
		return -1;
	return t;
}

time_t mktime(struct tm *tm)
{
	return timegm(tm);
}

static const char day_names[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char month_names[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "Thu Jan  1 00:00:00 1970\n" */
char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n",
		 tm->tm_wday >= 0 && tm->tm_wday < 7 ? day_names[tm->tm_wday] : "???",
		 tm->tm_mon >= 0 && tm->tm_mon < 12 ? month_names[tm->tm_mon] : "???",
		 tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900);
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[32];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return gmtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	static char buf[32];

	return ctime_r(t, buf);
}

/* used by strftime.c */
int __days_in_year(int64_t y)
{
	return is_leap(y) ? 366 : 365;
}
