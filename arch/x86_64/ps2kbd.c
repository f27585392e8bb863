/*
 * ps2kbd.c - the PS/2 keyboard: 8042 controller set-up and scancodes to terminal input.
 *
 * The 8042 controller sits behind two ports: 0x60 (data) and 0x64 (status on read, command on
 * write). The keyboard sends a byte per key event, a scancode; with the controller's translation
 * on (the PC default), these are "set 1" codes: a key's make code when pressed, the same code
 * with bit 7 set when released, and a 0xe0 prefix for the keys the original PC lacked (arrows,
 * the navigation block, right Ctrl/Alt).
 *
 * A keyboard sends keys, not characters: this file keeps the modifier state (Shift, Ctrl, Alt,
 * Caps Lock, Num Lock) and turns each press into the bytes a terminal would send, as Linux's
 * console does for TERM=linux: letters and symbols (US layout tables), Ctrl-letter as control
 * codes, Alt-key as ESC followed by the key, Backspace as DEL (^?), Enter as CR, and the cursor
 * and editing keys as VT escape sequences (ESC [ A, ESC [ 3 ~, ...). The bytes go to the merged
 * console input queue, from the IRQ 1 handler or, while interrupts are not routed, by polling.
 */
#include "kernel.h"
#include "console.h"
#include "string.h"
#include "ktest.h"
#include <arch.h>
#include "x86.h"
#include "x86_64.h"

#define KBD_DATA	0x60
#define KBD_STATUS	0x64	/* read */
#define KBD_COMMAND	0x64	/* write */
#define ST_OUT_FULL	0x01	/* a byte waits in the data port */
#define ST_IN_FULL	0x02	/* the controller has not taken our last byte yet */
#define ST_AUX		0x20	/* the waiting byte is from the second (mouse) port */

#define CMD_READ_CONFIG		0x20
#define CMD_WRITE_CONFIG	0x60
#define CMD_DISABLE_AUX		0xa7
#define CMD_SELF_TEST		0xaa
#define CMD_DISABLE_KBD		0xad
#define CMD_ENABLE_KBD		0xae
#define CFG_KBD_IRQ		0x01
#define CFG_AUX_IRQ		0x02
#define CFG_KBD_OFF		0x10	/* keyboard clock disabled (CMD_DISABLE_KBD sets it) */
#define CFG_AUX_OFF		0x20
#define CFG_KBD_DISABLED	0x10	/* keyboard clock off (set by CMD_DISABLE_KBD) */
#define CFG_TRANSLATE		0x40	/* set 2 from the keyboard becomes set 1 for us */

#define KBD_SET_LEDS		0xed
#define KBD_ENABLE_SCAN		0xf4
#define KBD_ACK			0xfa

/* ---- scancodes to bytes: pure, tested below ---- */

enum {
	MOD_LSHIFT = 1, MOD_RSHIFT = 2, MOD_LCTRL = 4, MOD_RCTRL = 8, MOD_LALT = 16, MOD_RALT = 32,
};

struct kbd_state {
	unsigned mods;		/* MOD_* held now */
	bool caps, num;		/* the lock toggles */
	bool extended;		/* the previous byte was 0xe0 */
	bool leds_changed;	/* a lock toggled: the LEDs should follow */
};

/* Set 1 make codes 0x00-0x58, US layout, without and with Shift. 0 = no character. */
static const char keymap[0x59] = {
	[0x01] = 0x1b, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 0x7f,
	[0x0f] = '\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r',
	[0x1e] = 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
	[0x2b] = '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/',
	[0x37] = '*', [0x39] = ' ', [0x4a] = '-', [0x4e] = '+',
};

static const char keymap_shift[0x59] = {
	[0x01] = 0x1b, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 0x7f,
	[0x0f] = '\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r',
	[0x1e] = 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
	[0x2b] = '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?',
	[0x37] = '*', [0x39] = ' ', [0x4a] = '-', [0x4e] = '+',
};

