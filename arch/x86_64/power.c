/*
 * power.c - turning the machine off and resetting it.
 *
 * Power-off is the ACPI soft-off state S5: write SLP_TYP (a value the firmware's AML names in
 * its \_S5_ package, found by acpi.c) and SLP_EN to the PM1 control register(s) the FADT names.
 * The system must be in ACPI mode first (SCI_EN set; on some firmware the OS asks for it by
 * writing ACPI_ENABLE to the SMI command port). Under tools/qemu-run (command line "qemu_exit")
 * the isa-debug-exit device is used instead, so QEMU reports the kernel's exit status.
 *
 * Reset tries, in order, what works on the widest range of machines: the FADT's reset register
 * (ACPI 2.0+, when its flag says it is supported), the keyboard controller's reset line (pulse
 * via command 0xfe to port 0x64), and last a triple fault (an empty IDT, then an exception),
 * which every x86 CPU turns into a reset.
 */
#include "kernel.h"
#include <arch.h>
#include "x86.h"
#include "acpi.h"

#define PM1_SCI_EN		(1u << 0)
#define PM1_SLP_TYP_SHIFT	10
#define PM1_SLP_TYP_MASK	(7u << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN		(1u << 13)

#define KBC_STATUS		0x64
#define KBC_INPUT_FULL		0x02
#define KBC_CMD_RESET		0xfe

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc

/* A short pause that does not depend on the timers working. */
static void delay_io(int n)
{
	while (n-- > 0)
		io_wait();
}

/* Read a 16-bit register described by a GAS (I/O port or memory); 0 for other spaces. */
static uint16_t gas_read16(const struct acpi_gas *g)
{
	if (g->space == ACPI_SPACE_IO)
		return inw((uint16_t)g->address);
	if (g->space == ACPI_SPACE_MEMORY) {
		volatile uint16_t *r = arch_ioremap(g->address, 2);
		return r ? *r : 0;
	}
	return 0;
}

static void gas_write16(const struct acpi_gas *g, uint16_t v)
{
	if (g->space == ACPI_SPACE_IO) {
		outw((uint16_t)g->address, v);
	} else if (g->space == ACPI_SPACE_MEMORY) {
		volatile uint16_t *r = arch_ioremap(g->address, 2);
		if (r)
			*r = v;
	}
}

/*
 * Write the byte-wide reset register. In PCI configuration space (bus 0) the address holds the
 * device in bits 47:32, the function in 31:16 and the register offset in 15:0.
 */
static void gas_write8(const struct acpi_gas *g, uint8_t v)
{
	uint64_t a = g->address;

	if (g->space == ACPI_SPACE_IO) {
		outb((uint16_t)a, v);
	} else if (g->space == ACPI_SPACE_MEMORY) {
		volatile uint8_t *r = arch_ioremap(a, 1);
		if (r)
			*r = v;
	} else if (g->space == ACPI_SPACE_PCI_CONFIG) {
		uint32_t dev = (a >> 32) & 0x1f, fn = (a >> 16) & 0x7, off = a & 0xff;
		outl(PCI_CONFIG_ADDRESS, 0x80000000u | dev << 11 | fn << 8 | (off & 0xfc));
		outb(PCI_CONFIG_DATA + (off & 3), v);
	}
}

/* Switch the firmware into ACPI mode if it is not: the PM1 registers are ours from then on. */
static void acpi_enter_acpi_mode(void)
{
	if (gas_read16(&acpi.pm1a_cnt) & PM1_SCI_EN)
		return;
	if (!acpi.smi_cmd || !acpi.acpi_enable)
		return;		/* hardware-reduced or always in ACPI mode */
	outb((uint16_t)acpi.smi_cmd, acpi.acpi_enable);
	for (int i = 0; i < 300000 && !(gas_read16(&acpi.pm1a_cnt) & PM1_SCI_EN); i++)
		io_wait();	/* ~1 us each: up to 0.3 s, as the firmware may take a while */
}

/* Enter S5 through the PM1 control registers. Returns only if the machine is still on. */
static void acpi_poweroff(void)
{
	if (!acpi.has_fadt || !acpi.has_s5 || acpi.pm1a_cnt.address == 0)
		return;
	kprintf("power: off (ACPI S5, SLP_TYP %u/%u)\n", acpi.s5_typa, acpi.s5_typb);
	acpi_enter_acpi_mode();
	const struct acpi_gas *regs[2] = { &acpi.pm1a_cnt, &acpi.pm1b_cnt };
	const uint8_t typ[2] = { acpi.s5_typa, acpi.s5_typb };
	uint16_t v[2];
	/* Set SLP_TYP first, then SLP_EN in a second write, as the spec's sequence has it. */
	for (int i = 0; i < 2; i++) {
		if (regs[i]->address == 0)
			continue;
		v[i] = gas_read16(regs[i]) & ~(PM1_SLP_TYP_MASK | PM1_SLP_EN);
		v[i] |= (typ[i] & 7) << PM1_SLP_TYP_SHIFT;
		gas_write16(regs[i], v[i]);
	}
	for (int i = 0; i < 2; i++)
		if (regs[i]->address != 0)
			gas_write16(regs[i], v[i] | PM1_SLP_EN);
	delay_io(100000);
}

noreturn void arch_poweroff(void)
{
	arch_qemu_exit(0);
	arch_irq_disable();
	acpi_poweroff();
	kprintf("power: power-off failed; halting\n");
	arch_halt_forever();
}

noreturn void arch_reboot(void)
{
	kprintf("power: restart\n");
	arch_irq_disable();
	if (acpi.flags & FADT_RESET_REG_SUP) {
		gas_write8(&acpi.reset_reg, acpi.reset_value);
		delay_io(100000);
	}
	for (int i = 0; i < 100000 && (inb(KBC_STATUS) & KBC_INPUT_FULL); i++)
		io_wait();
	outb(KBC_STATUS, KBC_CMD_RESET);
	delay_io(100000);

	/* An IDT with no entries: the breakpoint faults, the fault faults, the CPU resets. */
	static const struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) empty_idt = { 0, 0 };
	__asm__ volatile("lidt %0; int3" : : "m"(empty_idt));
	arch_halt_forever();
}
