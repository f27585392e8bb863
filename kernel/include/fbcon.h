/*
 * fbcon.h - the text console on a linear framebuffer (kernel/fbcon.c).
 *
 * Where the firmware gives no text mode (UEFI), the console is drawn: a struct vt holds the
 * characters and fbcon paints each changed cell with the built-in 8x16 font (font.h).
 */
#ifndef NIDO_FBCON_H
#define NIDO_FBCON_H

#include <stdint.h>
#include "boot.h"
#include "vt.h"

/* Largest text grid kept (1920x1440 pixels); a bigger screen uses its top-left part. */
#define FBCON_MAX_COLS	240
#define FBCON_MAX_ROWS	90

struct fbcon {
	uint8_t *base;			/* the mapped framebuffer */
	uint32_t pitch;			/* bytes per pixel row */
	uint32_t width, height;		/* pixels */
	int bytes_pp;			/* 2, 3 or 4 */
	uint32_t palette[16];		/* VGA colours in the framebuffer's pixel format */
	uint64_t pairs[16][8][4];	/* 32 bpp: two-pixel patterns per fg, bg, 2 font bits */
	struct vt vt;
	vt_cell_t cells[FBCON_MAX_COLS * FBCON_MAX_ROWS];
	vt_cell_t shown[FBCON_MAX_COLS * FBCON_MAX_ROWS];
};

/*
 * Set up fc over a framebuffer described by fb and already mapped at base: RGB (type 1) with 16,
 * 24 or 32 bits per pixel. Clears the screen. 0, or -EINVAL for a format it cannot draw.
 */
int fbcon_setup(struct fbcon *fc, const struct boot_fb *fb, void *base);

/* Map boot_info.fb and register it as a kernel console. 0 or -errno (no usable framebuffer). */
int fbcon_init(void);

#endif
