/*
 * apic.c - interrupt controllers: the legacy PICs (silenced), the local APIC of each CPU and the
 * IOAPICs that turn device interrupt lines into vectors.
 *
 * The model: a device raises a line (ISA IRQ 1 for the keyboard, 4 for COM1). The MADT says
 * which IOAPIC input ("global system interrupt", GSI) that line is wired to, and with which
 * polarity and trigger mode when they differ from ISA's "active high, edge" (an interrupt source
 * override: on QEMU, IRQ 0 arrives on GSI 2 and the ACPI SCI is level triggered). The IOAPIC's
 * redirection entry for that GSI names a vector and a destination CPU; the CPU's local APIC
 * delivers the vector, and the handler ends the interrupt by writing the LAPIC's EOI register.
 * apic.h has the vector map.
 *
 * The 8259 PICs of the PC/AT are still there on every PC. They are remapped to vectors 0x20-0x2f
 * (their power-on vectors 0x08-0x0f collide with CPU exceptions) and every line masked, so
 * nothing they do can be mistaken for an exception.
 *
 * The LAPIC is used in xAPIC mode (MMIO) unless the firmware already switched it to x2APIC mode,
 * in which case its registers are MSRs; lapic_read/lapic_write hide the difference.
 */
#include "kernel.h"
#include "percpu.h"
#include "spinlock.h"
#include "ktest.h"
#include "uapi/errno.h"
#include <arch.h>
#include "x86.h"
#include "x86_64.h"
#include "trap.h"
#include "acpi.h"
#include "apic.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

#define APIC_BASE_BSP		(1u << 8)
#define APIC_BASE_X2APIC	(1u << 10)
#define APIC_BASE_ENABLE	(1u << 11)
#define APIC_BASE_ADDR_MASK	0x000ffffffffff000ULL
#define MSR_X2APIC_FIRST	0x800

#define IOAPIC_REGSEL	0x00	/* byte offsets in the IOAPIC's MMIO window */
#define IOAPIC_WINDOW	0x10
#define IOAPIC_REG_ID	0x00
#define IOAPIC_REG_VER	0x01
#define IOAPIC_REDIR(n)	(0x10 + 2 * (n))	/* low dword; high dword at +1 */

#define REDIR_ACTIVE_LOW	(1u << 13)
#define REDIR_LEVEL		(1u << 15)
#define REDIR_MASKED		(1u << 16)

static volatile uint32_t *lapic_mmio;	/* xAPIC register page, NULL in x2APIC mode */
static bool lapic_x2apic;
static bool lapic_up;

struct ioapic {
	volatile uint32_t *regs;
	uint32_t gsi_base;
	unsigned npins;
	uint8_t id;
};

static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static int nioapics;

/* One handler per ISA line: ISA interrupts are edge triggered and cannot be shared safely. */
struct isa_irq {
	irq_handler_t handler;		/* NULL: line free and masked */
	void *ctx;
	uint64_t count;
};

/* irq_lock guards isa_irqs[] and the IOAPIC register window (select, then read or write). */
static struct spinlock irq_lock = SPINLOCK_INIT("irq");
static struct isa_irq isa_irqs[ACPI_ISA_IRQS];
static uint64_t spurious_count;

/* ---- local APIC ---- */

uint32_t lapic_read(uint32_t reg)
{
	if (lapic_x2apic)
		return (uint32_t)rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
	return lapic_mmio[reg / 4];
}

void lapic_write(uint32_t reg, uint32_t value)
{
	if (lapic_x2apic)
		wrmsr(MSR_X2APIC_FIRST + (reg >> 4), value);
	else
		lapic_mmio[reg / 4] = value;
}

int lapic_present(void)
{
	return lapic_up;
}

