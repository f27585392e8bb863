/*
 * fbcon.c - a text console drawn on a linear framebuffer with the built-in 8x16 font.
 *
 * Under UEFI there is no VGA text mode: the firmware (through GRUB) leaves a framebuffer, an
 * array of pixels in memory, and every character must be drawn. The characters themselves live
 * in a struct vt (vt.c), which also interprets escape sequences; fbcon only paints cells. When
 * vt_flush() reports a changed cell, its 8x16 glyph is drawn in the cell's foreground and
 * background colours.
 *
 * Speed matters more than it seems: under QEMU's emulated CPU a naive pixel loop makes scrolling
 * take most of a second. Two things keep it fast. First, the screen is redrawn only where a cell
 * changed, once per console write, not per byte (blank lines that stay blank cost nothing).
 * Second, at 32 bits per pixel a glyph row is written as four 64-bit stores, each picking one of
 * four precomputed two-pixel patterns (background/foreground for the two font bits), so a cell
 * costs 64 stores and no per-pixel branches. The framebuffer is only written, never read: on
 * real hardware it is mapped uncached, where reads are very slow. Other depths (16, 24 bits)
 * take a simple per-pixel path.
 */
#include "kernel.h"
#include "string.h"
#include "console.h"
#include "fbcon.h"
#include "font.h"
#include "ktest.h"
#include "uapi/errno.h"
#include <arch.h>

/* The 16 VGA text colours as 0xRRGGBB, in VGA order (so attribute nibbles index it). */
static const uint32_t vga_rgb[16] = {
	0x000000, 0x0000aa, 0x00aa00, 0x00aaaa, 0xaa0000, 0xaa00aa, 0xaa5500, 0xaaaaaa,
	0x555555, 0x5555ff, 0x55ff55, 0x55ffff, 0xff5555, 0xff55ff, 0xffff55, 0xffffff,
};

/* Scale an 8-bit channel to `size` bits at bit `pos`. */
static uint32_t channel(uint32_t v8, uint8_t pos, uint8_t size)
{
	if (size == 0)
		return 0;
	if (size < 8)
		v8 >>= 8 - size;
	return v8 << pos;
}

static uint32_t rgb_to_pixel(const struct boot_fb *fb, uint32_t rgb)
{
	return channel((rgb >> 16) & 0xff, fb->red_pos, fb->red_size) |
	       channel((rgb >> 8) & 0xff, fb->green_pos, fb->green_size) |
	       channel(rgb & 0xff, fb->blue_pos, fb->blue_size);
}

/* 32 bpp with 8-byte aligned rows: a glyph row is four stores of two pixels each. */
static void draw_cell_32(struct fbcon *fc, int x, int y, const uint8_t *glyph, uint8_t attr)
{
	const uint64_t *pat = fc->pairs[attr & 15][(attr >> 4) & 7];
	uint8_t *row = fc->base + (size_t)y * FONT_HEIGHT * fc->pitch + (size_t)x * FONT_WIDTH * 4;

	for (int r = 0; r < FONT_HEIGHT; r++, row += fc->pitch) {
		volatile uint64_t *p = (volatile uint64_t *)row;
		uint8_t bits = glyph[r];

		p[0] = pat[bits >> 6];
		p[1] = pat[(bits >> 4) & 3];
		p[2] = pat[(bits >> 2) & 3];
		p[3] = pat[bits & 3];
	}
}

/* Any depth: pixel by pixel, little-endian bytes. */
static void draw_cell_any(struct fbcon *fc, int x, int y, const uint8_t *glyph, uint8_t attr)
{
	uint32_t fg = fc->palette[attr & 15], bg = fc->palette[(attr >> 4) & 7];
	int bpp = fc->bytes_pp;
	uint8_t *row = fc->base + (size_t)y * FONT_HEIGHT * fc->pitch +
		       (size_t)x * FONT_WIDTH * bpp;

	for (int r = 0; r < FONT_HEIGHT; r++, row += fc->pitch) {
		volatile uint8_t *p = row;

		for (int c = 0; c < FONT_WIDTH; c++) {
			uint32_t v = glyph[r] & (0x80 >> c) ? fg : bg;

			for (int b = 0; b < bpp; b++)
				*p++ = (uint8_t)(v >> (8 * b));
		}
	}
}

