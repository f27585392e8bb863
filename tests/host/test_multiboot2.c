/*
 * test_multiboot2.c - the Multiboot2 information parser (arch/x86_64/multiboot2.c) on the host.
 *
 * Each test builds an information block the way GRUB lays one out (total size, reserved word,
 * 8-byte aligned tags, an end tag) in a heap buffer of exactly that size, so AddressSanitizer
 * reports any read past the block's end. The last test corrupts valid blocks at random: the
 * parser may refuse them, but must never read outside the block nor overflow struct boot_info.
 * The framebuffer tests keep the console engineer's regression test: GRUB's RGB framebuffer tag
 * is 38 bytes, shorter than the padded C struct, and its colour fields must still be read.
 */
// SOURCES: arch/x86_64/multiboot2.c
#include <stdint.h>
#include <stdlib.h>
#include <string.h>	/* -Ikernel/include: the kernel's string.h, same prototypes as C's */

#include "check.h"
#include "boot.h"
#include "param.h"
#include "uapi/errno.h"

enum {
	TAG_END = 0,
	TAG_CMDLINE = 1,
	TAG_LOADER = 2,
	TAG_MODULE = 3,
	TAG_MMAP = 6,
	TAG_FRAMEBUFFER = 8,
	TAG_EFI64 = 12,
	TAG_ACPI_OLD = 14,
	TAG_ACPI_NEW = 15,
};

#define MBI_PHYS 0x10000	/* where the tests pretend the block lies */

/* A block under construction: tags are appended at `len`, 8-byte aligned. */
struct mbi {
	uint8_t buf[65536];
	uint32_t len;
};

static void mbi_start(struct mbi *m)
{
	memset(m->buf, 0, sizeof(m->buf));
	m->len = 8;	/* total_size and reserved, filled in by mbi_finish() */
}

/* Append a tag of `type` whose payload (after type and size) is `payload`, `plen` bytes. */
static uint32_t mbi_tag(struct mbi *m, uint32_t type, const void *payload, uint32_t plen)
{
	uint32_t off = m->len, size = 8 + plen;

	memcpy(m->buf + off, &type, 4);
	memcpy(m->buf + off + 4, &size, 4);
	if (plen)
		memcpy(m->buf + off + 8, payload, plen);
	m->len = (off + size + 7) & ~7u;
	return off;
}

static void mbi_string_tag(struct mbi *m, uint32_t type, const char *s)
{
	mbi_tag(m, type, s, (uint32_t)strlen(s) + 1);
}

/*
 * Add the end tag and copy the block into a heap buffer of exactly its size, which the caller
 * frees. With `end` false the block has no end tag.
 */
static uint8_t *mbi_finish_opt(struct mbi *m, int end)
{
	if (end)
		mbi_tag(m, TAG_END, NULL, 0);
	memcpy(m->buf, &m->len, 4);
	uint8_t *copy = malloc(m->len);
	memcpy(copy, m->buf, m->len);
	return copy;
}

static uint8_t *mbi_finish(struct mbi *m)
{
	return mbi_finish_opt(m, 1);
}

struct mmap_entry {
	uint64_t base, len;
	uint32_t type, reserved;
};

/* A memory map tag holding `n` entries. */
static void mbi_mmap(struct mbi *m, const struct mmap_entry *e, int n)
{
	uint8_t payload[8 + 24 * 200];
	uint32_t entry_size = 24, version = 0;

	memcpy(payload, &entry_size, 4);
	memcpy(payload + 4, &version, 4);
	memcpy(payload + 8, e, 24 * (size_t)n);
	mbi_tag(m, TAG_MMAP, payload, 8 + 24 * (uint32_t)n);
}

static void mbi_module(struct mbi *m, uint32_t start, uint32_t end, const char *name)
{
	uint8_t payload[128];
	size_t n = strlen(name) + 1;

	memcpy(payload, &start, 4);
	memcpy(payload + 4, &end, 4);
	memcpy(payload + 8, name, n);
	mbi_tag(m, TAG_MODULE, payload, 8 + (uint32_t)n);
}

static struct boot_info bi;

static int parse(const uint8_t *block)
{
	return multiboot2_parse(block, MBI_PHYS, &bi);
}

static struct mbi m;

