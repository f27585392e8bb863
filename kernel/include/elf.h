/*
 * elf.h - just enough of ELF64 to load static executables.
 *
 * elf_check_header() and elf_parse_phdrs() are pure functions over bytes already read from the
 * file, so they are unit-tested on the host with truncated and hostile inputs.
 */
#ifndef NIDO_ELF_H
#define NIDO_ELF_H

#include <stdint.h>
#include <stddef.h>

#define ET_EXEC		2
#define ET_DYN		3
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_STACK	0x6474e551
#define PF_X		1
#define PF_W		2
#define PF_R		4

struct elf64_ehdr {
	unsigned char e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define ELF_MAX_PHDRS	64
#define ELF_MAX_SEGMENTS 16

struct elf_segment {
	uint64_t vaddr;		/* page-aligned start of the mapping */
	uint64_t memsz;		/* page-aligned length of the mapping */
	uint64_t file_vaddr;	/* where the file bytes start (p_vaddr) */
	uint64_t offset;	/* file offset of p_vaddr */
	uint64_t filesz;	/* bytes copied from the file; the rest up to p_memsz is zero */
	uint64_t zero_end;	/* p_vaddr + p_memsz */
	int prot;		/* PROT_READ | PROT_WRITE | PROT_EXEC */
};

struct elf_image {
	int type;		/* ET_EXEC or ET_DYN (static PIE, loaded at a base) */
	uint64_t entry;		/* before adding the load base */
	uint64_t phdr_vaddr;	/* AT_PHDR before adding the load base; 0 if not mapped */
	uint16_t phnum;
	uint64_t lowest, highest;	/* page-aligned address range of all segments */
	int nsegments;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
	int has_interp;
};

/* Validate an ELF header (first len bytes of the file). 0 or -ENOEXEC. */
int elf_check_header(const struct elf64_ehdr *eh, size_t len);

/*
 * Turn the program headers into loadable segments. `file_size` bounds every file offset.
 * Returns 0, -ENOEXEC for a malformed file, -ENOMEM for absurd sizes, -ELIBBAD for a dynamic
 * executable (PT_INTERP: nido loads static programs only).
 */
int elf_parse_phdrs(const struct elf64_ehdr *eh, const struct elf64_phdr *ph, uint64_t file_size,
		    uint64_t user_limit, struct elf_image *img);

#endif
