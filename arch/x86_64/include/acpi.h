/*
 * acpi.h - what the firmware's ACPI tables say about this machine, for arch/x86_64/ only.
 *
 * acpi.c reads the tables once at boot (RSDP -> RSDT/XSDT -> MADT, FADT, HPET, DSDT) into one
 * struct acpi_info; the interrupt controllers (apic.c), the timers (timer.c), the RTC (rtc.c) and
 * power-off/reboot (power.c) read their facts from there and never walk the tables themselves.
 * nido has no AML interpreter: the one thing it needs from AML, the \_S5_ sleep type values, is
 * found by a byte scan of the DSDT (acpi_aml_find_s5).
 *
 * The parsers take the table already mapped and are pure, so tests/host/test_acpi.c runs them on
 * synthetic tables.
 */
#ifndef NIDO_ACPI_H
#define NIDO_ACPI_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "param.h"

#define ACPI_MAX_IOAPICS	8
#define ACPI_ISA_IRQS		16

/* Every system description table starts with this header. */
struct acpi_sdt {
	char signature[4];
	uint32_t length;		/* of the whole table, header included */
	uint8_t revision;
	uint8_t checksum;		/* all bytes of the table sum to 0 (mod 256) */
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __attribute__((packed));

/* Generic Address Structure: a register in I/O space, memory or PCI configuration space. */
struct acpi_gas {
	uint8_t space;			/* ACPI_SPACE_* */
	uint8_t bit_width;
	uint8_t bit_offset;
	uint8_t access_size;
	uint64_t address;
} __attribute__((packed));

#define ACPI_SPACE_MEMORY	0
#define ACPI_SPACE_IO		1
#define ACPI_SPACE_PCI_CONFIG	2

struct acpi_ioapic {
	uint8_t id;
	uint64_t addr;			/* physical address of IOREGSEL */
	uint32_t gsi_base;		/* first global system interrupt it serves */
};

/*
 * How ISA IRQ n reaches the IOAPICs: its global system interrupt and the MADT's MPS INTI flags
 * (polarity bits 0-1, trigger mode bits 2-3). Without an override the GSI is n, active high, edge.
 */
struct acpi_isa_route {
	uint32_t gsi;
	uint16_t flags;
};

#define MPS_POLARITY_MASK	0x3
#define MPS_POLARITY_LOW	0x3
#define MPS_TRIGGER_MASK	0xc
#define MPS_TRIGGER_LEVEL	0xc

struct acpi_info {
	bool present;			/* an RSDP with a valid checksum was found */
	int rsdp_revision;		/* 0 = ACPI 1.0 (RSDT), 2 = ACPI 2.0+ (XSDT) */
	char oem_id[7];			/* NUL-terminated */

	/* MADT */
	int ncpus;			/* enabled local APICs, at most MAX_CPUS */
	uint32_t apic_ids[MAX_CPUS];
	uint64_t lapic_addr;		/* physical; 0 when there is no MADT */
	bool pcat_compat;		/* dual 8259 PICs present (must be masked) */
	int nioapics;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	struct acpi_isa_route isa[ACPI_ISA_IRQS];

	/* HPET table */
	uint64_t hpet_addr;		/* physical; 0 when there is no HPET */

	/* FADT */
	bool has_fadt;
	uint8_t fadt_revision;
	uint64_t dsdt;			/* physical address of the DSDT, 0 if none */
	uint16_t sci_irq;
	uint32_t smi_cmd;		/* port to write acpi_enable to (0: always in ACPI mode) */
	uint8_t acpi_enable;
	struct acpi_gas pm1a_cnt, pm1b_cnt;	/* PM1 control blocks (address 0 = absent) */
	uint8_t century;		/* CMOS register of the century, 0 if none */
	uint16_t boot_flags;		/* IAPC_BOOT_ARCH */
	uint32_t flags;			/* FADT feature flags */
	struct acpi_gas reset_reg;
	uint8_t reset_value;

	/* DSDT */
	bool has_s5;			/* \_S5_ found: the SLP_TYP values for soft-off */
	uint8_t s5_typa, s5_typb;
};

#define FADT_BOOT_8042		(1u << 1)	/* IAPC_BOOT_ARCH: a PS/2 controller exists */
#define FADT_RESET_REG_SUP	(1u << 10)	/* flags: reset_reg is valid */

extern struct acpi_info acpi;

/* Read the tables the boot loader pointed at (boot_info.rsdp) and print one summary line. */
void acpi_init(void);

/*
 * The index'th table (0 = first) with this signature, mapped in full, or NULL. "DSDT" finds the
 * table the FADT points at. Valid after acpi_init().
 */
const struct acpi_sdt *acpi_find_table(const char sig[4], int index);

/* Pure parsers, tested on the host. */
bool acpi_checksum_ok(const void *p, size_t len);
/* Fill the MADT part of *info from a mapped MADT; 0 or -EINVAL when it is malformed. */
int acpi_parse_madt(const struct acpi_sdt *madt, struct acpi_info *info);
/* Fill the FADT part of *info; 0 or -EINVAL. */
int acpi_parse_fadt(const struct acpi_sdt *fadt, struct acpi_info *info);
/*
 * Find "Name(\_S5_, Package(){a, b, ...})" in AML bytecode and return its first two elements,
 * the SLP_TYP values for PM1a and PM1b. 0, or -ENOENT when there is no such package.
 */
int acpi_aml_find_s5(const uint8_t *aml, size_t len, uint8_t *slp_typa, uint8_t *slp_typb);

#endif