static void test_minimal_block(void)
{
	mbi_start(&m);
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.nmem, 0);
	CHECK_EQ(bi.nmodules, 0);
	CHECK_EQ(bi.cmdline[0], '\0');
	CHECK_EQ(bi.rsdp, 0);
	CHECK_EQ(bi.efi, 0);
	CHECK_EQ(bi.info_start, MBI_PHYS);
	CHECK_EQ(bi.info_end, MBI_PHYS + 16);
	free(b);
}

static void test_cmdline_and_loader(void)
{
	mbi_start(&m);
	mbi_string_tag(&m, TAG_CMDLINE, "qemu_exit test=all");
	mbi_string_tag(&m, TAG_LOADER, "GRUB 2.06-13+deb12u1");
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK(strcmp(bi.cmdline, "qemu_exit test=all") == 0);
	CHECK(strcmp(bi.loader, "GRUB 2.06-13+deb12u1") == 0);
	free(b);
}

/* A command line longer than the kernel keeps is cut, and still NUL-terminated. */
static void test_long_cmdline_truncated(void)
{
	static char longline[CMDLINE_MAX * 2];

	memset(longline, 'x', sizeof(longline) - 1);
	mbi_start(&m);
	mbi_string_tag(&m, TAG_CMDLINE, longline);
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(strlen(bi.cmdline), CMDLINE_MAX - 1);
	free(b);
}

/* A string tag without its NUL: the copy stops at the tag's end, not somewhere after it. */
static void test_unterminated_string(void)
{
	mbi_start(&m);
	mbi_tag(&m, TAG_LOADER, "GRUBGRUB", 8);
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK(strcmp(bi.loader, "GRUBGRUB") == 0);
	free(b);
}

static void test_memory_map(void)
{
	const struct mmap_entry e[] = {
		{ 0x0, 0x9fc00, MEM_USABLE, 0 },
		{ 0x9fc00, 0x400, MEM_RESERVED, 0 },
		{ 0x100000, 0, MEM_USABLE, 0 },		/* empty: skipped */
		{ 0x100000, 0xbfee0000, MEM_USABLE, 0 },
		{ 0xbffe0000, 0x20000, MEM_ACPI_RECLAIM, 0 },
		{ 0x100000000ull, 0xc0000000ull, MEM_USABLE, 0 },	/* above the 4 GiB hole */
	};
	mbi_start(&m);
	mbi_mmap(&m, e, 6);
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.nmem, 5);
	CHECK_EQ(bi.mem[0].base, 0);
	CHECK_EQ(bi.mem[0].len, 0x9fc00);
	CHECK_EQ(bi.mem[1].type, MEM_RESERVED);
	CHECK_EQ(bi.mem[2].base, 0x100000);
	CHECK_EQ(bi.mem[3].type, MEM_ACPI_RECLAIM);
	CHECK_EQ(bi.mem[4].base, 0x100000000ll);
	CHECK_EQ(bi.mem[4].len, 0xc0000000ll);
	CHECK_EQ(bi.mem[4].type, MEM_USABLE);
	free(b);
}

/* Entries bigger than ours (a later entry_version): the parser steps by entry_size. */
static void test_memory_map_larger_entries(void)
{
	uint8_t payload[8 + 32 * 2] = { 0 };
	uint32_t entry_size = 32;
	uint64_t base1 = 0x1000, len1 = 0x2000, base2 = 0x200000, len2 = 0x300000;
	uint32_t usable = MEM_USABLE, bad = MEM_BAD;

	memcpy(payload, &entry_size, 4);
	memcpy(payload + 8, &base1, 8);
	memcpy(payload + 16, &len1, 8);
	memcpy(payload + 24, &usable, 4);
	memcpy(payload + 40, &base2, 8);
	memcpy(payload + 48, &len2, 8);
	memcpy(payload + 56, &bad, 4);
	mbi_start(&m);
	mbi_tag(&m, TAG_MMAP, payload, sizeof(payload));
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.nmem, 2);
	CHECK_EQ(bi.mem[1].base, 0x200000);
	CHECK_EQ(bi.mem[1].len, 0x300000);
	CHECK_EQ(bi.mem[1].type, MEM_BAD);
	free(b);
}

/* More ranges than boot_info holds: the first BOOT_MAX_MEMRANGES are kept, no overflow. */
static void test_memory_map_too_many(void)
{
	static struct mmap_entry e[BOOT_MAX_MEMRANGES + 20];

	for (int i = 0; i < BOOT_MAX_MEMRANGES + 20; i++)
		e[i] = (struct mmap_entry){ 0x100000ull * i, 0x1000, MEM_USABLE, 0 };
	mbi_start(&m);
	mbi_mmap(&m, e, BOOT_MAX_MEMRANGES + 20);
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.nmem, BOOT_MAX_MEMRANGES);
	CHECK_EQ(bi.mem[BOOT_MAX_MEMRANGES - 1].base, 0x100000ull * (BOOT_MAX_MEMRANGES - 1));
	free(b);
}

