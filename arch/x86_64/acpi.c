/*
 * acpi.c - read the firmware's ACPI tables: how many CPUs, where the interrupt controllers and
 * the HPET are, how ISA lines are wired, and how to power off and reset the machine.
 *
 * The model: the RSDP (found by the boot loader, boot_info.rsdp) points at a root table, the RSDT
 * (32-bit entries, ACPI 1.0) or the XSDT (64-bit entries, ACPI 2.0+). The root table lists the
 * other tables, each starting with a 36-byte header with a 4-character signature:
 *   "APIC" the MADT: one entry per local APIC (CPU), IOAPIC, and ISA interrupt override;
 *   "FACP" the FADT: fixed hardware registers (PM1 control for sleep states, the reset register,
 *          the CMOS century register) and the address of the DSDT;
 *   "HPET" where the High Precision Event Timer is;
 *   "DSDT" AML bytecode describing the devices; nido only scans it for the \_S5_ package.
 * Everything nido needs is copied into struct acpi_info (acpi.h) once; tables are reached through
 * the direct map (below 4 GiB) or arch_ioremap (above), and kept mapped for acpi_find_table().
 *
 * Firmware is not trusted: every length is checked before it is followed, and a table with a bad
 * checksum is reported but still used (Linux does the same; firmware gets checksums wrong).
 */
#include "kernel.h"
#include "boot.h"
#include "string.h"
#include "ktest.h"
#include "uapi/errno.h"
#include <arch.h>
#include "acpi.h"

#define ACPI_MAX_TABLES		64
#define ACPI_MAX_TABLE_LEN	(16u << 20)	/* a longer "table" is a corrupt header */

struct rsdp {
	char signature[8];		/* "RSD PTR " */
	uint8_t checksum;		/* first 20 bytes */
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt;
	/* ACPI 2.0+ */
	uint32_t length;
	uint64_t xsdt;
	uint8_t ext_checksum;		/* the whole structure */
	uint8_t reserved[3];
} __attribute__((packed));

#define RSDP_V1_LEN	20

struct madt {
	struct acpi_sdt h;
	uint32_t lapic_addr;
	uint32_t flags;			/* bit 0: PC-AT compatible dual 8259 */
	uint8_t entries[];		/* (type, length, ...) records */
} __attribute__((packed));

struct madt_lapic {			/* type 0 */
	uint8_t type, len, uid, apic_id;
	uint32_t flags;			/* bit 0 enabled, bit 1 online capable */
} __attribute__((packed));

struct madt_ioapic {			/* type 1 */
	uint8_t type, len, id, reserved;
	uint32_t addr;
	uint32_t gsi_base;
} __attribute__((packed));

struct madt_override {			/* type 2: interrupt source override */
	uint8_t type, len, bus, source;
	uint32_t gsi;
	uint16_t flags;
} __attribute__((packed));

struct madt_lapic_addr {		/* type 5: 64-bit local APIC address */
	uint8_t type, len;
	uint16_t reserved;
	uint64_t addr;
} __attribute__((packed));

struct madt_x2apic {			/* type 9 */
	uint8_t type, len;
	uint16_t reserved;
	uint32_t x2apic_id;
	uint32_t flags;
	uint32_t uid;
} __attribute__((packed));

#define MADT_PCAT_COMPAT	(1u << 0)
#define LAPIC_ENABLED		(1u << 0)

