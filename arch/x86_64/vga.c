/*
 * vga.c - the VGA text console, and the choice of screen console at boot.
 *
 * In VGA text mode (what a BIOS boot leaves behind) the screen is an array of 16-bit cells at
 * physical 0xb8000: a CP437 character in the low byte and a colour attribute in the high byte,
 * the very layout of vt_cell_t. The escape sequences and the cell grid are vt.c's; this file
 * copies changed cells into video memory and moves the blinking hardware cursor through the
 * CRT controller's index/data ports (0x3d4/0x3d5).
 *
 * console_devices_init() decides which screen the kernel console gets: VGA text when the loader
 * reports EGA text (framebuffer type 2), or reports no framebuffer under BIOS; the framebuffer
 * console (kernel/fbcon.c) when the loader set up an RGB framebuffer (always under UEFI, which
 * has no text mode). Then it starts the PS/2 keyboard and sets up the console tty, whose window
 * size is the screen's.
 */
#include "kernel.h"
#include "boot.h"
#include "console.h"
#include "fbcon.h"
#include "vt.h"
#include "tty.h"
#include "uapi/errno.h"
#include <arch.h>
#include "x86.h"
#include "x86_64.h"

#define VGA_TEXT_PHYS	0xb8000
#define VGA_MAX_COLS	132
#define VGA_MAX_ROWS	60

#define CRTC_INDEX	0x3d4
#define CRTC_DATA	0x3d5
#define CRTC_CURSOR_START	0x0a	/* bit 5: cursor off; bits 0-4: first scan line */
#define CRTC_CURSOR_END		0x0b
#define CRTC_CURSOR_HI		0x0e	/* cursor position, cell index */
#define CRTC_CURSOR_LO		0x0f
#define CURSOR_OFF		0x20

struct vga {
	volatile uint16_t *mem;		/* video memory, mapped */
	int pitch_cells;		/* cells per screen row in video memory */
	struct vt vt;
	vt_cell_t cells[VGA_MAX_COLS * VGA_MAX_ROWS];
	vt_cell_t shown[VGA_MAX_COLS * VGA_MAX_ROWS];
};

static struct vga vga;

static void crtc_write(uint8_t reg, uint8_t v)
{
	outb(CRTC_INDEX, reg);
	outb(CRTC_DATA, v);
}

static uint8_t crtc_read(uint8_t reg)
{
	outb(CRTC_INDEX, reg);
	return inb(CRTC_DATA);
}

static void vga_draw(struct vt *vt, int x, int y, vt_cell_t c)
{
	(void)vt;
	vga.mem[y * vga.pitch_cells + x] = c;
}

/* Show the hardware cursor as an underline (scan lines 14-15) at (x, y), or hide it. */
static void vga_cursor(struct vt *vt, int x, int y, bool visible)
{
	(void)vt;
	if (!visible) {
		crtc_write(CRTC_CURSOR_START, crtc_read(CRTC_CURSOR_START) | CURSOR_OFF);
		return;
	}
	uint16_t pos = (uint16_t)(y * vga.pitch_cells + x);

	crtc_write(CRTC_CURSOR_START, (crtc_read(CRTC_CURSOR_START) & 0xc0) | 14);
	crtc_write(CRTC_CURSOR_END, (crtc_read(CRTC_CURSOR_END) & 0xe0) | 15);
	crtc_write(CRTC_CURSOR_HI, pos >> 8);
	crtc_write(CRTC_CURSOR_LO, pos & 0xff);
}

static const struct vt_ops vga_ops = { .draw = vga_draw, .cursor = vga_cursor };

static void vga_con_putc(struct console *con, char c)
{
	(void)con;
	vt_putc(&vga.vt, c);
}

static void vga_con_flush(struct console *con)
{
	(void)con;
	vt_flush(&vga.vt);
}

static struct console vga_console = {
	.name = "vga", .putc = vga_con_putc, .flush = vga_con_flush,
};

/*
 * Take over the VGA text screen: cols x rows cells at physical `phys`, `pitch` bytes per row.
 * 0, or -ENOMEM when it cannot be mapped.
 */
static int vga_init(uint64_t phys, int cols, int rows, int pitch)
{
	cols = MIN(cols, VGA_MAX_COLS);
	rows = MIN(rows, VGA_MAX_ROWS);
	vga.mem = arch_ioremap(phys, (size_t)pitch * rows);
	if (!vga.mem)
		return -ENOMEM;
	vga.pitch_cells = pitch / 2;
	vt_init(&vga.vt, cols, rows, vga.cells, vga.shown, &vga_ops, &vga);
	vt_flush(&vga.vt);
	vt_screen = &vga.vt;
	console_register(&vga_console);
	kprintf("vga: %dx%d text console\n", cols, rows);
	return 0;
}

void console_devices_init(void)
{
	const struct boot_fb *fb = &boot_info.fb;
	int err = -ENODEV;

	if (fb->addr && fb->type == 2)
		err = vga_init(fb->addr, (int)fb->width, (int)fb->height, (int)fb->pitch);
	else if (fb->addr && fb->type == 1)
		err = fbcon_init();
	else if (!fb->addr && !boot_info.efi)
		err = vga_init(VGA_TEXT_PHYS, 80, 25, 160);
	if (err < 0)
		kprintf("console: no screen console (error %d), serial only\n", err);
	ps2kbd_init();
	tty_init();
}