static void test_memory_map_bad_entry_size(void)
{
	uint8_t payload[8 + 24] = { 0 };
	uint32_t entry_size = 16;	/* smaller than an entry */

	memcpy(payload, &entry_size, 4);
	mbi_start(&m);
	mbi_tag(&m, TAG_MMAP, payload, sizeof(payload));
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), -EINVAL);
	free(b);
}

static void test_modules(void)
{
	mbi_start(&m);
	mbi_module(&m, 0x200000, 0x280000, "initrd");
	mbi_module(&m, 0x300000, 0x300000, "");		/* empty module, no name */
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.nmodules, 2);
	CHECK_EQ(bi.modules[0].start, 0x200000);
	CHECK_EQ(bi.modules[0].end, 0x280000);
	CHECK(strcmp(bi.modules[0].name, "initrd") == 0);
	CHECK_EQ(bi.modules[1].start, bi.modules[1].end);
	CHECK_EQ(bi.modules[1].name[0], '\0');
	free(b);
}

static void test_module_name_truncated(void)
{
	char name[100];

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	mbi_start(&m);
	mbi_module(&m, 0x200000, 0x201000, name);
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(strlen(bi.modules[0].name), sizeof(bi.modules[0].name) - 1);
	free(b);
}

static void test_modules_too_many(void)
{
	mbi_start(&m);
	for (int i = 0; i < BOOT_MAX_MODULES + 3; i++)
		mbi_module(&m, 0x1000000u + 0x1000u * i, 0x1000000u + 0x1000u * (i + 1), "mod");
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.nmodules, BOOT_MAX_MODULES);
	free(b);
}

static void test_module_end_before_start(void)
{
	mbi_start(&m);
	mbi_module(&m, 0x200000, 0x100000, "initrd");
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), -EINVAL);
	free(b);
}

/* GRUB's RGB framebuffer tag: 38 bytes, colour fields at the end (shorter than the C struct). */
static void test_framebuffer_rgb(void)
{
	uint8_t payload[8 + 4 * 3 + 4 + 6] = { 0 };	/* + the 8-byte header = 38 */
	uint64_t addr = 0xfd000000;
	uint32_t pitch = 1024 * 4, width = 1024, height = 768;
	const uint8_t fmt[] = { 32, 1, 0, 0, 16, 8, 8, 8, 0, 8 };	/* bpp type rsv2 r g b */

	memcpy(payload, &addr, 8);
	memcpy(payload + 8, &pitch, 4);
	memcpy(payload + 12, &width, 4);
	memcpy(payload + 16, &height, 4);
	memcpy(payload + 20, fmt, sizeof(fmt));
	mbi_start(&m);
	mbi_tag(&m, TAG_FRAMEBUFFER, payload, sizeof(payload));
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.fb.addr, 0xfd000000);
	CHECK_EQ(bi.fb.pitch, 4096);
	CHECK_EQ(bi.fb.width, 1024);
	CHECK_EQ(bi.fb.height, 768);
	CHECK_EQ(bi.fb.bpp, 32);
	CHECK_EQ(bi.fb.type, 1);
	CHECK_EQ(bi.fb.red_pos, 16);
	CHECK_EQ(bi.fb.red_size, 8);
	CHECK_EQ(bi.fb.green_pos, 8);
	CHECK_EQ(bi.fb.blue_pos, 0);
	CHECK_EQ(bi.fb.blue_size, 8);
	free(b);

	/* 35 bytes: too short for all six colour bytes, which are then ignored */
	mbi_start(&m);
	mbi_tag(&m, TAG_FRAMEBUFFER, payload, sizeof(payload) - 3);
	b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.fb.type, 1);
	CHECK_EQ(bi.fb.width, 1024);
	CHECK_EQ(bi.fb.red_size, 0);
	free(b);
}