static void fbcon_draw(struct vt *vt, int x, int y, vt_cell_t c)
{
	struct fbcon *fc = vt->priv;
	const uint8_t *glyph = font8x16[VT_CELL_CH(c)];

	if (fc->bytes_pp == 4 && fc->pitch % 8 == 0)
		draw_cell_32(fc, x, y, glyph, VT_CELL_ATTR(c));
	else
		draw_cell_any(fc, x, y, glyph, VT_CELL_ATTR(c));
}

/* No hardware cursor: vt_flush() draws it as a cell with swapped colours. */
static const struct vt_ops fbcon_ops = { .draw = fbcon_draw, .cursor = NULL };

/* Fill every pixel row with black (pixel value 0 is black in every RGB layout). */
static void clear_pixels(struct fbcon *fc)
{
	for (uint32_t y = 0; y < fc->height; y++) {
		volatile uint8_t *p = fc->base + (size_t)y * fc->pitch;

		for (uint32_t i = 0; i < fc->width * fc->bytes_pp; i++)
			p[i] = 0;
	}
}

int fbcon_setup(struct fbcon *fc, const struct boot_fb *fb, void *base)
{
	if (fb->type != 1 || (fb->bpp != 16 && fb->bpp != 24 && fb->bpp != 32))
		return -EINVAL;
	if (fb->width < FONT_WIDTH || fb->height < FONT_HEIGHT ||
	    fb->pitch < fb->width * fb->bpp / 8)
		return -EINVAL;
	fc->base = base;
	fc->pitch = fb->pitch;
	fc->width = fb->width;
	fc->height = fb->height;
	fc->bytes_pp = fb->bpp / 8;
	for (int i = 0; i < 16; i++)
		fc->palette[i] = rgb_to_pixel(fb, vga_rgb[i]);
	for (int f = 0; f < 16; f++) {
		for (int b = 0; b < 8; b++) {
			uint64_t fg = fc->palette[f], bg = fc->palette[b];

			/* index = (left bit << 1) | right bit; the left pixel is the low half */
			fc->pairs[f][b][0] = bg | bg << 32;
			fc->pairs[f][b][1] = bg | fg << 32;
			fc->pairs[f][b][2] = fg | bg << 32;
			fc->pairs[f][b][3] = fg | fg << 32;
		}
	}
	clear_pixels(fc);
	int cols = MIN(fb->width / FONT_WIDTH, FBCON_MAX_COLS);
	int rows = MIN(fb->height / FONT_HEIGHT, FBCON_MAX_ROWS);
	vt_init(&fc->vt, cols, rows, fc->cells, fc->shown, &fbcon_ops, fc);
	vt_flush(&fc->vt);
	return 0;
}

/* ---- the kernel console on boot_info.fb ---- */

static struct fbcon screen;

static void fbcon_con_putc(struct console *con, char c)
{
	(void)con;
	vt_putc(&screen.vt, c);
}

static void fbcon_con_flush(struct console *con)
{
	(void)con;
	vt_flush(&screen.vt);
}

static struct console fbcon_console = {
	.name = "fbcon", .putc = fbcon_con_putc, .flush = fbcon_con_flush,
};

int fbcon_init(void)
{
	const struct boot_fb *fb = &boot_info.fb;

	if (fb->addr == 0 || fb->type != 1)
		return -ENODEV;
	void *base = arch_ioremap(fb->addr, (size_t)fb->pitch * fb->height);
	if (!base)
		return -ENOMEM;
	int err = fbcon_setup(&screen, fb, base);
	if (err < 0)
		return err;
	vt_screen = &screen.vt;
	console_register(&fbcon_console);
	kprintf("fbcon: %ux%u, %u bpp at %#lx: %dx%d characters\n", fb->width, fb->height,
		fb->bpp, (unsigned long)fb->addr, screen.vt.cols, screen.vt.rows);
	return 0;
}

/* ---- tests ---- */