/* The FADT fields nido reads, at their offsets in ACPI 6.x; older FADTs are shorter. */
struct fadt {
	struct acpi_sdt h;
	uint32_t firmware_ctrl;		/* 36 */
	uint32_t dsdt;			/* 40 */
	uint8_t reserved0;
	uint8_t pm_profile;
	uint16_t sci_int;		/* 46 */
	uint32_t smi_cmd;		/* 48 */
	uint8_t acpi_enable;		/* 52 */
	uint8_t acpi_disable;
	uint8_t s4bios_req;
	uint8_t pstate_cnt;
	uint32_t pm1a_evt_blk, pm1b_evt_blk;	/* 56 */
	uint32_t pm1a_cnt_blk, pm1b_cnt_blk;	/* 64 */
	uint32_t pm2_cnt_blk, pm_tmr_blk;
	uint32_t gpe0_blk, gpe1_blk;
	uint8_t pm1_evt_len, pm1_cnt_len, pm2_cnt_len, pm_tmr_len;	/* 88 */
	uint8_t gpe0_blk_len, gpe1_blk_len, gpe1_base, cst_cnt;
	uint16_t p_lvl2_lat, p_lvl3_lat;
	uint16_t flush_size, flush_stride;
	uint8_t duty_offset, duty_width, day_alrm, mon_alrm;
	uint8_t century;		/* 108 */
	uint16_t iapc_boot_arch;	/* 109 */
	uint8_t reserved1;
	uint32_t flags;			/* 112 */
	struct acpi_gas reset_reg;	/* 116 */
	uint8_t reset_value;		/* 128 */
	uint16_t arm_boot_arch;
	uint8_t minor_version;
	uint64_t x_firmware_ctrl;	/* 132 */
	uint64_t x_dsdt;		/* 140 */
	struct acpi_gas x_pm1a_evt_blk, x_pm1b_evt_blk;	/* 148 */
	struct acpi_gas x_pm1a_cnt_blk, x_pm1b_cnt_blk;	/* 172 */
} __attribute__((packed));

_Static_assert(offsetof(struct fadt, century) == 108, "FADT layout");
_Static_assert(offsetof(struct fadt, reset_reg) == 116, "FADT layout");
_Static_assert(offsetof(struct fadt, x_dsdt) == 140, "FADT layout");
_Static_assert(offsetof(struct fadt, x_pm1a_cnt_blk) == 172, "FADT layout");

/* Does the FADT of length `len` contain the field that ends at offsetof(field) + size? */
#define FADT_HAS(len, field) \
	((len) >= offsetof(struct fadt, field) + sizeof(((struct fadt *)0)->field))

struct hpet_table {
	struct acpi_sdt h;
	uint32_t block_id;
	struct acpi_gas base;
	uint8_t number;
	uint16_t min_tick;
	uint8_t page_protection;
} __attribute__((packed));

struct acpi_info acpi;

static const struct acpi_sdt *tables[ACPI_MAX_TABLES];
static int ntables;

bool acpi_checksum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += b[i];
	return sum == 0;
}

/* ---- MADT ---- */

static void madt_lapic(const void *e, struct acpi_info *info)
{
	const struct madt_lapic *l = e;

	if ((l->flags & LAPIC_ENABLED) && info->ncpus < MAX_CPUS)
		info->apic_ids[info->ncpus++] = l->apic_id;
}

static void madt_x2apic(const void *e, struct acpi_info *info)
{
	const struct madt_x2apic *l = e;

	if ((l->flags & LAPIC_ENABLED) && info->ncpus < MAX_CPUS)
		info->apic_ids[info->ncpus++] = l->x2apic_id;
}

static void madt_ioapic(const void *e, struct acpi_info *info)
{
	const struct madt_ioapic *io = e;

	if (info->nioapics == ACPI_MAX_IOAPICS)
		return;
	info->ioapics[info->nioapics].id = io->id;
	info->ioapics[info->nioapics].addr = io->addr;
	info->ioapics[info->nioapics].gsi_base = io->gsi_base;
	info->nioapics++;
}

static void madt_override(const void *e, struct acpi_info *info)
{
	const struct madt_override *o = e;

	if (o->bus != 0 || o->source >= ACPI_ISA_IRQS)	/* bus 0 is ISA, the only one defined */
		return;
	info->isa[o->source].gsi = o->gsi;
	info->isa[o->source].flags = o->flags;
}

static void madt_lapic_addr(const void *e, struct acpi_info *info)
{
	info->lapic_addr = ((const struct madt_lapic_addr *)e)->addr;
}

