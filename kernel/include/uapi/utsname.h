/*
 * uapi/utsname.h - what uname() reports: six NUL-terminated strings of 65 bytes each.
 */
#ifndef NIDO_UAPI_UTSNAME_H
#define NIDO_UAPI_UTSNAME_H

#include "types.h"

#define UTSNAME_LEN 65

struct UAPI(utsname) {
	char sysname[UTSNAME_LEN];	/* "Linux" is what Linux programs expect; nido says "nido" */
	char nodename[UTSNAME_LEN];	/* the host name */
	char release[UTSNAME_LEN];
	char version[UTSNAME_LEN];
	char machine[UTSNAME_LEN];	/* "x86_64" */
	char domainname[UTSNAME_LEN];
};
UAPI_SIZE(struct UAPI(utsname), 390);

#endif