/* EGA text mode (what GRUB reports under BIOS with gfxpayload=text): no colour fields. */
static void test_framebuffer_text(void)
{
	uint8_t payload[8 + 4 * 3 + 4] = { 0 };
	uint64_t addr = 0xb8000;
	uint32_t pitch = 160, width = 80, height = 25;

	memcpy(payload, &addr, 8);
	memcpy(payload + 8, &pitch, 4);
	memcpy(payload + 12, &width, 4);
	memcpy(payload + 16, &height, 4);
	payload[20] = 16;
	payload[21] = 2;
	mbi_start(&m);
	mbi_tag(&m, TAG_FRAMEBUFFER, payload, sizeof(payload));
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.fb.addr, 0xb8000);
	CHECK_EQ(bi.fb.width, 80);
	CHECK_EQ(bi.fb.height, 25);
	CHECK_EQ(bi.fb.type, 2);
	CHECK_EQ(bi.fb.red_size, 0);
	free(b);
}

static void test_framebuffer_too_short(void)
{
	uint8_t payload[8] = { 0 };

	mbi_start(&m);
	mbi_tag(&m, TAG_FRAMEBUFFER, payload, sizeof(payload));
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), -EINVAL);
	free(b);
}

static void test_efi_tag(void)
{
	uint64_t systab = 0x7f9e018;

	mbi_start(&m);
	mbi_tag(&m, TAG_EFI64, &systab, 8);
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.efi, 1);
	free(b);
}

/* The RSDP copy's address is the tag payload's physical address; ACPI 2.0 wins in any order. */
static void test_acpi_rsdp(void)
{
	uint8_t rsdp_v1[20] = "RSD PTR ", rsdp_v2[36] = "RSD PTR ";

	mbi_start(&m);
	uint32_t off_old = mbi_tag(&m, TAG_ACPI_OLD, rsdp_v1, sizeof(rsdp_v1));
	uint32_t off_new = mbi_tag(&m, TAG_ACPI_NEW, rsdp_v2, sizeof(rsdp_v2));
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.rsdp, MBI_PHYS + off_new + 8);
	CHECK_EQ(bi.rsdp_is_v2, 1);
	free(b);

	mbi_start(&m);
	off_new = mbi_tag(&m, TAG_ACPI_NEW, rsdp_v2, sizeof(rsdp_v2));
	off_old = mbi_tag(&m, TAG_ACPI_OLD, rsdp_v1, sizeof(rsdp_v1));
	b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.rsdp, MBI_PHYS + off_new + 8);
	CHECK_EQ(bi.rsdp_is_v2, 1);
	free(b);

	mbi_start(&m);
	off_old = mbi_tag(&m, TAG_ACPI_OLD, rsdp_v1, sizeof(rsdp_v1));
	b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.rsdp, MBI_PHYS + off_old + 8);
	CHECK_EQ(bi.rsdp_is_v2, 0);
	free(b);

	/* too short to be an RSDP: ignored */
	mbi_start(&m);
	mbi_tag(&m, TAG_ACPI_OLD, rsdp_v1, 12);
	b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK_EQ(bi.rsdp, 0);
	free(b);
}

/* Tags the kernel does not know (APM, VBE, image base...) are stepped over. */
static void test_unknown_tags_skipped(void)
{
	uint8_t junk[13] = { 1, 2, 3 };

	mbi_start(&m);
	mbi_tag(&m, 10, junk, sizeof(junk));
	mbi_tag(&m, 21, junk, 4);
	mbi_string_tag(&m, TAG_CMDLINE, "after");
	uint8_t *b = mbi_finish(&m);
	CHECK_EQ(parse(b), 0);
	CHECK(strcmp(bi.cmdline, "after") == 0);
	free(b);
}

static void test_malformed_blocks(void)
{
	/* no end tag */
	mbi_start(&m);
	mbi_string_tag(&m, TAG_CMDLINE, "x");
	uint8_t *b = mbi_finish_opt(&m, 0);
	CHECK_EQ(parse(b), -EINVAL);
	free(b);

	/* a tag claiming more bytes than the block has (a memory map would be read past it) */
	const struct mmap_entry e = { 0x100000, 0x100000, MEM_USABLE, 0 };
	mbi_start(&m);
	uint32_t off = m.len;
	mbi_mmap(&m, &e, 1);
	b = mbi_finish(&m);
	uint32_t huge = 4096;
	memcpy(b + off + 4, &huge, 4);
	CHECK_EQ(parse(b), -EINVAL);
	free(b);

	/* a tag smaller than its own header */
	mbi_start(&m);
	off = mbi_tag(&m, TAG_CMDLINE, "abc", 4);
	b = mbi_finish(&m);
	uint32_t tiny = 4;
	memcpy(b + off + 4, &tiny, 4);
	CHECK_EQ(parse(b), -EINVAL);
	free(b);

	/* a total size below the smallest possible block */
	uint32_t small[2] = { 8, 0 };
	b = malloc(8);
	memcpy(b, small, 8);
	CHECK_EQ(parse(b), -EINVAL);
	free(b);

	/* module tag too short for its fields */
	mbi_start(&m);
	mbi_tag(&m, TAG_MODULE, "ab", 2);
	b = mbi_finish(&m);
	CHECK_EQ(parse(b), -EINVAL);
	free(b);
}

