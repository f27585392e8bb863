/*
 * console.h - the kernel console: many output devices, one merged input queue.
 *
 * Output: every registered struct console receives every character (serial, VGA text, the
 * framebuffer text console). console_putc() and console_write() pass bytes through unchanged,
 * so a screen console moves down without returning on a bare LF, as a terminal does; kprintf()
 * ends its lines with CR LF. Input: drivers (PS/2 keyboard, serial) push characters with
 * console_input() from their interrupt handlers; readers take them with console_getc().
 */
#ifndef NIDO_CONSOLE_H
#define NIDO_CONSOLE_H

#include <stddef.h>
#include <stdbool.h>

struct console {
	const char *name;
	void (*putc)(struct console *con, char c);	/* called with the output lock held */
	/*
	 * Optional, called with the output lock held after each console_putc(), console_write()
	 * or kprintf(): a device that draws lazily (the framebuffer) updates the screen here.
	 */
	void (*flush)(struct console *con);
	void *priv;
	struct console *next;
};

void console_register(struct console *con);
void console_putc(char c);
void console_write(const char *s, size_t n);

/* Input side. console_input() is safe to call from interrupt handlers. */
void console_input(char c);
int console_trygetc(void);	/* next input character, or -1 when none is queued */
int console_getc(void);		/* waits (with interrupts on) for the next character */
/* Called by console_getc() while it waits, for devices without interrupts; may be NULL. */
extern void (*console_poll_hook)(void);
/*
 * More input devices to poll while no interrupt brings their input (at most CONSOLE_POLLERS).
 * console_poll() runs console_poll_hook and every poller: a reader that waits for input calls it
 * before it sleeps, so it also makes progress before interrupts are routed.
 */
#define CONSOLE_POLLERS	4
void console_add_poller(void (*poll)(void));
void console_poll(void);
/* Is some input device polled (no interrupt will announce its input)? */
bool console_input_polled(void);
/*
 * Where input goes once a terminal has taken over the console (tty.c): when set,
 * console_input() hands every byte to it, in the driver's interrupt handler, instead of
 * queueing it for console_getc().
 */
extern void (*console_input_hook)(char c);

#endif