/* Keys that send an escape sequence, by make code (after 0xe0 for the grey keys). */
static const char *const seq_extended[0x80] = {
	[0x48] = "\x1b[A", [0x50] = "\x1b[B", [0x4d] = "\x1b[C", [0x4b] = "\x1b[D",
	[0x47] = "\x1b[1~", [0x52] = "\x1b[2~", [0x53] = "\x1b[3~", [0x4f] = "\x1b[4~",
	[0x49] = "\x1b[5~", [0x51] = "\x1b[6~", [0x1c] = "\r", [0x35] = "/",
};

/* Function keys F1-F12, as the Linux console sends them. */
static const char *const seq_plain[0x80] = {
	[0x3b] = "\x1b[[A", [0x3c] = "\x1b[[B", [0x3d] = "\x1b[[C", [0x3e] = "\x1b[[D",
	[0x3f] = "\x1b[[E", [0x40] = "\x1b[17~", [0x41] = "\x1b[18~", [0x42] = "\x1b[19~",
	[0x43] = "\x1b[20~", [0x44] = "\x1b[21~", [0x57] = "\x1b[23~", [0x58] = "\x1b[24~",
};

/* The numeric keypad (0x47-0x53 without 0xe0): digits with Num Lock, else the grey keys. */
static const char keypad_digits[0x54 - 0x47] = {
	'7', '8', '9', 0, '4', '5', '6', 0, '1', '2', '3', '0', '.',
};

/* Modifier keys: make code (0x100 | code after 0xe0) to MOD_* bit. */
static const struct { uint16_t code; unsigned mod; } modifier_keys[] = {
	{ 0x2a, MOD_LSHIFT }, { 0x36, MOD_RSHIFT }, { 0x1d, MOD_LCTRL }, { 0x11d, MOD_RCTRL },
	{ 0x38, MOD_LALT }, { 0x138, MOD_RALT },
};

static bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* The control code Ctrl+c sends, or -1 when the key has none. */
static int ctrl_code(char c)
{
	if (is_letter(c) || c == '[' || c == '\\' || c == ']' || c == '@')
		return c & 0x1f;
	if (c == ' ' || c == '2')
		return 0;
	if (c == '/' || c == '-')
		return 0x1f;		/* ^_ */
	if (c == '6')
		return 0x1e;		/* ^^ */
	if (c == '8' || c == 0x7f)
		return 0x7f;
	return -1;
}

/*
 * Feed one byte from the keyboard into the decoder. Writes the bytes the key sends (at most 8)
 * to out and returns how many; 0 for releases, modifiers and prefixes.
 */
static int kbd_decode(struct kbd_state *ks, uint8_t sc, char out[8])
{
	if (sc == 0xe0) {
		ks->extended = true;
		return 0;
	}
	bool ext = ks->extended, release = sc & 0x80;
	uint8_t code = sc & 0x7f;

	ks->extended = false;
	if (ext && (code == 0x2a || code == 0x36))
		return 0;	/* fake shifts around the grey keys of old keyboards */
	for (size_t i = 0; i < ARRAY_SIZE(modifier_keys); i++) {
		if (modifier_keys[i].code == (ext ? 0x100 | code : code)) {
			if (release)
				ks->mods &= ~modifier_keys[i].mod;
			else
				ks->mods |= modifier_keys[i].mod;
			return 0;
		}
	}
	if (release)
		return 0;
	if (!ext && (code == 0x3a || code == 0x45)) {	/* Caps Lock, Num Lock */
		if (code == 0x3a)
			ks->caps = !ks->caps;
		else
			ks->num = !ks->num;
		ks->leds_changed = true;
		return 0;
	}

	bool shift = ks->mods & (MOD_LSHIFT | MOD_RSHIFT);
	bool ctrl = ks->mods & (MOD_LCTRL | MOD_RCTRL);
	bool alt = ks->mods & (MOD_LALT | MOD_RALT);
	const char *seq = NULL;
	char c = 0;

	if (ext) {
		seq = seq_extended[code];
	} else if (code >= 0x47 && code <= 0x53 && code != 0x4a && code != 0x4e) {
		if (ks->num && !shift)
			c = keypad_digits[code - 0x47];
		else
			seq = seq_extended[code];
	} else if (seq_plain[code]) {
		seq = seq_plain[code];
	} else if (code < ARRAY_SIZE(keymap)) {
		c = shift ? keymap_shift[code] : keymap[code];
		if (ks->caps && is_letter(c))
			c ^= 0x20;
	}
	if (seq) {
		size_t n = strlen(seq);

		memcpy(out, seq, n);
		return (int)n;
	}
	if (!c)
		return 0;
	int n = 0;
	if (ctrl) {
		int cc = ctrl_code(keymap[code] ? keymap[code] : c);
		if (cc >= 0)
			c = (char)cc;	/* keys without a control code send their own byte */
	}
	if (alt)
		out[n++] = 0x1b;	/* meta: ESC prefix */
	out[n++] = c;
	return n;
}

