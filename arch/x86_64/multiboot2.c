/*
 * multiboot2.c - read the boot information GRUB hands over into struct boot_info.
 *
 * The Multiboot2 information block is a total size, a reserved word, then a sequence of tags,
 * each 8-byte aligned, each starting with (type, size), ending with a tag of type 0. Every length
 * is checked against the total size, so a corrupt block gives an error instead of a wild read.
 * The tags' meaning is in the Multiboot2 specification, section 3.6.
 */
#include <stdint.h>
#include "boot.h"
#include "string.h"
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
	TAG_EFI64_IH = 20,
};

struct tag {
	uint32_t type;
	uint32_t size;
};

struct tag_mmap {
	uint32_t type, size;
	uint32_t entry_size, entry_version;
	/* entries follow */
};

struct mmap_entry {
	uint64_t base, len;
	uint32_t type, reserved;
};

struct tag_module {
	uint32_t type, size;
	uint32_t start, end;
	char cmdline[];
};

struct tag_fb {
	uint32_t type, size;
	uint64_t addr;
	uint32_t pitch, width, height;
	uint8_t bpp, fb_type;
	uint16_t reserved;
	/* for RGB: red_pos, red_size, green_pos, green_size, blue_pos, blue_size */
	uint8_t color[6];
};

static void copy_string(char *dst, size_t dstsize, const char *src, size_t srcmax)
{
	size_t n = strnlen(src, srcmax);

	if (n >= dstsize)
		n = dstsize - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int parse_mmap(const struct tag *t, struct boot_info *bi)
{
	const struct tag_mmap *m = (const void *)t;

	if (t->size < sizeof(*m) || m->entry_size < sizeof(struct mmap_entry))
		return -EINVAL;
	const uint8_t *p = (const uint8_t *)m + sizeof(*m);
	const uint8_t *end = (const uint8_t *)t + t->size;
	for (; p + m->entry_size <= end; p += m->entry_size) {
		const struct mmap_entry *e = (const void *)p;
		if (e->len == 0)
			continue;
		if (bi->nmem == BOOT_MAX_MEMRANGES)
			break;	/* keep the first ranges; the rest is lost memory, not a crash */
		bi->mem[bi->nmem].base = e->base;
		bi->mem[bi->nmem].len = e->len;
		bi->mem[bi->nmem].type = e->type;
		bi->nmem++;
	}
	return 0;
}

static int parse_fb(const struct tag *t, struct boot_info *bi)
{
	const struct tag_fb *f = (const void *)t;

	if (t->size < offsetof(struct tag_fb, color))
		return -EINVAL;
	bi->fb.addr = f->addr;
	bi->fb.pitch = f->pitch;
	bi->fb.width = f->width;
	bi->fb.height = f->height;
	bi->fb.bpp = f->bpp;
	bi->fb.type = f->fb_type;
	/* GRUB's RGB tag is 38 bytes: test against the fields' end, not the padded struct size */
	if (f->fb_type == 1 && t->size >= offsetof(struct tag_fb, color) + sizeof(f->color)) {
		bi->fb.red_pos = f->color[0];
		bi->fb.red_size = f->color[1];
		bi->fb.green_pos = f->color[2];
		bi->fb.green_size = f->color[3];
		bi->fb.blue_pos = f->color[4];
		bi->fb.blue_size = f->color[5];
	}
	return 0;
}

int multiboot2_parse(const void *mbi, uint64_t mbi_phys, struct boot_info *bi)
{
	const uint8_t *base = mbi;
	uint32_t total = *(const uint32_t *)base;

	memset(bi, 0, sizeof(*bi));
	if (total < 16 || total > (1u << 24))
		return -EINVAL;
	bi->info_start = mbi_phys;
	bi->info_end = mbi_phys + total;

	uint32_t off = 8;
	while (off + sizeof(struct tag) <= total) {
		const struct tag *t = (const void *)(base + off);
		if (t->size < sizeof(struct tag) || off + t->size > total)
			return -EINVAL;
		int err = 0;
		const char *payload = (const char *)t + sizeof(struct tag);
		size_t plen = t->size - sizeof(struct tag);
		switch (t->type) {
		case TAG_END:
			return 0;
		case TAG_CMDLINE:
			copy_string(bi->cmdline, sizeof(bi->cmdline), payload, plen);
			break;
		case TAG_LOADER:
			copy_string(bi->loader, sizeof(bi->loader), payload, plen);
			break;
		case TAG_MODULE: {
			const struct tag_module *m = (const void *)t;
			if (t->size < sizeof(*m) || m->end < m->start) {
				err = -EINVAL;
				break;
			}
			if (bi->nmodules == BOOT_MAX_MODULES)
				break;
			struct boot_module *bm = &bi->modules[bi->nmodules++];
			bm->start = m->start;
			bm->end = m->end;
			copy_string(bm->name, sizeof(bm->name), m->cmdline, t->size - sizeof(*m));
			break;
		}
		case TAG_MMAP:
			err = parse_mmap(t, bi);
			break;
		case TAG_FRAMEBUFFER:
			err = parse_fb(t, bi);
			break;
		case TAG_EFI64:
		case TAG_EFI64_IH:
			bi->efi = 1;
			break;
		case TAG_ACPI_OLD:
		case TAG_ACPI_NEW:
			/* prefer the ACPI 2.0 RSDP (XSDT) when both are given */
			if (plen >= 20 && (!bi->rsdp || t->type == TAG_ACPI_NEW)) {
				bi->rsdp = mbi_phys + off + sizeof(struct tag);
				bi->rsdp_is_v2 = t->type == TAG_ACPI_NEW;
			}
			break;
		}
		if (err)
			return err;
		off += (t->size + 7) & ~7u;
	}
	return -EINVAL;		/* no end tag */
}
