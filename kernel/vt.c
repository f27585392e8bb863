/*
 * vt.c - the terminal emulator behind the VGA text and framebuffer consoles.
 *
 * The model is a VT100 seen as a state machine over bytes. In the ground state a printable byte
 * goes into the cell under the cursor and the cursor advances; a control byte (CR, LF, BS, TAB)
 * moves it. ESC starts a sequence: ESC followed by one byte is a short command (save, restore,
 * reset); ESC [ starts a CSI sequence whose decimal parameters, separated by ';', are collected
 * until a final byte in 0x40-0x7e names the command. The commands are a table indexed by that
 * final byte, so adding one is adding a row.
 *
 * Writing past the last column does not wrap at once: like a real VT100 (and Linux), the cursor
 * stays on the last column with a pending wrap, so a full-screen program can fill the bottom-right
 * cell without scrolling the screen.
 *
 * Nothing here touches hardware. The cells live in memory; vt_flush() compares them with what
 * the backend last drew and asks it to draw only the difference (see vt.h).
 */
#include "kernel.h"
#include "string.h"
#include "vt.h"
#include "ktest.h"

enum vt_state { VT_GROUND, VT_ESC, VT_CSI };

struct vt *vt_screen;

/* ANSI colour order (black red green yellow blue magenta cyan white) to VGA colour numbers. */
static const uint8_t ansi_to_vga[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

static vt_cell_t *cell_at(struct vt *vt, int x, int y)
{
	return &vt->cells[y * vt->cols + x];
}

static void mark_dirty(struct vt *vt, int y0, int y1)
{
	if (y0 < vt->dirty_lo)
		vt->dirty_lo = y0;
	if (y1 > vt->dirty_hi)
		vt->dirty_hi = y1;
}

/* Recompute the attribute for new text from the SGR state. */
static void update_attr(struct vt *vt)
{
	uint8_t fg = vt->fg | (vt->bold ? 8 : 0);
	uint8_t bg = vt->bg;

	if (vt->reverse)
		vt->attr = VT_ATTR(bg | (vt->bold ? 8 : 0), fg & 7);
	else
		vt->attr = VT_ATTR(fg, bg);
}

/* Blank cells [from, to) in reading order, in the current background colour. */
static void erase(struct vt *vt, int from, int to)
{
	vt_cell_t blank = VT_CELL(' ', VT_ATTR(7, vt->reverse ? vt->fg : vt->bg));

	for (int i = from; i < to; i++)
		vt->cells[i] = blank;
	if (from < to)
		mark_dirty(vt, from / vt->cols, (to - 1) / vt->cols);
}

/* Rows [top, bot] move up by n; the n rows at the bottom of the range become blank. */
static void scroll_up(struct vt *vt, int top, int bot, int n)
{
	int rows = bot - top + 1;

	n = n > rows ? rows : n;
	memmove(cell_at(vt, 0, top), cell_at(vt, 0, top + n),
		(size_t)(rows - n) * vt->cols * sizeof(vt_cell_t));
	erase(vt, (bot - n + 1) * vt->cols, (bot + 1) * vt->cols);
	mark_dirty(vt, top, bot);
}

/* Rows [top, bot] move down by n; the n rows at the top of the range become blank. */
static void scroll_down(struct vt *vt, int top, int bot, int n)
{
	int rows = bot - top + 1;

	n = n > rows ? rows : n;
	memmove(cell_at(vt, 0, top + n), cell_at(vt, 0, top),
		(size_t)(rows - n) * vt->cols * sizeof(vt_cell_t));
	erase(vt, top * vt->cols, (top + n) * vt->cols);
	mark_dirty(vt, top, bot);
}

/* Down one row; at the bottom margin the scrolling region moves up instead. */
static void line_feed(struct vt *vt)
{
	if (vt->y == vt->scroll_bot)
		scroll_up(vt, vt->scroll_top, vt->scroll_bot, 1);
	else if (vt->y < vt->rows - 1)
		vt->y++;
}

/* Up one row; at the top margin the scrolling region moves down instead (ESC M). */
static void reverse_line_feed(struct vt *vt)
{
	if (vt->y == vt->scroll_top)
		scroll_down(vt, vt->scroll_top, vt->scroll_bot, 1);
	else if (vt->y > 0)
		vt->y--;
}

static void move_to(struct vt *vt, int x, int y)
{
	vt->x = x < 0 ? 0 : x >= vt->cols ? vt->cols - 1 : x;
	vt->y = y < 0 ? 0 : y >= vt->rows ? vt->rows - 1 : y;
	vt->wrap_pending = false;
}

static void put_printable(struct vt *vt, uint8_t ch)
{
	if (vt->wrap_pending) {
		vt->x = 0;
		line_feed(vt);
		vt->wrap_pending = false;
	}
	*cell_at(vt, vt->x, vt->y) = VT_CELL(ch, vt->attr);
	mark_dirty(vt, vt->y, vt->y);
	if (vt->x == vt->cols - 1)
		vt->wrap_pending = true;
	else
		vt->x++;
}

static void reset(struct vt *vt)
{
	vt->fg = 7;
	vt->bg = 0;
	vt->bold = vt->reverse = false;
	update_attr(vt);
	vt->saved_x = vt->saved_y = 0;
	vt->saved_fg = vt->fg;
	vt->saved_bg = vt->bg;
	vt->saved_bold = vt->saved_reverse = false;
	vt->cursor_visible = true;
	vt->scroll_top = 0;
	vt->scroll_bot = vt->rows - 1;
	vt->state = VT_GROUND;
	erase(vt, 0, vt->cols * vt->rows);
	move_to(vt, 0, 0);
}

static void save_cursor(struct vt *vt)
{
	vt->saved_x = vt->x;
	vt->saved_y = vt->y;
	vt->saved_fg = vt->fg;
	vt->saved_bg = vt->bg;
	vt->saved_bold = vt->bold;
	vt->saved_reverse = vt->reverse;
}

static void restore_cursor(struct vt *vt)
{
	vt->fg = vt->saved_fg;
	vt->bg = vt->saved_bg;
	vt->bold = vt->saved_bold;
	vt->reverse = vt->saved_reverse;
	update_attr(vt);
	move_to(vt, vt->saved_x, vt->saved_y);
}

/* ---- CSI commands: one function per final byte ---- */

/* Parameter i, or def when it is missing or 0 (the VT100 rule for counts and positions). */
static int param(struct vt *vt, int i, int def)
{
	return i < vt->nparams && vt->params[i] > 0 ? vt->params[i] : def;
}

static void csi_cuu(struct vt *vt) { move_to(vt, vt->x, vt->y - param(vt, 0, 1)); }
static void csi_cud(struct vt *vt) { move_to(vt, vt->x, vt->y + param(vt, 0, 1)); }
static void csi_cuf(struct vt *vt) { move_to(vt, vt->x + param(vt, 0, 1), vt->y); }
static void csi_cub(struct vt *vt) { move_to(vt, vt->x - param(vt, 0, 1), vt->y); }
static void csi_cnl(struct vt *vt) { move_to(vt, 0, vt->y + param(vt, 0, 1)); }
static void csi_cpl(struct vt *vt) { move_to(vt, 0, vt->y - param(vt, 0, 1)); }
static void csi_cha(struct vt *vt) { move_to(vt, param(vt, 0, 1) - 1, vt->y); }
static void csi_vpa(struct vt *vt) { move_to(vt, vt->x, param(vt, 0, 1) - 1); }
static void csi_cup(struct vt *vt) { move_to(vt, param(vt, 1, 1) - 1, param(vt, 0, 1) - 1); }
static void csi_scp(struct vt *vt) { save_cursor(vt); }
static void csi_rcp(struct vt *vt) { restore_cursor(vt); }

/* ED: 0 = cursor to end of screen, 1 = start of screen to cursor, 2 (and 3) = all. */
static void csi_ed(struct vt *vt)
{
	int pos = vt->y * vt->cols + vt->x, end = vt->cols * vt->rows;
	int mode = vt->nparams ? vt->params[0] : 0;

	if (mode == 0)
		erase(vt, pos, end);
	else if (mode == 1)
		erase(vt, 0, pos + 1);
	else if (mode == 2 || mode == 3)
		erase(vt, 0, end);
}

/* EL: 0 = cursor to end of line, 1 = start of line to cursor, 2 = whole line. */
static void csi_el(struct vt *vt)
{
	int line = vt->y * vt->cols;
	int mode = vt->nparams ? vt->params[0] : 0;

	if (mode == 0)
		erase(vt, line + vt->x, line + vt->cols);
	else if (mode == 1)
		erase(vt, line, line + vt->x + 1);
	else if (mode == 2)
		erase(vt, line, line + vt->cols);
}

/* SGR: select graphic rendition, every parameter in order; no parameter means 0. */
static void csi_sgr(struct vt *vt)
{
	int n = vt->nparams ? vt->nparams : 1;

	for (int i = 0; i < n; i++) {
		int p = i < vt->nparams ? vt->params[i] : 0;

		if (p == 0) {
			vt->fg = 7;
			vt->bg = 0;
			vt->bold = vt->reverse = false;
		} else if (p == 1) {
			vt->bold = true;
		} else if (p == 7) {
			vt->reverse = true;
		} else if (p == 22) {
			vt->bold = false;
		} else if (p == 27) {
			vt->reverse = false;
		} else if (p >= 30 && p <= 37) {
			vt->fg = ansi_to_vga[p - 30];
		} else if (p == 39) {
			vt->fg = 7;
		} else if (p >= 40 && p <= 47) {
			vt->bg = ansi_to_vga[p - 40];
		} else if (p == 49) {
			vt->bg = 0;
		} else if (p >= 90 && p <= 97) {
			vt->fg = ansi_to_vga[p - 90] | 8;
		} else if (p >= 100 && p <= 107) {
			vt->bg = ansi_to_vga[p - 100];	/* VGA has no bright backgrounds */
		}
	}
	update_attr(vt);
}

/* DECSET/DECRST with '?': only 25, cursor visibility. */
static void csi_set_mode(struct vt *vt, bool on)
{
	if (!vt->private_mode)
		return;
	for (int i = 0; i < vt->nparams; i++)
		if (vt->params[i] == 25)
			vt->cursor_visible = on;
}

static void csi_sm(struct vt *vt) { csi_set_mode(vt, true); }
static void csi_rm(struct vt *vt) { csi_set_mode(vt, false); }

/* IL / DL: insert or delete n lines at the cursor row, inside the scrolling region. */
static void csi_il(struct vt *vt)
{
	if (vt->y >= vt->scroll_top && vt->y <= vt->scroll_bot)
		scroll_down(vt, vt->y, vt->scroll_bot, param(vt, 0, 1));
	vt->x = 0;
	vt->wrap_pending = false;
}

static void csi_dl(struct vt *vt)
{
	if (vt->y >= vt->scroll_top && vt->y <= vt->scroll_bot)
		scroll_up(vt, vt->y, vt->scroll_bot, param(vt, 0, 1));
	vt->x = 0;
	vt->wrap_pending = false;
}

/* SU / SD: scroll the region up or down by n lines; the cursor stays. */
static void csi_su(struct vt *vt)
{
	scroll_up(vt, vt->scroll_top, vt->scroll_bot, param(vt, 0, 1));
}

static void csi_sd(struct vt *vt)
{
	scroll_down(vt, vt->scroll_top, vt->scroll_bot, param(vt, 0, 1));
}

/* ICH / DCH: insert blanks at, or delete characters from, the cursor; the rest of the line
 * moves along. */
static void shift_line(struct vt *vt, int n, bool insert)
{
	int left = vt->cols - vt->x;
	vt_cell_t *at = cell_at(vt, vt->x, vt->y);
	int line = vt->y * vt->cols;

	n = n > left ? left : n;
	if (insert) {
		memmove(at + n, at, (size_t)(left - n) * sizeof(vt_cell_t));
		erase(vt, line + vt->x, line + vt->x + n);
	} else {
		memmove(at, at + n, (size_t)(left - n) * sizeof(vt_cell_t));
		erase(vt, line + vt->cols - n, line + vt->cols);
	}
	mark_dirty(vt, vt->y, vt->y);
	vt->wrap_pending = false;
}

static void csi_ich(struct vt *vt) { shift_line(vt, param(vt, 0, 1), true); }
static void csi_dch(struct vt *vt) { shift_line(vt, param(vt, 0, 1), false); }

/* ECH: blank n characters from the cursor, without moving anything. */
static void csi_ech(struct vt *vt)
{
	int pos = vt->y * vt->cols + vt->x;
	int n = param(vt, 0, 1);

	erase(vt, pos, pos + (n < vt->cols - vt->x ? n : vt->cols - vt->x));
}

/* DECSTBM: the scrolling region is rows top..bottom (1-based, default the screen); home. */
static void csi_decstbm(struct vt *vt)
{
	int top = param(vt, 0, 1) - 1, bot = param(vt, 1, vt->rows) - 1;

	if (bot >= vt->rows)
		bot = vt->rows - 1;
	if (top < bot) {
		vt->scroll_top = top;
		vt->scroll_bot = bot;
	}
	move_to(vt, 0, 0);
}

static void (*const csi_table[128])(struct vt *vt) = {
	['A'] = csi_cuu, ['B'] = csi_cud, ['C'] = csi_cuf, ['D'] = csi_cub,
	['E'] = csi_cnl, ['F'] = csi_cpl, ['G'] = csi_cha, ['`'] = csi_cha,
	['d'] = csi_vpa, ['H'] = csi_cup, ['f'] = csi_cup,
	['J'] = csi_ed,  ['K'] = csi_el,  ['m'] = csi_sgr,
	['h'] = csi_sm,  ['l'] = csi_rm,  ['s'] = csi_scp, ['u'] = csi_rcp,
	['L'] = csi_il,  ['M'] = csi_dl,  ['S'] = csi_su,  ['T'] = csi_sd,
	['@'] = csi_ich, ['P'] = csi_dch, ['X'] = csi_ech, ['r'] = csi_decstbm,
};

/* ---- the byte-level state machine ---- */

/* C0 controls act in every state (as on a VT100), without leaving an escape sequence. */
static bool control(struct vt *vt, uint8_t c)
{
	switch (c) {
	case '\r':
		vt->x = 0;
		vt->wrap_pending = false;
		return true;
	case '\n':
	case '\v':
	case '\f':
		/* LF only moves down, as on a VT100: the tty's ONLCR and kprintf() add the CR. */
		vt->wrap_pending = false;
		line_feed(vt);
		return true;
	case '\b':
		if (vt->x > 0 && !vt->wrap_pending)
			vt->x--;
		vt->wrap_pending = false;
		return true;
	case '\t':
		move_to(vt, (vt->x + 8) & ~7, vt->y);
		return true;
	case 0x18:	/* CAN and SUB abort a sequence */
	case 0x1a:
		vt->state = VT_GROUND;
		return true;
	case 0x1b:
		vt->state = VT_ESC;
		return true;
	default:
		return c < 0x20;	/* BEL, NUL and the rest: ignored */
	}
}

static void esc_byte(struct vt *vt, uint8_t c)
{
	vt->state = VT_GROUND;
	if (c == '[') {
		vt->state = VT_CSI;
		vt->nparams = 0;
		vt->params[0] = 0;
		vt->private_mode = false;
	} else if (c == '7') {
		save_cursor(vt);
	} else if (c == '8') {
		restore_cursor(vt);
	} else if (c == 'c') {
		reset(vt);
	} else if (c == 'D') {		/* IND: line feed without carriage return */
		line_feed(vt);
		vt->wrap_pending = false;
	} else if (c == 'E') {		/* NEL: next line */
		vt->x = 0;
		line_feed(vt);
		vt->wrap_pending = false;
	} else if (c == 'M') {		/* RI: reverse index */
		reverse_line_feed(vt);
		vt->wrap_pending = false;
	}
}

static void csi_byte(struct vt *vt, uint8_t c)
{
	if (c >= '0' && c <= '9') {
		if (vt->nparams == 0)
			vt->nparams = 1;
		int *p = &vt->params[vt->nparams - 1];
		if (*p < 10000)		/* saturate: no overflow from a hostile sequence */
			*p = *p * 10 + (c - '0');
	} else if (c == ';') {
		if (vt->nparams == 0)
			vt->nparams = 1;	/* ";5" means an empty first parameter */
		if (vt->nparams < VT_MAX_PARAMS)
			vt->params[vt->nparams++] = 0;
	} else if (c == '?') {
		vt->private_mode = true;
	} else if (c >= 0x40 && c <= 0x7e) {
		vt->state = VT_GROUND;
		if (csi_table[c])
			csi_table[c](vt);
	}
	/* intermediate bytes (0x20-0x2f) and others: ignored, the sequence goes on */
}

void vt_putc(struct vt *vt, char ch)
{
	uint8_t c = (uint8_t)ch;

	if (control(vt, c))
		return;
	if (vt->state == VT_ESC)
		esc_byte(vt, c);
	else if (vt->state == VT_CSI)
		csi_byte(vt, c);
	else if (c != 0x7f)
		put_printable(vt, c);
}

void vt_write(struct vt *vt, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		vt_putc(vt, s[i]);
}

void vt_init(struct vt *vt, int cols, int rows, vt_cell_t *cells, vt_cell_t *shown,
	     const struct vt_ops *ops, void *priv)
{
	memset(vt, 0, sizeof(*vt));
	vt->cols = cols;
	vt->rows = rows;
	vt->cells = cells;
	vt->shown = shown;
	vt->ops = ops;
	vt->priv = priv;
	vt->dirty_lo = rows;
	vt->dirty_hi = -1;
	reset(vt);
	/* shown[] holds nothing that can match a cell: everything is drawn at the first flush. */
	for (int i = 0; i < cols * rows; i++)
		shown[i] = VT_CELL(0, 0xff);
	mark_dirty(vt, 0, rows - 1);
	vt->shown_cvisible = false;
}

/* The cell as the screen should show it: with colours swapped under a software cursor. */
static vt_cell_t wanted(struct vt *vt, int x, int y)
{
	vt_cell_t c = *cell_at(vt, x, y);

	if (!vt->ops->cursor && vt->cursor_visible && x == vt->x && y == vt->y) {
		uint8_t a = VT_CELL_ATTR(c);
		c = VT_CELL(VT_CELL_CH(c), VT_ATTR(a >> 4, a & 7));
	}
	return c;
}

static void flush_row(struct vt *vt, int y)
{
	for (int x = 0; x < vt->cols; x++) {
		vt_cell_t c = wanted(vt, x, y);
		vt_cell_t *s = &vt->shown[y * vt->cols + x];

		if (*s != c) {
			vt->ops->draw(vt, x, y, c);
			*s = c;
		}
	}
}

void vt_flush(struct vt *vt)
{
	bool cursor_moved = vt->x != vt->shown_cx || vt->y != vt->shown_cy ||
			    vt->cursor_visible != vt->shown_cvisible;

	for (int y = vt->dirty_lo; y <= vt->dirty_hi; y++)
		flush_row(vt, y);
	if (cursor_moved) {
		if (vt->ops->cursor) {
			vt->ops->cursor(vt, vt->x, vt->y, vt->cursor_visible);
		} else {
			/* the rows of the old and the new software cursor */
			if (vt->shown_cy < vt->dirty_lo || vt->shown_cy > vt->dirty_hi)
				flush_row(vt, vt->shown_cy);
			if (vt->y < vt->dirty_lo || vt->y > vt->dirty_hi)
				flush_row(vt, vt->y);
		}
	}
	vt->shown_cx = vt->x;
	vt->shown_cy = vt->y;
	vt->shown_cvisible = vt->cursor_visible;
	vt->dirty_lo = vt->rows;
	vt->dirty_hi = -1;
}

/* ---- tests: a 10x4 screen in memory ---- */

#define TCOLS 10
#define TROWS 4

struct fake_screen {
	struct vt vt;
	vt_cell_t cells[TCOLS * TROWS], shown[TCOLS * TROWS];
	vt_cell_t drawn[TCOLS * TROWS];	/* what the fake backend received */
	int draws;
	int cx, cy;
	bool cvisible;
};

static void fake_draw(struct vt *vt, int x, int y, vt_cell_t c)
{
	struct fake_screen *fs = vt->priv;

	fs->drawn[y * TCOLS + x] = c;
	fs->draws++;
}

static void fake_cursor(struct vt *vt, int x, int y, bool visible)
{
	struct fake_screen *fs = vt->priv;

	fs->cx = x;
	fs->cy = y;
	fs->cvisible = visible;
}

static const struct vt_ops fake_ops = { .draw = fake_draw, .cursor = fake_cursor };

static struct fake_screen *fake_setup(void)
{
	static struct fake_screen fs;

	memset(&fs, 0, sizeof(fs));
	vt_init(&fs.vt, TCOLS, TROWS, fs.cells, fs.shown, &fake_ops, &fs);
	return &fs;
}

static void fake_puts(struct fake_screen *fs, const char *s)
{
	vt_write(&fs->vt, s, (int)strlen(s));
	vt_flush(&fs->vt);
}

/* Does row y of the drawn screen read `text` (blank-padded to the full width)? */
static bool row_is(struct fake_screen *fs, int y, const char *text)
{
	size_t n = strlen(text);

	for (int x = 0; x < TCOLS; x++) {
		char want = (size_t)x < n ? text[x] : ' ';
		if (VT_CELL_CH(fs->drawn[y * TCOLS + x]) != (uint8_t)want)
			return false;
	}
	return true;
}

static uint8_t attr_at(struct fake_screen *fs, int x, int y)
{
	return VT_CELL_ATTR(fs->drawn[y * TCOLS + x]);
}

KTEST(vt, text_and_newlines)
{
	struct fake_screen *fs = fake_setup();

	fake_puts(fs, "ab\ncd\r\nxy\rZ");
	KEXPECT(row_is(fs, 0, "ab"));
	KEXPECT(row_is(fs, 1, "  cd"));		/* a bare LF keeps the column */
	KEXPECT(row_is(fs, 2, "Zy"));
	KEXPECT_EQ(fs->cx, 1);
	KEXPECT_EQ(fs->cy, 2);
	KEXPECT_EQ(attr_at(fs, 0, 0), VT_ATTR_DEFAULT);
	fake_puts(fs, "\b\bq\tT");
	KEXPECT(row_is(fs, 2, "qy      T"));
}

KTEST(vt, scroll_and_deferred_wrap)
{
	struct fake_screen *fs = fake_setup();

	fake_puts(fs, "1\r\n2\r\n3\r\n4\r\n5");
	KEXPECT(row_is(fs, 0, "2"));
	KEXPECT(row_is(fs, 3, "5"));
	/* Filling the last row does not scroll until one more character arrives. */
	fake_puts(fs, "\r0123456789");
	KEXPECT(row_is(fs, 0, "2"));
	KEXPECT(row_is(fs, 3, "0123456789"));
	KEXPECT_EQ(fs->cx, 9);
	fake_puts(fs, "X");
	KEXPECT(row_is(fs, 0, "3"));
	KEXPECT(row_is(fs, 2, "0123456789"));
	KEXPECT(row_is(fs, 3, "X"));
}

KTEST(vt, cursor_moves)
{
	struct fake_screen *fs = fake_setup();

	fake_puts(fs, "\x1b[3;5HA");
	KEXPECT_EQ(VT_CELL_CH(fs->drawn[2 * TCOLS + 4]), 'A');
	fake_puts(fs, "\x1b[2A\x1b[3DB");	/* up 2, left 3 from (5,2): (2,0) */
	KEXPECT_EQ(VT_CELL_CH(fs->drawn[0 * TCOLS + 2]), 'B');
	fake_puts(fs, "\x1b[B\x1b[CC");		/* default counts are 1: (4,1) */
	KEXPECT_EQ(VT_CELL_CH(fs->drawn[1 * TCOLS + 4]), 'C');
	fake_puts(fs, "\x1b[99;99H");		/* clamped to the screen */
	KEXPECT_EQ(fs->cx, TCOLS - 1);
	KEXPECT_EQ(fs->cy, TROWS - 1);
	fake_puts(fs, "\x1b[H");
	KEXPECT_EQ(fs->cx, 0);
	KEXPECT_EQ(fs->cy, 0);
	fake_puts(fs, "\x1b[2;3f\x1b" "7\x1b[4;1H\x1b" "8D");	/* save at (2,1), restore */
	KEXPECT_EQ(VT_CELL_CH(fs->drawn[1 * TCOLS + 2]), 'D');
	fake_puts(fs, "\x1b[?25l");
	KEXPECT(!fs->cvisible);
	fake_puts(fs, "\x1b[?25h");
	KEXPECT(fs->cvisible);
}

KTEST(vt, erase)
{
	struct fake_screen *fs = fake_setup();

	fake_puts(fs, "aaaaaaaaaa\r\nbbbbbbbbbb\r\ncccccccccc\r\ndddddddddd");
	fake_puts(fs, "\x1b[2;4H\x1b[K");
	KEXPECT(row_is(fs, 1, "bbb"));
	fake_puts(fs, "\x1b[1;3H\x1b[1K");
	KEXPECT(row_is(fs, 0, "   aaaaaaa"));
	fake_puts(fs, "\x1b[3;5H\x1b[J");
	KEXPECT(row_is(fs, 2, "cccc"));
	KEXPECT(row_is(fs, 3, ""));
	KEXPECT(row_is(fs, 1, "bbb"));
	fake_puts(fs, "\x1b[2J");
	for (int y = 0; y < TROWS; y++)
		KEXPECT(row_is(fs, y, ""));
}

KTEST(vt, colours)
{
	struct fake_screen *fs = fake_setup();

	fake_puts(fs, "\x1b[31;44mr\x1b[1mR\x1b[0mn\x1b[7mv\x1b[m\x1b[92mg");
	KEXPECT_EQ(attr_at(fs, 0, 0), VT_ATTR(4, 1));	/* red on blue */
	KEXPECT_EQ(attr_at(fs, 1, 0), VT_ATTR(12, 1));	/* bold: bright red */
	KEXPECT_EQ(attr_at(fs, 2, 0), VT_ATTR_DEFAULT);
	KEXPECT_EQ(attr_at(fs, 3, 0), VT_ATTR(0, 7));	/* reverse */
	KEXPECT_EQ(attr_at(fs, 4, 0), VT_ATTR(10, 0));	/* bright green */
	KEXPECT(row_is(fs, 0, "rRnvg"));
}

KTEST(vt, bad_sequences_are_harmless)
{
	struct fake_screen *fs = fake_setup();

	/* Huge and too many parameters, unknown finals, a sequence cut by CAN, lone ESCs. */
	fake_puts(fs, "\x1b[99999999999;-5;1;2;3;4;5;6;7;8;9;10H");
	KEXPECT(fs->cx >= 0 && fs->cx < TCOLS && fs->cy >= 0 && fs->cy < TROWS);
	fake_puts(fs, "\x1b[H\x1b[5z\x1b[12\x18" "a\x1b\x1bQb\x1b[?1049hc");
	KEXPECT(row_is(fs, 0, "abc"));
	KEXPECT_EQ(attr_at(fs, 0, 0), VT_ATTR_DEFAULT);
}

KTEST(vt, insert_delete_and_regions)
{
	struct fake_screen *fs = fake_setup();

	fake_puts(fs, "abcdef\r\n2\r\n3\r\n4");
	fake_puts(fs, "\x1b[1;3H\x1b[2@");		/* insert two blanks before 'c' */
	KEXPECT(row_is(fs, 0, "ab  cdef"));
	fake_puts(fs, "\x1b[3P");			/* delete "  c" */
	KEXPECT(row_is(fs, 0, "abdef"));
	fake_puts(fs, "\x1b[2X");			/* blank "de" in place */
	KEXPECT(row_is(fs, 0, "ab  f"));
	fake_puts(fs, "\x1b[2;1H\x1b[L");		/* insert a line at row 2 */
	KEXPECT(row_is(fs, 1, ""));
	KEXPECT(row_is(fs, 2, "2"));
	KEXPECT(row_is(fs, 3, "3"));
	fake_puts(fs, "\x1b[M\x1b[M");		/* delete it and "2" */
	KEXPECT(row_is(fs, 1, "3"));
	KEXPECT(row_is(fs, 3, ""));
	/* a region of rows 2-3: a line feed at row 3 scrolls only rows 2-3 */
	fake_puts(fs, "\x1b[H\x1b[2J\x1b[1;1Htop\x1b[4;1Hbottom\x1b[2;3r");
	KEXPECT_EQ(fs->cx, 0);
	KEXPECT_EQ(fs->cy, 0);
	fake_puts(fs, "\x1b[2;1Hx\r\ny\r\nz");
	KEXPECT(row_is(fs, 0, "top"));
	KEXPECT(row_is(fs, 1, "y"));
	KEXPECT(row_is(fs, 2, "z"));
	KEXPECT(row_is(fs, 3, "bottom"));
	fake_puts(fs, "\x1b[2;1H\x1bMw");		/* reverse index at the top margin */
	KEXPECT(row_is(fs, 1, "w"));
	KEXPECT(row_is(fs, 2, "y"));
	KEXPECT(row_is(fs, 3, "bottom"));
	fake_puts(fs, "\x1b[r\x1b[S");		/* whole screen again; scroll up one */
	KEXPECT(row_is(fs, 0, "w"));
	KEXPECT(row_is(fs, 3, ""));
	fake_puts(fs, "\x1b[99L\x1b[99P");		/* oversized counts are clipped */
	KEXPECT(row_is(fs, 0, ""));
}

KTEST(vt, flush_draws_only_changes)
{
	struct fake_screen *fs = fake_setup();

	fake_puts(fs, "");
	KEXPECT_EQ(fs->draws, TCOLS * TROWS);	/* the first flush paints everything */
	fs->draws = 0;
	fake_puts(fs, "hi");
	KEXPECT_EQ(fs->draws, 2);
	fs->draws = 0;
	fake_puts(fs, "\x1b[H");	/* only the cursor moves */
	KEXPECT_EQ(fs->draws, 0);
	KEXPECT_EQ(fs->cx, 0);
}