/* ---- the 8042 ---- */

static struct kbd_state kbd = { .num = true };
static bool kbd_present;
static bool leds_pending;	/* KBD_SET_LEDS sent, waiting for its ACK to send the LED byte */

static bool wait_input_empty(void)
{
	for (int i = 0; i < 100000; i++) {
		if (!(inb(KBD_STATUS) & ST_IN_FULL))
			return true;
		arch_cpu_relax();
	}
	return false;
}

static bool wait_output_full(void)
{
	for (int i = 0; i < 100000; i++) {
		if (inb(KBD_STATUS) & ST_OUT_FULL)
			return true;
		arch_cpu_relax();
	}
	return false;
}

static void ctl_command(uint8_t cmd)
{
	wait_input_empty();
	outb(KBD_COMMAND, cmd);
}

static void kbd_send(uint8_t byte)
{
	wait_input_empty();
	outb(KBD_DATA, byte);
}

/* A controller command that answers one byte; -1 when it does not answer. */
static int ctl_query(uint8_t cmd)
{
	ctl_command(cmd);
	return wait_output_full() ? inb(KBD_DATA) : -1;
}

static uint8_t led_byte(void)
{
	return (kbd.num ? 2 : 0) | (kbd.caps ? 4 : 0);	/* bit 0 would be Scroll Lock */
}

/* Handle one byte from the keyboard: LED protocol answers, else a scancode. */
static void kbd_byte(uint8_t b)
{
	char out[8];

	if (b == KBD_ACK) {
		if (leds_pending) {
			leds_pending = false;
			kbd_send(led_byte());
		}
		return;
	}
	int n = kbd_decode(&kbd, b, out);
	for (int i = 0; i < n; i++)
		console_input(out[i]);
	if (kbd.leds_changed) {
		kbd.leds_changed = false;
		leds_pending = true;
		kbd_send(KBD_SET_LEDS);
	}
}

/* Drain every waiting keyboard byte (mouse bytes are dropped: the mouse port is off). */
static void ps2kbd_poll(void)
{
	uint8_t st;

	if (!kbd_present)
		return;
	while ((st = inb(KBD_STATUS)) & ST_OUT_FULL) {
		uint8_t b = inb(KBD_DATA);
		if (!(st & ST_AUX))
			kbd_byte(b);
	}
}

static void ps2kbd_irq(void *ctx)
{
	(void)ctx;
	ps2kbd_poll();
}

void ps2kbd_init(void)
{
	if (inb(KBD_STATUS) == 0xff) {	/* floating bus: no controller (some UEFI machines) */
		kprintf("ps2kbd: no 8042 controller\n");
		return;
	}
	ctl_command(CMD_DISABLE_KBD);
	ctl_command(CMD_DISABLE_AUX);
	while (inb(KBD_STATUS) & ST_OUT_FULL)	/* stale bytes */
		inb(KBD_DATA);

	int cfg = ctl_query(CMD_READ_CONFIG);
	if (cfg < 0)
		goto absent;
	cfg = (cfg & ~(CFG_KBD_IRQ | CFG_AUX_IRQ | CFG_KBD_DISABLED)) | CFG_TRANSLATE;
	ctl_command(CMD_WRITE_CONFIG);
	kbd_send((uint8_t)cfg);
	if (ctl_query(CMD_SELF_TEST) != 0x55)
		goto absent;
	/* The self test may reset the configuration on some controllers: write it again. */
	ctl_command(CMD_WRITE_CONFIG);
	kbd_send((uint8_t)cfg);
	ctl_command(CMD_ENABLE_KBD);
	kbd_send(KBD_ENABLE_SCAN);
	if (!wait_output_full() || inb(KBD_DATA) != KBD_ACK)
		kprintf("ps2kbd: keyboard did not acknowledge; keeping the port anyway\n");
	kbd_present = true;
	leds_pending = true;
	kbd_send(KBD_SET_LEDS);		/* Num Lock on, as kbd.num says */

	bool irq = arch_irq_request(1, ps2kbd_irq, NULL) == 0;
	if (irq) {
		ctl_command(CMD_WRITE_CONFIG);
		kbd_send((uint8_t)(cfg | CFG_KBD_IRQ));
	} else {
		console_add_poller(ps2kbd_poll);
	}
	kprintf("ps2kbd: keyboard on IRQ 1%s\n", irq ? "" : " not routed yet: polling");
	return;
absent:
	kprintf("ps2kbd: 8042 controller not answering\n");
}