uint32_t lapic_id(void)
{
	uint32_t id = lapic_read(LAPIC_ID);

	return lapic_x2apic ? id : id >> 24;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/* Fixed delivery, physical destination, no shorthand. Caller has interrupts off or doesn't care. */
void lapic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	if (lapic_x2apic) {
		wrmsr(MSR_X2APIC_FIRST + (LAPIC_ICR_LOW >> 4), ((uint64_t)apic_id << 32) | vector);
		return;
	}
	lapic_write(LAPIC_ICR_HIGH, apic_id << 24);
	lapic_write(LAPIC_ICR_LOW, vector);
	while (lapic_read(LAPIC_ICR_LOW) & (1u << 12))	/* delivery status: send pending */
		arch_cpu_relax();
}

/*
 * Enable the calling CPU's LAPIC: software enable with the spurious vector, accept every
 * priority, LINT0 (the PICs' virtual-wire input) masked, LINT1 as NMI, errors on their vector,
 * timer masked until timer.c programs it. Interrupts must be off.
 */
void lapic_init_cpu(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LVT_DELIVERY_NMI);
	lapic_write(LAPIC_LVT_ERROR, LAPIC_ERROR_VECTOR);
	lapic_write(LAPIC_ESR, 0);	/* the ESR latches on write: two writes clear it */
	lapic_write(LAPIC_ESR, 0);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | SPURIOUS_VECTOR);
	lapic_eoi();			/* drop anything the firmware left in service */
	this_cpu()->apic_id = lapic_id();
}

/* Find the LAPIC (MSR first: it is what this CPU really uses; the MADT may say otherwise). */
static int lapic_setup(void)
{
	uint32_t a, b, c, d;
	uint64_t base;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & (1u << 9)))
		return -ENODEV;
	base = rdmsr(MSR_APIC_BASE);
	lapic_x2apic = (base & APIC_BASE_X2APIC) != 0;
	if (!lapic_x2apic) {
		uint64_t pa = base & APIC_BASE_ADDR_MASK;
		if (pa == 0)
			pa = acpi.lapic_addr;
		lapic_mmio = arch_ioremap(pa, 4096);
		if (!lapic_mmio)
			return -ENOMEM;
	}
	lapic_init_cpu();
	lapic_up = true;
	return 0;
}

/* ---- the 8259 PICs ---- */

/* Reinitialise both PICs with their vectors at 0x20-0x2f, then mask every line. */
static void pic_disable(void)
{
	static const uint8_t init[][2] = {
		{ PIC1_CMD, 0x11 }, { PIC2_CMD, 0x11 },		/* ICW1: init, ICW4 follows */
		{ PIC1_DATA, PIC_VECTOR_BASE },			/* ICW2: vector offsets */
		{ PIC2_DATA, PIC_VECTOR_BASE + 8 },
		{ PIC1_DATA, 0x04 }, { PIC2_DATA, 0x02 },	/* ICW3: slave on master's line 2 */
		{ PIC1_DATA, 0x01 }, { PIC2_DATA, 0x01 },	/* ICW4: 8086 mode */
		{ PIC1_DATA, 0xff }, { PIC2_DATA, 0xff },	/* OCW1: mask everything */
	};

	for (size_t i = 0; i < ARRAY_SIZE(init); i++) {
		outb(init[i][0], init[i][1]);
		io_wait();
	}
}

/* ---- IOAPICs ---- */

/* Caller holds irq_lock (or is alone, at boot). */
static uint32_t ioapic_read(struct ioapic *io, uint32_t reg)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	return io->regs[IOAPIC_WINDOW / 4];
}

static void ioapic_write(struct ioapic *io, uint32_t reg, uint32_t value)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	io->regs[IOAPIC_WINDOW / 4] = value;
}

static struct ioapic *ioapic_for_gsi(uint32_t gsi)
{
	for (int i = 0; i < nioapics; i++)
		if (gsi >= ioapics[i].gsi_base && gsi < ioapics[i].gsi_base + ioapics[i].npins)
			return &ioapics[i];
	return NULL;
}

