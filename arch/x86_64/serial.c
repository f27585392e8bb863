/*
 * serial.c - COM1, the console that always works: 115200 baud, 8N1, FIFOs on.
 *
 * Output is polled (wait for the transmit holding register to empty), so it works from the first
 * instruction of kmain to the last line of a panic. Input arrives by interrupt (ISA IRQ 4) once
 * interrupts are routed, and is handed to the merged console input queue.
 */
#include "kernel.h"
#include "console.h"
#include <arch.h>
#include "x86.h"

#define COM1		0x3f8
#define REG_DATA	0
#define REG_IER		1
#define REG_FCR		2
#define REG_LCR		3
#define REG_MCR		4
#define REG_LSR		5
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20

static int serial_present;
static char serial_last;	/* the last byte sent: after a CR, an LF needs no CR of its own */

void serial_init(void)
{
	outb(COM1 + REG_IER, 0x00);		/* no interrupts while programming */
	outb(COM1 + REG_LCR, 0x80);		/* DLAB on: divisor follows */
	outb(COM1 + REG_DATA, 1);		/* 115200 / 1 */
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, 0x03);		/* 8 bits, no parity, one stop bit */
	outb(COM1 + REG_FCR, 0xc7);		/* FIFOs on and cleared, 14-byte threshold */
	outb(COM1 + REG_MCR, 0x0b);		/* DTR, RTS, OUT2 (OUT2 gates the IRQ line) */
	/* A floating bus reads 0xff: no UART there. */
	serial_present = inb(COM1 + REG_LSR) != 0xff;
}

void serial_putc(char c)
{
	if (!serial_present)
		return;
	if (c == '\n' && serial_last != '\r')
		serial_putc('\r');
	for (int spins = 0; !(inb(COM1 + REG_LSR) & LSR_THR_EMPTY) && spins < 100000; spins++)
		arch_cpu_relax();
	outb(COM1 + REG_DATA, (uint8_t)c);
	serial_last = c;
}

/* Move every received byte into the console input queue. */
void serial_poll(void)
{
	if (!serial_present)
		return;
	while (inb(COM1 + REG_LSR) & LSR_DATA_READY) {
		char c = (char)inb(COM1 + REG_DATA);
		console_input(c == '\r' ? '\n' : c);
	}
}

static void serial_irq(void *ctx)
{
	(void)ctx;
	serial_poll();
}

/* Called once interrupts can be routed: receive by IRQ 4 from now on. */
void serial_enable_irq(void)
{
	if (!serial_present)
		return;
	if (arch_irq_request(4, serial_irq, NULL) == 0)
		outb(COM1 + REG_IER, 0x01);	/* interrupt on data received */
}

static void serial_con_putc(struct console *con, char c)
{
	(void)con;
	serial_putc(c);
}

static struct console serial_console = { .name = "serial", .putc = serial_con_putc };

void serial_register_console(void)
{
	console_register(&serial_console);
}
