/*
 * apic.h - the interrupt controllers and the interrupt vector map, for arch/x86_64/ only.
 *
 * Vectors 0-31 are the CPU's exceptions. The rest are assigned here, once, so no two subsystems
 * pick the same number:
 *
 *   0x20-0x2f  the legacy 8259 PICs, remapped out of the way of the exceptions and fully masked;
 *              anything arriving here is spurious and ignored
 *   0x30-0x3f  ISA IRQ n (through the IOAPIC) on vector 0x30 + n: 1 keyboard, 4 COM1, 8 RTC
 *   0xef       the irq self-test's IPI to itself (apic.c)
 *   0xf0       the LAPIC timer tick
 *   0xf1-0xfd  free for inter-processor interrupts
 *   0xfe       LAPIC internal error
 *   0xff       LAPIC spurious interrupt (no EOI)
 */
#ifndef NIDO_APIC_H
#define NIDO_APIC_H

#include <stdint.h>

#define PIC_VECTOR_BASE		0x20
#define IRQ_VECTOR_BASE		0x30
#define SELFTEST_VECTOR		0xef
#define TIMER_VECTOR		0xf0
#define IPI_VECTOR_FIRST	0xf1
#define IPI_VECTOR_LAST		0xfd
#define LAPIC_ERROR_VECTOR	0xfe
#define SPURIOUS_VECTOR		0xff

/* Local APIC registers (offsets in the xAPIC MMIO page; x2APIC MSR = 0x800 + offset / 16). */
#define LAPIC_ID		0x020
#define LAPIC_VERSION		0x030
#define LAPIC_TPR		0x080
#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0
#define LAPIC_ESR		0x280
#define LAPIC_ICR_LOW		0x300
#define LAPIC_ICR_HIGH		0x310
#define LAPIC_LVT_TIMER		0x320
#define LAPIC_LVT_LINT0		0x350
#define LAPIC_LVT_LINT1		0x360
#define LAPIC_LVT_ERROR		0x370
#define LAPIC_TIMER_INIT	0x380	/* initial count */
#define LAPIC_TIMER_CUR		0x390	/* current count */
#define LAPIC_TIMER_DIV		0x3e0

#define LAPIC_SVR_ENABLE	(1u << 8)
#define LVT_MASKED		(1u << 16)
#define LVT_TIMER_PERIODIC	(1u << 17)
#define LVT_DELIVERY_NMI	(4u << 8)
#define LAPIC_TIMER_DIV_16	0x3	/* divide configuration value for "divide by 16" */
#define LAPIC_TIMER_DIVISOR	16

/* PIC off, this CPU's LAPIC on, every IOAPIC pin masked; installs the vector handlers. */
void interrupts_init(void);
/* Enable and set up the calling CPU's LAPIC (also for application processors). */
void lapic_init_cpu(void);
/* Is there a usable LAPIC (interrupts_init() found and enabled it)? */
int lapic_present(void);
uint32_t lapic_read(uint32_t reg);
void lapic_write(uint32_t reg, uint32_t value);
uint32_t lapic_id(void);
/* End of interrupt: let the LAPIC deliver the next interrupt of the same or lower priority. */
void lapic_eoi(void);
/* Send a fixed interrupt `vector` to the CPU whose APIC id is apic_id. */
void lapic_send_ipi(uint32_t apic_id, uint8_t vector);

/* Undo arch_irq_request(): mask the line and forget its handler. */
void irq_release(unsigned isa_irq);
/* Interrupts received on ISA IRQ isa_irq since boot. */
uint64_t irq_count(unsigned isa_irq);

#endif
