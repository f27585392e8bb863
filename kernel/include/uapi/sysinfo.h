/*
 * uapi/sysinfo.h - sysinfo(): overall memory and load figures, 112 bytes.
 */
#ifndef NIDO_UAPI_SYSINFO_H
#define NIDO_UAPI_SYSINFO_H

#include "types.h"

#define SI_LOAD_SHIFT 16	/* loads[] are fixed-point: 1.0 == 1 << 16 */

struct UAPI(sysinfo) {
	int64_t uptime;		/* seconds since boot */
	uint64_t loads[3];	/* 1, 5, 15 minute load averages */
	uint64_t totalram;	/* in units of mem_unit bytes */
	uint64_t freeram;
	uint64_t sharedram;
	uint64_t bufferram;
	uint64_t totalswap;
	uint64_t freeswap;
	uint16_t procs;		/* number of processes */
	uint16_t pad;
	uint64_t totalhigh;
	uint64_t freehigh;
	uint32_t mem_unit;	/* bytes per unit of the memory fields */
	/* 4 bytes of padding to 112 (Linux's _f[] is empty on 64-bit) */
};
UAPI_SIZE(struct UAPI(sysinfo), 112);

#endif