/* Map every IOAPIC of the MADT and mask all its pins. */
static void ioapic_setup(void)
{
	for (int i = 0; i < acpi.nioapics && nioapics < ACPI_MAX_IOAPICS; i++) {
		struct ioapic *io = &ioapics[nioapics];
		io->regs = arch_ioremap(acpi.ioapics[i].addr, 0x20);
		if (!io->regs) {
			kprintf("irq: cannot map IOAPIC at %#lx\n",
				(unsigned long)acpi.ioapics[i].addr);
			continue;
		}
		io->id = acpi.ioapics[i].id;
		io->gsi_base = acpi.ioapics[i].gsi_base;
		io->npins = ((ioapic_read(io, IOAPIC_REG_VER) >> 16) & 0xff) + 1;
		for (unsigned pin = 0; pin < io->npins; pin++) {
			ioapic_write(io, IOAPIC_REDIR(pin) + 1, 0);
			ioapic_write(io, IOAPIC_REDIR(pin), REDIR_MASKED);
		}
		nioapics++;
	}
}

/* The redirection entry's polarity and trigger bits for an ISA line with these MPS INTI flags. */
static uint32_t isa_redir_mode(uint16_t flags)
{
	uint32_t mode = 0;

	/* "Conforms to the bus" (0) means ISA's active high and edge triggered. */
	if ((flags & MPS_POLARITY_MASK) == MPS_POLARITY_LOW)
		mode |= REDIR_ACTIVE_LOW;
	if ((flags & MPS_TRIGGER_MASK) == MPS_TRIGGER_LEVEL)
		mode |= REDIR_LEVEL;
	return mode;
}

/* ---- vector handlers ---- */

static void isa_irq_entry(struct trap_frame *tf)
{
	unsigned irq = (unsigned)tf->vector - IRQ_VECTOR_BASE;
	irq_handler_t handler;
	void *ctx;

	spin_lock(&irq_lock);
	handler = isa_irqs[irq].handler;
	ctx = isa_irqs[irq].ctx;
	isa_irqs[irq].count++;
	spin_unlock(&irq_lock);
	/* Call outside the lock: a handler may request or release lines itself. */
	if (handler)
		handler(ctx);
	lapic_eoi();
}

/* Spurious interrupts (LAPIC, or a PIC line firing although masked) get no EOI. */
static void spurious_entry(struct trap_frame *tf)
{
	(void)tf;
	spurious_count++;
}

static void lapic_error_entry(struct trap_frame *tf)
{
	(void)tf;
	lapic_write(LAPIC_ESR, 0);
	kprintf("irq: LAPIC error, ESR %#x\n", lapic_read(LAPIC_ESR));
	lapic_eoi();
}

/*
 * Bring up interrupt delivery on the boot CPU: PICs masked, LAPIC on, IOAPIC pins masked, the
 * vector handlers installed. Interrupts stay off; timer_init() turns them on.
 */
void interrupts_init(void)
{
	pic_disable();
	if (lapic_setup() < 0) {
		kprintf("irq: no local APIC: no interrupts\n");
		return;
	}
	ioapic_setup();
	for (int v = PIC_VECTOR_BASE; v < PIC_VECTOR_BASE + 16; v++)
		trap_set_handler(v, spurious_entry);
	for (int v = IRQ_VECTOR_BASE; v < IRQ_VECTOR_BASE + ACPI_ISA_IRQS; v++)
		trap_set_handler(v, isa_irq_entry);
	trap_set_handler(LAPIC_ERROR_VECTOR, lapic_error_entry);
	trap_set_handler(SPURIOUS_VECTOR, spurious_entry);
}

/*
 * Route ISA line isa_irq to handler(ctx), on the boot CPU. The MADT's override decides the GSI,
 * polarity and trigger mode. 0, -EINVAL (no such line, no handler), -EBUSY (already taken) or
 * -ENODEV (no IOAPIC serves it).
 */
