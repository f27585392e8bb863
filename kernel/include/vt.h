/*
 * vt.h - a character-cell terminal: the VT100/ANSI subset that VGA text and the framebuffer share.
 *
 * A struct vt is a grid of cells (character + colour attribute, in the VGA text layout) plus a
 * cursor, fed one byte at a time by vt_putc(), which interprets control characters and escape
 * sequences. The grid lives in ordinary memory; the screen is a picture of it. vt_flush() brings
 * the picture up to date by asking the backend to draw exactly the cells that changed since the
 * last flush, so a backend only knows how to draw one cell (and, optionally, place a hardware
 * cursor). Writing text is cheap; the cost of drawing is paid once per flush, not per byte.
 *
 * Understood: CR, LF (down one row, in the same column, as on a VT100), BS, TAB, BEL
 * (ignored), ESC 7 / ESC 8 (save/restore cursor and colours), ESC c (reset), ESC D / E / M
 * (index, next line, reverse index), and CSI sequences ESC [ n A/B/C/D (move), E/F (lines
 * down/up to column 1), G (column), d (row), H/f (row;col), J (erase in display 0/1/2), K (erase
 * in line 0/1/2), m (0 reset, 1 bold, 7 reverse, 22, 27, 30-37/39 foreground, 40-47/49
 * background, 90-97/100-107 bright), s/u (save/restore), L/M (insert/delete lines), @/P
 * (insert/delete characters), X (erase characters), S/T (scroll up/down), r (scrolling region),
 * ESC [ ? 25 l/h (hide/show cursor). Anything else is swallowed without effect.
 */
#ifndef NIDO_VT_H
#define NIDO_VT_H

#include <stdint.h>
#include <stdbool.h>

/* A cell as VGA text memory holds it: character in the low byte, attribute in the high byte. */
typedef uint16_t vt_cell_t;
#define VT_CELL(ch, attr)	((vt_cell_t)((uint8_t)(ch) | ((unsigned)(attr) << 8)))
#define VT_CELL_CH(c)		((uint8_t)((c) & 0xff))
#define VT_CELL_ATTR(c)		((uint8_t)((c) >> 8))
/* Attribute byte: foreground in bits 0-3 (bit 3 = bright), background in bits 4-6 (VGA colours). */
#define VT_ATTR(fg, bg)		((uint8_t)(((bg) & 7) << 4 | ((fg) & 15)))
#define VT_ATTR_DEFAULT		VT_ATTR(7, 0)	/* light grey on black */

#define VT_MAX_PARAMS	8

struct vt;

/* What a screen must do for a vt. Called from vt_flush(), with the caller's console lock held. */
struct vt_ops {
	/* Show cell c at column x, row y. */
	void (*draw)(struct vt *vt, int x, int y, vt_cell_t c);
	/*
	 * Place the hardware cursor, or hide it when !visible. NULL: the screen has none, and
	 * vt_flush() draws the cursor itself as the cell under it with colours swapped.
	 */
	void (*cursor)(struct vt *vt, int x, int y, bool visible);
};

struct vt {
	int cols, rows;
	vt_cell_t *cells;		/* cols * rows, row-major: what the screen should show */
	vt_cell_t *shown;		/* cols * rows: what the backend was last asked to draw */
	const struct vt_ops *ops;
	void *priv;			/* the backend's */

	int x, y;			/* cursor: 0 <= x < cols, 0 <= y < rows */
	bool wrap_pending;		/* last column written: wrap before the next character */
	bool cursor_visible;
	uint8_t fg, bg;			/* VGA colour numbers, as selected by SGR */
	bool bold, reverse;
	uint8_t attr;			/* the attribute new text gets (from fg/bg/bold/reverse) */
	int scroll_top, scroll_bot;	/* the scrolling region, rows inclusive (DECSTBM) */
	int saved_x, saved_y;		/* ESC 7 */
	uint8_t saved_fg, saved_bg;
	bool saved_bold, saved_reverse;

	int state;			/* escape parser state (vt.c) */
	int params[VT_MAX_PARAMS];
	int nparams;
	bool private_mode;		/* CSI ? ... */

	int dirty_lo, dirty_hi;		/* rows [dirty_lo, dirty_hi] may differ from shown[] */
	int shown_cx, shown_cy;		/* where the cursor was at the last flush */
	bool shown_cvisible;
};

/*
 * The vt the kernel console shows on screen (VGA text or framebuffer), or NULL when there is
 * only the serial line. Its size is the console terminal's window size.
 */
extern struct vt *vt_screen;

/*
 * Set up a vt of cols x rows over the caller's two cell arrays (each cols * rows long), clear it
 * to blanks and mark the whole screen for drawing at the next vt_flush().
 */
void vt_init(struct vt *vt, int cols, int rows, vt_cell_t *cells, vt_cell_t *shown,
	     const struct vt_ops *ops, void *priv);
/* Interpret one output byte. The caller serializes all calls on one vt (the console lock). */
void vt_putc(struct vt *vt, char c);
void vt_write(struct vt *vt, const char *s, int n);
/* Draw what changed since the last flush, and move the cursor. */
void vt_flush(struct vt *vt);

#endif