KTEST(font, printable_glyphs)
{
	int blank = 0;

	for (int c = 0; c < 16; c++)
		KEXPECT_EQ(font8x16[' '][c], 0);
	/* Every visible ASCII character has ink, and no two look the same. */
	for (int c = 0x21; c < 0x7f; c++) {
		bool ink = false;

		for (int r = 0; r < FONT_HEIGHT; r++)
			ink |= font8x16[c][r] != 0;
		blank += !ink;
		for (int d = 0x21; d < c; d++)
			KEXPECT(memcmp(font8x16[c], font8x16[d], FONT_HEIGHT) != 0);
	}
	KEXPECT_EQ(blank, 0);
}

KTEST(font, shapes)
{
	/* '_' has ink only in the lower half; the CP437 horizontal line 0xc4 has a full row. */
	for (int r = 0; r < FONT_HEIGHT / 2; r++)
		KEXPECT_EQ(font8x16['_'][r], 0);
	bool full = false;
	for (int r = 0; r < FONT_HEIGHT; r++)
		full |= font8x16[0xc4][r] == 0xff;
	KEXPECT(full);
}

/* A 3x2-character framebuffer in memory, at 32 and 16 bits per pixel. */
KTEST(font, fbcon_draws_pixels)
{
	static struct fbcon fc;
	static uint32_t px[2 * FONT_HEIGHT][3 * FONT_WIDTH + 2];	/* pitch with padding */
	struct boot_fb fb = {
		.addr = 1, .pitch = sizeof(px[0]), .width = 3 * FONT_WIDTH,
		.height = 2 * FONT_HEIGHT, .bpp = 32, .type = 1,
		.red_pos = 16, .red_size = 8, .green_pos = 8, .green_size = 8,
		.blue_pos = 0, .blue_size = 8,
	};

	memset(px, 0x5a, sizeof(px));
	KEXPECT_EQ(fbcon_setup(&fc, &fb, px), 0);
	KEXPECT_EQ(fc.vt.cols, 3);
	KEXPECT_EQ(fc.vt.rows, 2);
	KEXPECT_EQ(px[5][3 * FONT_WIDTH - 1], 0);		/* the whole screen is cleared */
	KEXPECT_EQ(px[5][3 * FONT_WIDTH], 0x5a5a5a5a);		/* the pitch padding is not */
	vt_write(&fc.vt, "\x1b[31;47mA", 9);
	vt_flush(&fc.vt);
	/* Cell (0,0): 'A' in red on light grey; every pixel is one of the two colours. */
	int red = 0, grey = 0;
	for (int r = 0; r < FONT_HEIGHT; r++) {
		for (int c = 0; c < FONT_WIDTH; c++) {
			bool ink = font8x16['A'][r] & (0x80 >> c);

			KEXPECT_EQ(px[r][c], ink ? 0xaa0000 : 0xaaaaaa);
			red += ink;
			grey += !ink;
		}
	}
	KEXPECT(red > 10 && grey > 10);
	/* The cursor is now on cell (1,0): drawn reversed, i.e. a light grey block. */
	KEXPECT_EQ(px[0][FONT_WIDTH], 0xaaaaaa);
	KEXPECT_EQ(px[FONT_HEIGHT - 1][2 * FONT_WIDTH - 1], 0xaaaaaa);

	/* 16 bpp (5:6:5): the same glyph through the per-pixel path. */
	static uint16_t px16[2 * FONT_HEIGHT][3 * FONT_WIDTH];
	struct boot_fb fb16 = {
		.addr = 1, .pitch = sizeof(px16[0]), .width = 3 * FONT_WIDTH,
		.height = 2 * FONT_HEIGHT, .bpp = 16, .type = 1,
		.red_pos = 11, .red_size = 5, .green_pos = 5, .green_size = 6,
		.blue_pos = 0, .blue_size = 5,
	};
	KEXPECT_EQ(fbcon_setup(&fc, &fb16, px16), 0);
	vt_write(&fc.vt, "\x1b[97mA", 6);
	vt_flush(&fc.vt);
	for (int r = 0; r < FONT_HEIGHT; r++)
		for (int c = 0; c < FONT_WIDTH; c++)
			KEXPECT_EQ(px16[r][c], font8x16['A'][r] & (0x80 >> c) ? 0xffff : 0);

	fb.bpp = 8;
	KEXPECT_EQ(fbcon_setup(&fc, &fb, px), -EINVAL);
}