/* MADT record types nido understands; the others (NMI sources, ...) are skipped. */
static const struct {
	uint8_t type;
	uint8_t min_len;
	void (*parse)(const void *entry, struct acpi_info *info);
} madt_records[] = {
	{ 0, sizeof(struct madt_lapic), madt_lapic },
	{ 1, sizeof(struct madt_ioapic), madt_ioapic },
	{ 2, sizeof(struct madt_override), madt_override },
	{ 5, sizeof(struct madt_lapic_addr), madt_lapic_addr },
	{ 9, sizeof(struct madt_x2apic), madt_x2apic },
};

int acpi_parse_madt(const struct acpi_sdt *sdt, struct acpi_info *info)
{
	const struct madt *madt = (const void *)sdt;

	if (sdt->length < sizeof(*madt))
		return -EINVAL;
	info->lapic_addr = madt->lapic_addr;
	info->pcat_compat = madt->flags & MADT_PCAT_COMPAT;
	info->ncpus = 0;
	info->nioapics = 0;
	for (unsigned irq = 0; irq < ACPI_ISA_IRQS; irq++) {
		info->isa[irq].gsi = irq;		/* identity unless overridden */
		info->isa[irq].flags = 0;
	}

	const uint8_t *p = madt->entries;
	const uint8_t *end = (const uint8_t *)sdt + sdt->length;
	while (p + 2 <= end) {
		uint8_t type = p[0], len = p[1];
		if (len < 2 || p + len > end)
			return -EINVAL;
		for (size_t i = 0; i < ARRAY_SIZE(madt_records); i++)
			if (madt_records[i].type == type && len >= madt_records[i].min_len)
				madt_records[i].parse(p, info);
		p += len;
	}
	return 0;
}

/* ---- FADT ---- */

/* The 64-bit X_ form of a block when the FADT has one, else the 32-bit I/O port form. */
static struct acpi_gas fadt_block(uint32_t port, const struct acpi_gas *x, bool has_x)
{
	struct acpi_gas g = { .space = ACPI_SPACE_IO, .bit_width = 16, .address = port };

	if (has_x && x->address != 0)
		g = *x;
	return g;
}

int acpi_parse_fadt(const struct acpi_sdt *sdt, struct acpi_info *info)
{
	const struct fadt *f = (const void *)sdt;
	uint32_t len = sdt->length;

	if (!FADT_HAS(len, pm1b_cnt_blk))
		return -EINVAL;
	info->has_fadt = true;
	info->fadt_revision = sdt->revision;
	info->dsdt = f->dsdt;
	if (FADT_HAS(len, x_dsdt) && f->x_dsdt != 0)
		info->dsdt = f->x_dsdt;
	info->sci_irq = f->sci_int;
	info->smi_cmd = f->smi_cmd;
	info->acpi_enable = f->acpi_enable;
	info->pm1a_cnt = fadt_block(f->pm1a_cnt_blk, &f->x_pm1a_cnt_blk,
				    FADT_HAS(len, x_pm1a_cnt_blk));
	info->pm1b_cnt = fadt_block(f->pm1b_cnt_blk, &f->x_pm1b_cnt_blk,
				    FADT_HAS(len, x_pm1b_cnt_blk));
	info->century = FADT_HAS(len, century) ? f->century : 0;
	/* IAPC_BOOT_ARCH exists since ACPI 2.0 (FADT revision 3); in 1.0 the byte is reserved. */
	info->boot_flags = FADT_HAS(len, iapc_boot_arch) && sdt->revision >= 3 ?
			   f->iapc_boot_arch : 0;
	info->flags = FADT_HAS(len, flags) ? f->flags : 0;
	if (FADT_HAS(len, reset_value) && (info->flags & FADT_RESET_REG_SUP)) {
		info->reset_reg = f->reset_reg;
		info->reset_value = f->reset_value;
	}
	return 0;
}

/* ---- AML: the \_S5_ package ---- */

/*
 * One small integer data object at aml[*pos]: ZeroOp, OneOp, or a Byte/Word/DWord constant
 * (only the low byte matters: SLP_TYP is 3 bits). 0, or -EINVAL for anything else.
 */
