/*
 * console.c - fan-out of kernel output to every console device, and the merged input queue.
 *
 * Output takes one spinlock so that lines from different CPUs or from interrupt handlers never
 * interleave inside a character sequence of one device. Input is a single-producer-per-device,
 * single-consumer ring: producers run with interrupts off (they are interrupt handlers) and take
 * the same input lock as the consumer, so the ring needs no cleverness.
 */
#include "kernel.h"
#include "console.h"
#include "spinlock.h"
#include "format.h"
#include <arch.h>

static struct console *consoles;
static struct spinlock out_lock = SPINLOCK_INIT("console-out");

#define INPUT_RING 256
static char in_ring[INPUT_RING];
static unsigned in_head, in_tail;	/* head: next write, tail: next read */
static struct spinlock in_lock = SPINLOCK_INIT("console-in");

void (*console_poll_hook)(void);
void (*console_input_hook)(char c);
static void (*pollers[CONSOLE_POLLERS])(void);

void console_register(struct console *con)
{
	spin_lock(&out_lock);
	con->next = NULL;
	struct console **pp = &consoles;
	while (*pp)
		pp = &(*pp)->next;
	*pp = con;
	spin_unlock(&out_lock);
}

static void putc_locked(char c)
{
	for (struct console *con = consoles; con; con = con->next)
		con->putc(con, c);
}

static void flush_locked(void)
{
	for (struct console *con = consoles; con; con = con->next)
		if (con->flush)
			con->flush(con);
}

void console_putc(char c)
{
	spin_lock(&out_lock);
	putc_locked(c);
	flush_locked();
	spin_unlock(&out_lock);
}

void console_write(const char *s, size_t n)
{
	spin_lock(&out_lock);
	while (n--)
		putc_locked(*s++);
	flush_locked();
	spin_unlock(&out_lock);
}

/* Kernel messages end lines with a bare '\n': the devices get CR LF, as a tty with ONLCR sends. */
static void kprintf_out(char c, void *ctx)
{
	(void)ctx;
	if (c == '\n')
		putc_locked('\r');
	putc_locked(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	spin_lock(&out_lock);
	int n = format(kprintf_out, NULL, fmt, ap);
	flush_locked();
	spin_unlock(&out_lock);
	return n;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

void console_input(char c)
{
	if (console_input_hook) {
		console_input_hook(c);
		return;
	}
	spin_lock(&in_lock);
	if (in_head - in_tail < INPUT_RING)	/* drop input when the ring is full */
		in_ring[in_head++ % INPUT_RING] = c;
	spin_unlock(&in_lock);
}

int console_trygetc(void)
{
	int c = -1;

	spin_lock(&in_lock);
	if (in_tail != in_head)
		c = (unsigned char)in_ring[in_tail++ % INPUT_RING];
	spin_unlock(&in_lock);
	return c;
}

void console_add_poller(void (*poll)(void))
{
	for (int i = 0; i < CONSOLE_POLLERS; i++) {
		if (!pollers[i]) {
			pollers[i] = poll;
			return;
		}
	}
	panic("console_add_poller: more than %d polled input devices", CONSOLE_POLLERS);
}

void console_poll(void)
{
	if (console_poll_hook)
		console_poll_hook();
	for (int i = 0; i < CONSOLE_POLLERS && pollers[i]; i++)
		pollers[i]();
}

bool console_input_polled(void)
{
	return console_poll_hook || pollers[0];
}

int console_getc(void)
{
	int c;

	while ((c = console_trygetc()) < 0) {
		if (console_input_polled())
			console_poll();
		else
			arch_wait_for_interrupt();
	}
	return c;
}
