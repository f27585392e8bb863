/*
 * errno.c - where errno lives.
 *
 * One global today. Every access goes through __errno_location(), so when nido grows threads
 * this becomes a per-thread slot (found through the FS base) without touching any caller.
 */
#include <errno.h>

static int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}