int arch_irq_request(unsigned isa_irq, irq_handler_t handler, void *ctx)
{
	if (isa_irq >= ACPI_ISA_IRQS || !handler)
		return -EINVAL;
	if (!lapic_up)
		return -ENODEV;
	const struct acpi_isa_route *route = &acpi.isa[isa_irq];
	struct ioapic *io = ioapic_for_gsi(route->gsi);
	if (!io)
		return -ENODEV;
	unsigned pin = route->gsi - io->gsi_base;
	uint32_t low = (IRQ_VECTOR_BASE + isa_irq) | isa_redir_mode(route->flags);

	spin_lock(&irq_lock);
	if (isa_irqs[isa_irq].handler) {
		spin_unlock(&irq_lock);
		return -EBUSY;
	}
	isa_irqs[isa_irq].handler = handler;
	isa_irqs[isa_irq].ctx = ctx;
	ioapic_write(io, IOAPIC_REDIR(pin) + 1, cpus[0].apic_id << 24);
	ioapic_write(io, IOAPIC_REDIR(pin), low);	/* unmasked: may fire from here on */
	spin_unlock(&irq_lock);
	return 0;
}

void irq_release(unsigned isa_irq)
{
	if (isa_irq >= ACPI_ISA_IRQS)
		return;
	struct ioapic *io = ioapic_for_gsi(acpi.isa[isa_irq].gsi);

	spin_lock(&irq_lock);
	if (io)
		ioapic_write(io, IOAPIC_REDIR(acpi.isa[isa_irq].gsi - io->gsi_base), REDIR_MASKED);
	isa_irqs[isa_irq].handler = NULL;
	isa_irqs[isa_irq].ctx = NULL;
	spin_unlock(&irq_lock);
}

uint64_t irq_count(unsigned isa_irq)
{
	return isa_irq < ACPI_ISA_IRQS ? isa_irqs[isa_irq].count : 0;
}

/* ---- tests ---- */

static void dummy_handler(void *ctx)
{
	(void)ctx;
}

KTEST(irq, request_checks_arguments)
{
	KEXPECT_EQ(arch_irq_request(ACPI_ISA_IRQS, dummy_handler, NULL), -EINVAL);
	KEXPECT_EQ(arch_irq_request(3, NULL, NULL), -EINVAL);
}

KTEST(irq, request_twice_is_busy)
{
	/* IRQ 3 (COM2) is free on every machine nido runs on. */
	KEXPECT_EQ(arch_irq_request(3, dummy_handler, NULL), 0);
	KEXPECT_EQ(arch_irq_request(3, dummy_handler, NULL), -EBUSY);
	irq_release(3);
	KEXPECT_EQ(arch_irq_request(3, dummy_handler, NULL), 0);
	irq_release(3);
}

KTEST(irq, lapic_is_this_cpu)
{
	KEXPECT(lapic_present());
	KEXPECT_EQ(lapic_id(), this_cpu()->apic_id);
	/* The boot CPU is in the MADT's list. */
	bool found = false;
	for (int i = 0; i < acpi.ncpus; i++)
		found |= acpi.apic_ids[i] == lapic_id();
	KEXPECT(found);
}

KTEST(irq, isa_lines_have_an_ioapic)
{
	KEXPECT(nioapics >= 1);
	for (unsigned irq = 0; irq < ACPI_ISA_IRQS; irq++)
		if (irq != 2)		/* the PICs' cascade, never a device */
			KEXPECT(ioapic_for_gsi(acpi.isa[irq].gsi) != NULL);
}

static volatile int selftest_hits;

static void selftest_entry(struct trap_frame *tf)
{
	(void)tf;
	selftest_hits++;
	lapic_eoi();
}

/* The LAPIC delivers an IPI the CPU sends to itself, and EOI lets the next one through. */
KTEST(irq, self_ipi_delivered)
{
	trap_set_handler(SELFTEST_VECTOR, selftest_entry);
	unsigned long flags = arch_irq_save();
	selftest_hits = 0;
	for (int i = 0; i < 3; i++) {
		lapic_send_ipi(lapic_id(), SELFTEST_VECTOR);
		arch_irq_enable();
		for (int spin = 0; selftest_hits <= i && spin < 1000000; spin++)
			arch_cpu_relax();
		arch_irq_disable();
	}
	arch_irq_restore(flags);
	KEXPECT_EQ(selftest_hits, 3);
}
