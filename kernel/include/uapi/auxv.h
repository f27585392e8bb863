/*
 * uapi/auxv.h - the auxiliary vector: (type, value) pairs the kernel puts on a new program's
 * stack after envp's NULL, ending with AT_NULL. They tell the program (its libc) things only the
 * loader knows: where its program headers are, the page size, where 16 random bytes are, ...
 */
#ifndef NIDO_UAPI_AUXV_H
#define NIDO_UAPI_AUXV_H

#include "types.h"

struct UAPI(auxv) {
	uint64_t a_type;	/* AT_* */
	uint64_t a_val;
};

#define AT_NULL		0	/* end of the vector */
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3	/* address of the program headers in memory */
#define AT_PHENT	4	/* size of one program header (56) */
#define AT_PHNUM	5	/* number of program headers */
#define AT_PAGESZ	6	/* 4096 */
#define AT_BASE		7	/* interpreter base; 0 for static programs */
#define AT_FLAGS	8
#define AT_ENTRY	9	/* the program's entry point */
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15	/* address of "x86_64" */
#define AT_HWCAP	16
#define AT_CLKTCK	17	/* times() ticks per second (100) */
#define AT_SECURE	23	/* set-id program: be careful with the environment */
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	25	/* address of 16 random bytes (stack protector, pointer guard) */
#define AT_HWCAP2	26
#define AT_EXECFN	31	/* address of the path that was exec'd */
#define AT_SYSINFO	32
#define AT_SYSINFO_EHDR	33	/* address of the vDSO, if any */
#define AT_MINSIGSTKSZ	51

#endif