static int aml_small_int(const uint8_t *aml, size_t len, size_t *pos, uint8_t *out)
{
	static const uint8_t prefix_len[] = { [0x0a] = 1, [0x0b] = 2, [0x0c] = 4 };
	size_t p = *pos;

	if (p >= len)
		return -EINVAL;
	if (aml[p] == 0x00 || aml[p] == 0x01) {		/* ZeroOp, OneOp */
		*out = aml[p];
		*pos = p + 1;
		return 0;
	}
	if (aml[p] < sizeof(prefix_len) && prefix_len[aml[p]] != 0) {
		if (p + 1 + prefix_len[aml[p]] > len)
			return -EINVAL;
		*out = aml[p + 1];
		*pos = p + 1 + prefix_len[aml[p]];
		return 0;
	}
	return -EINVAL;
}

/*
 * A PkgLength at aml[*pos]: bits 7:6 of the lead byte count the bytes that follow; with none, bits
 * 5:0 are the length, else bits 3:0 are its low nibble and each following byte adds 8 more bits.
 * The length counts the PkgLength bytes themselves. 0 with *pos past it, or -EINVAL.
 */
static int aml_pkg_length(const uint8_t *aml, size_t len, size_t *pos, size_t *pkg_len)
{
	size_t p = *pos;

	if (p >= len)
		return -EINVAL;
	unsigned follow = aml[p] >> 6;
	if (p + 1 + follow > len)
		return -EINVAL;
	size_t n = follow ? aml[p] & 0x0f : aml[p] & 0x3f;
	for (unsigned i = 0; i < follow; i++)
		n |= (size_t)aml[p + 1 + i] << (4 + 8 * i);
	*pkg_len = n;
	*pos = p + 1 + follow;
	return 0;
}

int acpi_aml_find_s5(const uint8_t *aml, size_t len, uint8_t *slp_typa, uint8_t *slp_typb)
{
	for (size_t i = 1; i + 4 < len; i++) {
		if (memcmp(aml + i, "_S5_", 4) != 0)
			continue;
		/* NameOp (0x08), optionally followed by the root prefix '\', then the name. */
		bool named = aml[i - 1] == 0x08 ||
			     (aml[i - 1] == '\\' && i >= 2 && aml[i - 2] == 0x08);
		size_t p = i + 4, pkg_len;
		if (!named || aml[p] != 0x12)		/* PackageOp */
			continue;
		size_t pkg_start = ++p;
		if (aml_pkg_length(aml, len, &p, &pkg_len) < 0 || pkg_start + pkg_len > len ||
		    p >= pkg_start + pkg_len)
			continue;
		size_t end = pkg_start + pkg_len;	/* the package must lie inside the table */
		size_t nelem = aml[p++];		/* NumElements */
		uint8_t a, b = 0;
		if (nelem == 0 || aml_small_int(aml, end, &p, &a) < 0)
			continue;
		if (nelem >= 2 && aml_small_int(aml, end, &p, &b) < 0)
			continue;
		*slp_typa = a;
		*slp_typb = b;
		return 0;
	}
	return -ENOENT;
}

/* ---- finding and mapping tables ---- */

/* A kernel address for physical [pa, pa+len): the direct map below 4 GiB, else a new mapping. */
static const void *acpi_map(uint64_t pa, size_t len)
{
	if (pa + len <= (4ULL << 30))
		return arch_phys_to_virt(pa);
	return arch_ioremap(pa, len);
}

/* Map a whole table given its physical address; NULL when its header is implausible. */
static const struct acpi_sdt *map_table(uint64_t pa)
{
	const struct acpi_sdt *h = acpi_map(pa, sizeof(*h));

	if (!h || h->length < sizeof(*h) || h->length > ACPI_MAX_TABLE_LEN)
		return NULL;
	h = acpi_map(pa, h->length);
	if (h && !acpi_checksum_ok(h, h->length))
		kprintf("acpi: table %.4s at %#lx has a bad checksum (used anyway)\n", h->signature,
			(unsigned long)pa);
	return h;
}

static void add_table(const struct acpi_sdt *t)
{
	if (t && ntables < ACPI_MAX_TABLES)
		tables[ntables++] = t;
}

