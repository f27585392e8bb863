/*
 * ksyms.c - the kernel's own symbol table: which function an address belongs to.
 *
 * A backtrace is a list of return addresses; to be read by a person it needs names. The build
 * links the kernel twice (Makefile): the first link is only there to learn where every function
 * landed. `nm` lists its text symbols, tools/ksyms turns them into a generated C file holding a
 * sorted table (address, offset of the name) and one string of NUL-separated names, and the
 * second link includes that file. The table is read-only data placed after all other .rodata of
 * the program, and .text comes before .rodata, so adding it moves no function: the addresses it
 * lists are those of the final kernel. The build checks this by regenerating the table from the
 * final kernel and comparing.
 *
 * Lookup is a binary search for the last symbol at or below the address. A symbol's extent is
 * taken to end at the next symbol (the last one ends at __text_end): good enough for backtraces,
 * and it needs no sizes, which assembly labels do not have.
 */
#include "kernel.h"
#include "string.h"
#include <arch.h>
#include "x86_64.h"

/* The generated table (build/.../ksyms.c): ksyms_count entries sorted by address, then a
 * sentinel entry, so the table is never empty as C requires. */
extern const struct ksym ksyms_table[];
extern const unsigned int ksyms_count;
extern const char ksyms_names[];
extern const char __text_end[];

/*
 * Binary search in table[0..count) for the last entry with addr <= `addr`, and the end of its
 * extent (the next entry, or `end`). Pure: the tests call it with tables of their own.
 */
const char *ksyms_search(const struct ksym *table, unsigned int count, const char *names,
			 uintptr_t end, uintptr_t addr, uintptr_t *offset)
{
	unsigned int lo = 0, hi = count;

	if (count == 0 || addr < table[0].addr || addr >= end)
		return NULL;
	while (hi - lo > 1) { /* invariant: table[lo].addr <= addr < table[hi].addr */
		unsigned int mid = lo + (hi - lo) / 2;
		if (table[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset)
		*offset = addr - table[lo].addr;
	return names + table[lo].name;
}

/* The name of the kernel function containing `addr` and the offset into it, or NULL. */
const char *ksyms_lookup(uintptr_t addr, uintptr_t *offset)
{
	return ksyms_search(ksyms_table, ksyms_count, ksyms_names, (uintptr_t)__text_end, addr,
			    offset);
}

/* The address of the kernel function called `name`, or 0: a linear scan, for tests and tools. */
uintptr_t ksyms_address(const char *name)
{
	for (unsigned int i = 0; i < ksyms_count; i++)
		if (strcmp(ksyms_names + ksyms_table[i].name, name) == 0)
			return ksyms_table[i].addr;
	return 0;
}

/* The number of symbols in the table (0 in the first link of the build). */
unsigned int ksyms_size(void)
{
	return ksyms_count;
}