/* ---- tests ---- */

/* Decode a scancode string; the bytes produced, NUL-terminated, in a static buffer. */
static const char *decode_all(struct kbd_state *ks, const uint8_t *sc, size_t n)
{
	static char buf[64];
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		char out[8];
		int k = kbd_decode(ks, sc[i], out);
		for (int j = 0; j < k && len < sizeof(buf) - 1; j++)
			buf[len++] = out[j];
	}
	buf[len] = 0;
	return buf;
}

#define DECODE(ks, ...) decode_all(ks, (const uint8_t[]){ __VA_ARGS__ }, \
				   sizeof((const uint8_t[]){ __VA_ARGS__ }))

KTEST(kbd, letters_shift_caps)
{
	struct kbd_state ks = { .num = true };

	/* h i (press+release), Shift+a, Caps Lock, b, Shift+c with Caps on */
	KEXPECT(strcmp(DECODE(&ks, 0x23, 0xa3, 0x17, 0x97), "hi") == 0);
	KEXPECT(strcmp(DECODE(&ks, 0x2a, 0x1e, 0x9e, 0xaa, 0x1e), "Aa") == 0);
	KEXPECT(strcmp(DECODE(&ks, 0x3a, 0xba, 0x30, 0x36, 0x2e, 0xb6), "Bc") == 0);
	KEXPECT(ks.caps);
	KEXPECT(strcmp(DECODE(&ks, 0x2a, 0x02, 0xaa, 0x02, 0x1c, 0x0e), "!1\r\x7f") == 0);
}

KTEST(kbd, ctrl_alt)
{
	struct kbd_state ks = { .num = true };

	/* Ctrl+C, Ctrl+D, Ctrl+[ ; right Ctrl (e0 1d) + u; Alt+x */
	KEXPECT(strcmp(DECODE(&ks, 0x1d, 0x2e, 0x20, 0x1a, 0x9d), "\x03\x04\x1b") == 0);
	KEXPECT(strcmp(DECODE(&ks, 0xe0, 0x1d, 0x16, 0xe0, 0x9d, 0x16), "\x15u") == 0);
	KEXPECT(strcmp(DECODE(&ks, 0x38, 0x2d, 0xb8, 0x2d), "\x1bxx") == 0);
}

KTEST(kbd, escape_sequences)
{
	struct kbd_state ks = { .num = true };

	KEXPECT(strcmp(DECODE(&ks, 0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x4b), "\x1b[A\x1b[D") == 0);
	KEXPECT(strcmp(DECODE(&ks, 0xe0, 0x53, 0xe0, 0x47, 0xe0, 0x4f),
		       "\x1b[3~\x1b[1~\x1b[4~") == 0);
	KEXPECT(strcmp(DECODE(&ks, 0xe0, 0x49, 0xe0, 0x51), "\x1b[5~\x1b[6~") == 0);
	/* keypad: digits with Num Lock, arrows without */
	KEXPECT(strcmp(DECODE(&ks, 0x48, 0x4f), "81") == 0);
	KEXPECT(strcmp(DECODE(&ks, 0x45, 0xc5, 0x48), "\x1b[A") == 0);
	KEXPECT(strcmp(DECODE(&ks, 0x3b, 0xbb), "\x1b[[A") == 0);
	/* unknown codes produce nothing */
	KEXPECT(strcmp(DECODE(&ks, 0x7f, 0x5b, 0xe0, 0x10), "") == 0);
}