const struct acpi_sdt *acpi_find_table(const char sig[4], int index)
{
	for (int i = 0; i < ntables; i++)
		if (memcmp(tables[i]->signature, sig, 4) == 0 && index-- == 0)
			return tables[i];
	return NULL;
}

/* Look for "RSD PTR " on a 16-byte boundary in [pa, pa+len) (BIOS machines only). */
static uint64_t scan_rsdp(uint64_t pa, size_t len)
{
	const char *p = acpi_map(pa, len);

	for (size_t off = 0; off + RSDP_V1_LEN <= len; off += 16)
		if (memcmp(p + off, "RSD PTR ", 8) == 0 && acpi_checksum_ok(p + off, RSDP_V1_LEN))
			return pa + off;
	return 0;
}

/* The RSDP: the boot loader's copy, else the BIOS areas (EBDA's first KiB, 0xe0000-0xfffff). */
static const struct rsdp *find_rsdp(void)
{
	uint64_t pa = boot_info.rsdp;

	if (!pa && !boot_info.efi) {
		uint64_t ebda = (uint64_t)*(const uint16_t *)acpi_map(0x40e, 2) << 4;
		if (ebda >= 0x80000 && ebda < 0xa0000)
			pa = scan_rsdp(ebda, 1024);
		if (!pa)
			pa = scan_rsdp(0xe0000, 0x20000);
	}
	if (!pa)
		return NULL;
	const struct rsdp *r = acpi_map(pa, sizeof(*r));
	if (memcmp(r->signature, "RSD PTR ", 8) != 0 || !acpi_checksum_ok(r, RSDP_V1_LEN))
		return NULL;
	if (r->revision >= 2 && (r->length < sizeof(*r) || !acpi_checksum_ok(r, sizeof(*r))))
		return NULL;
	return r;
}

/* Map the root table and every table it lists, plus the DSDT. */
static void map_all_tables(const struct rsdp *r)
{
	bool xsdt = r->revision >= 2 && r->xsdt != 0;
	const struct acpi_sdt *root = map_table(xsdt ? r->xsdt : r->rsdt);

	if (!root)
		return;
	size_t entry = xsdt ? 8 : 4;
	size_t n = (root->length - sizeof(*root)) / entry;
	const uint8_t *e = (const uint8_t *)(root + 1);
	for (size_t i = 0; i < n; i++) {
		uint64_t pa = 0;
		memcpy(&pa, e + i * entry, entry);	/* little endian: the low bytes first */
		if (pa)
			add_table(map_table(pa));
	}
}

/* Print "ABC   " as "ABC": OEM ids are space padded. */
static void copy_oem_id(char dst[7], const char src[6])
{
	memcpy(dst, src, 6);
	dst[6] = '\0';
	for (int i = 5; i >= 0 && (dst[i] == ' ' || dst[i] == '\0'); i--)
		dst[i] = '\0';
}

void acpi_init(void)
{
	const struct acpi_sdt *t;

	for (unsigned irq = 0; irq < ACPI_ISA_IRQS; irq++)
		acpi.isa[irq].gsi = irq;
	const struct rsdp *r = find_rsdp();
	if (!r) {
		kprintf("acpi: no RSDP: 1 CPU, no IOAPIC, no HPET assumed\n");
		return;
	}
	acpi.present = true;
	acpi.rsdp_revision = r->revision;
	copy_oem_id(acpi.oem_id, r->oem_id);
	map_all_tables(r);

	if ((t = acpi_find_table("APIC", 0)) && acpi_parse_madt(t, &acpi) < 0)
		kprintf("acpi: malformed MADT\n");
	if ((t = acpi_find_table("FACP", 0)) && acpi_parse_fadt(t, &acpi) < 0)
		kprintf("acpi: malformed FADT\n");
	if (acpi.dsdt) {
		const struct acpi_sdt *dsdt = map_table(acpi.dsdt);
		if (dsdt && memcmp(dsdt->signature, "DSDT", 4) == 0) {
			add_table(dsdt);
			acpi.has_s5 = acpi_aml_find_s5((const uint8_t *)(dsdt + 1),
						       dsdt->length - sizeof(*dsdt), &acpi.s5_typa,
						       &acpi.s5_typb) == 0;
		}
	}
	t = acpi_find_table("HPET", 0);
	if (t && t->length >= sizeof(struct hpet_table)) {
		const struct hpet_table *h = (const void *)t;
		if (h->base.space == ACPI_SPACE_MEMORY)
			acpi.hpet_addr = h->base.address;
	}

	kprintf("acpi: RSDP rev %d, OEM %s, %d CPU(s) in MADT, IOAPIC at %#lx, HPET %s\n",
		acpi.rsdp_revision, acpi.oem_id, acpi.ncpus,
		acpi.nioapics ? (unsigned long)acpi.ioapics[0].addr : 0UL,
		acpi.hpet_addr ? "yes" : "no");
}