/* A small deterministic generator, so a failure can be replayed. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)rng_state;
}

/*
 * Corrupt a realistic block at random (sizes, types, bytes) and parse it: the result may be an
 * error, but never an access outside the block (AddressSanitizer aborts the test) nor counts
 * beyond boot_info's arrays. Memory map entry sizes stay multiples of 8, as the specification
 * requires; others would be misaligned (fine on x86, but undefined behaviour in C).
 */
static void test_random_corruption(void)
{
	const struct mmap_entry e[] = {
		{ 0x0, 0x9fc00, MEM_USABLE, 0 },
		{ 0x100000, 0x7ee0000, MEM_USABLE, 0 },
		{ 0x7fe0000, 0x20000, MEM_RESERVED, 0 },
	};
	uint8_t rsdp[36] = "RSD PTR ";
	int accepted = 0;

	for (int iter = 0; iter < 20000; iter++) {
		mbi_start(&m);
		mbi_string_tag(&m, TAG_CMDLINE, "qemu_exit test=all");
		mbi_string_tag(&m, TAG_LOADER, "GRUB 2.06");
		mbi_module(&m, 0x200000, 0x280000, "initrd");
		uint32_t mmap_off = m.len;
		mbi_mmap(&m, e, 3);
		mbi_tag(&m, TAG_ACPI_NEW, rsdp, sizeof(rsdp));
		uint8_t *b = mbi_finish(&m);
		uint32_t total = m.len;

		int edits = 1 + rng() % 4;
		for (int k = 0; k < edits; k++) {
			uint32_t where = 8 + (rng() % (total - 8)) / 4 * 4;
			uint32_t what = rng();
			switch (rng() % 4) {
			case 0:		/* a small size or type */
				what %= 64;
				break;
			case 1:		/* a size near the block's */
				what = total - 8 + what % 16;
				break;
			case 2:		/* a byte */
				what = (b[where] ^ (1u << (what % 8)));
				b[where] = (uint8_t)what;
				continue;
			default:	/* anything */
				break;
			}
			memcpy(b + where, &what, 4);
		}
		uint32_t entry_size;	/* keep the map's entry_size a multiple of 8 */
		memcpy(&entry_size, b + mmap_off + 8, 4);
		entry_size &= ~7u;
		memcpy(b + mmap_off + 8, &entry_size, 4);
		if (parse(b) == 0)
			accepted++;
		CHECK(bi.nmem >= 0 && bi.nmem <= BOOT_MAX_MEMRANGES);
		CHECK(bi.nmodules >= 0 && bi.nmodules <= BOOT_MAX_MODULES);
		CHECK(strnlen(bi.cmdline, sizeof(bi.cmdline)) < sizeof(bi.cmdline));
		CHECK(strnlen(bi.loader, sizeof(bi.loader)) < sizeof(bi.loader));
		free(b);
	}
	printf("#   %d of 20000 corrupted blocks were still accepted\n", accepted);
}

int main(void)
{
	RUN(test_minimal_block);
	RUN(test_cmdline_and_loader);
	RUN(test_long_cmdline_truncated);
	RUN(test_unterminated_string);
	RUN(test_memory_map);
	RUN(test_memory_map_larger_entries);
	RUN(test_memory_map_too_many);
	RUN(test_memory_map_bad_entry_size);
	RUN(test_modules);
	RUN(test_module_name_truncated);
	RUN(test_modules_too_many);
	RUN(test_module_end_before_start);
	RUN(test_framebuffer_rgb);
	RUN(test_framebuffer_text);
	RUN(test_framebuffer_too_short);
	RUN(test_efi_tag);
	RUN(test_acpi_rsdp);
	RUN(test_unknown_tags_skipped);
	RUN(test_malformed_blocks);
	RUN(test_random_corruption);
	return check_summary();
}
