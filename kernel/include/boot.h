/*
 * boot.h - what the boot loader told us, in a loader-independent form.
 *
 * arch/x86_64/multiboot2.c fills one struct boot_info from the Multiboot2 tags; the rest of the
 * kernel reads only this structure. Addresses are physical.
 */
#ifndef NIDO_BOOT_H
#define NIDO_BOOT_H

#include <stdint.h>
#include <stddef.h>
#include "param.h"

#define BOOT_MAX_MEMRANGES	64
#define BOOT_MAX_MODULES	8

enum mem_type {
	MEM_USABLE = 1,		/* same numbering as the Multiboot2/E820 types */
	MEM_RESERVED = 2,
	MEM_ACPI_RECLAIM = 3,
	MEM_ACPI_NVS = 4,
	MEM_BAD = 5,
};

struct mem_range {
	uint64_t base;
	uint64_t len;
	uint32_t type;
};

struct boot_module {
	uint64_t start;		/* physical, first byte */
	uint64_t end;		/* physical, one past the last byte */
	char name[32];		/* the module's command line, e.g. "initrd" */
};

struct boot_fb {
	uint64_t addr;		/* physical; 0 when there is no framebuffer */
	uint32_t pitch;		/* bytes per line */
	uint32_t width, height;	/* pixels, or characters for EGA text */
	uint8_t bpp;
	uint8_t type;		/* 0 indexed, 1 RGB, 2 EGA text */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

struct boot_info {
	char cmdline[CMDLINE_MAX];
	char loader[64];
	struct mem_range mem[BOOT_MAX_MEMRANGES];
	int nmem;
	struct boot_module modules[BOOT_MAX_MODULES];
	int nmodules;
	struct boot_fb fb;
	uint64_t rsdp;			/* physical address of a copy of the RSDP; 0 when none */
	int rsdp_is_v2;
	uint64_t info_start, info_end;	/* where the loader's tags themselves lie (keep them) */
	int efi;			/* booted through UEFI (an EFI system table tag was present) */
};

extern struct boot_info boot_info;

/*
 * Parse a Multiboot2 information block (already mapped at `mbi`) into `bi`. Returns 0, or a
 * negative errno when the block is malformed. Pure code: unit-tested on the host.
 */
int multiboot2_parse(const void *mbi, uint64_t mbi_phys, struct boot_info *bi);

#endif