/* CPUs the MADT lists as enabled; 1 when there is no MADT (the one running this code). */
int arch_cpu_count(void)
{
	return acpi.ncpus > 0 ? acpi.ncpus : 1;
}

/* ---- tests ---- */

KTEST(acpi, tables_found)
{
	KEXPECT(acpi.present);
	KEXPECT(acpi.oem_id[0] != '\0');
	KEXPECT(acpi_find_table("APIC", 0) != NULL);
	KEXPECT(acpi_find_table("FACP", 0) != NULL);
	KEXPECT(acpi_find_table("DSDT", 0) != NULL);
	KEXPECT(acpi_find_table("NIDO", 0) == NULL);
	for (int i = 0; i < ntables; i++)
		KEXPECT(acpi_checksum_ok(tables[i], tables[i]->length));
}

KTEST(acpi, madt_sane)
{
	KEXPECT(acpi.ncpus >= 1);
	KEXPECT_EQ(arch_cpu_count(), acpi.ncpus);
	KEXPECT(acpi.nioapics >= 1);
	KEXPECT(acpi.lapic_addr != 0);
	/* Every APIC id is listed once. */
	for (int i = 0; i < acpi.ncpus; i++)
		for (int j = i + 1; j < acpi.ncpus; j++)
			KEXPECT(acpi.apic_ids[i] != acpi.apic_ids[j]);
}

KTEST(acpi, dsdt_has_s5)
{
	const struct acpi_sdt *dsdt = acpi_find_table("DSDT", 0);
	uint8_t a = 0xff, b = 0xff;

	KEXPECT(dsdt != NULL);
	if (!dsdt)
		return;
	KEXPECT_EQ(acpi_aml_find_s5((const uint8_t *)(dsdt + 1), dsdt->length - sizeof(*dsdt),
				    &a, &b), 0);
	KEXPECT(a < 8 && b < 8);
	KEXPECT(acpi.pm1a_cnt.address != 0);
}

KTEST(acpi, aml_s5_encodings)
{
	/* Name(_S5_, Package(4){0x05, 0x05, Zero, Zero}) after some unrelated bytes. */
	static const uint8_t byteprefix[] = { 0x10, 0x42, 0x08, '_', 'S', '5', '_', 0x12, 0x08,
					      0x04, 0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00 };
	/* Name(\_S5_, Package(2){One, 0x0007}) with a two-byte PkgLength. */
	static const uint8_t rooted[] = { 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x47, 0x00,
					  0x02, 0x01, 0x0b, 0x07, 0x00 };
	/* "_S5_" inside a string, not a name: must not match. */
	static const uint8_t string[] = { 0x0d, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x00, 0x00 };
	uint8_t a = 0, b = 0;

	KEXPECT_EQ(acpi_aml_find_s5(byteprefix, sizeof(byteprefix), &a, &b), 0);
	KEXPECT_EQ(a, 5);
	KEXPECT_EQ(b, 5);
	KEXPECT_EQ(acpi_aml_find_s5(rooted, sizeof(rooted), &a, &b), 0);
	KEXPECT_EQ(a, 1);
	KEXPECT_EQ(b, 7);
	KEXPECT_EQ(acpi_aml_find_s5(string, sizeof(string), &a, &b), -ENOENT);
	KEXPECT_EQ(acpi_aml_find_s5(byteprefix, 13, &a, &b), -ENOENT);	/* cut short */
}
