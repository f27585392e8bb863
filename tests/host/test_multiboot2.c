/*
 * test_multiboot2.c - the framebuffer tag as GRUB lays it out.
 *
 * GRUB's framebuffer tag for an RGB framebuffer is 38 bytes: a 32-byte common part (ending in
 * a reserved 16-bit word), then six bytes of colour field positions and sizes. The tag is not a multiple
 * of 8 bytes, so a C struct for it is padded: its colour fields must be read when the tag is
 * big enough for them, not when it is as big as the padded struct.
 */
// SOURCES: arch/x86_64/multiboot2.c tests/host/stubs.c
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "boot.h"

static uint8_t mbi[256] __attribute__((aligned(8)));

static void put32(size_t off, uint32_t v) { memcpy(mbi + off, &v, 4); }
static void put64(size_t off, uint64_t v) { memcpy(mbi + off, &v, 8); }

/* An information block holding one RGB framebuffer tag of GRUB's size, then the end tag. */
static void build_fb_mbi(void)
{
	memset(mbi, 0, sizeof(mbi));
	size_t t = 8;
	put32(t, 8);			/* type: framebuffer */
	put32(t + 4, 38);		/* size, as GRUB writes it */
	put64(t + 8, 0xfd000000);	/* address */
	put32(t + 16, 4096);		/* pitch */
	put32(t + 20, 1024);		/* width */
	put32(t + 24, 768);		/* height */
	mbi[t + 28] = 32;		/* bpp */
	mbi[t + 29] = 1;		/* type: RGB */
	const uint8_t colour[6] = { 16, 8, 8, 8, 0, 8 };
	memcpy(mbi + t + 32, colour, 6);
	size_t end = t + 40;		/* 38 rounded up to 8 */
	put32(end, 0);
	put32(end + 4, 8);
	put32(0, (uint32_t)(end + 8));	/* total size */
}

static void test_fb_rgb_fields(void)
{
	struct boot_info bi;

	build_fb_mbi();
	CHECK_EQ(multiboot2_parse(mbi, 0x10000, &bi), 0);
	CHECK_EQ(bi.fb.addr, 0xfd000000);
	CHECK_EQ(bi.fb.pitch, 4096);
	CHECK_EQ(bi.fb.width, 1024);
	CHECK_EQ(bi.fb.bpp, 32);
	CHECK_EQ(bi.fb.type, 1);
	CHECK_EQ(bi.fb.red_pos, 16);
	CHECK_EQ(bi.fb.red_size, 8);
	CHECK_EQ(bi.fb.green_pos, 8);
	CHECK_EQ(bi.fb.blue_pos, 0);
	CHECK_EQ(bi.fb.blue_size, 8);
}

static void test_fb_truncated_colours(void)
{
	struct boot_info bi;

	build_fb_mbi();
	put32(8 + 4, 35);		/* too short for all six colour bytes: ignore them */
	CHECK_EQ(multiboot2_parse(mbi, 0x10000, &bi), 0);
	CHECK_EQ(bi.fb.type, 1);
	CHECK_EQ(bi.fb.red_size, 0);
}

int main(void)
{
	RUN(test_fb_rgb_fields);
	RUN(test_fb_truncated_colours);
	return check_summary();
}
