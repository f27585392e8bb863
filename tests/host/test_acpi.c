/*
 * test_acpi.c - the ACPI table parsers of arch/x86_64/acpi.c on synthetic tables.
 *
 * MADT (enabled and disabled CPUs, x2APIC entries, IOAPICs, interrupt source overrides, a
 * truncated record), FADT (old short tables and ACPI 2.0+ ones with X_ fields and a reset
 * register), and the \_S5_ scan over AML in the encodings firmware really uses.
 */
// SOURCES: arch/x86_64/acpi.c tests/host/stubs.c
// CFLAGS: -Iarch/x86_64/include
#include <string.h>
#include "check.h"
#include "stubs.h"

#include "boot.h"
#include "acpi.h"
#include "uapi/errno.h"

/* What acpi.c needs from the rest of the kernel; acpi_init() itself is not run here. */
struct boot_info boot_info;
void *arch_ioremap(uint64_t pa, size_t len)
{
	(void)pa;
	(void)len;
	return NULL;
}
void ktest_fail(const char *file, int line, const char *expr)
{
	(void)file;
	(void)line;
	(void)expr;
}

static uint8_t buf[1024];
static size_t buflen;

static void put(const void *p, size_t n)
{
	memcpy(buf + buflen, p, n);
	buflen += n;
}

static void put8(uint8_t v) { put(&v, 1); }
static void put16(uint16_t v) { put(&v, 2); }
static void put32(uint32_t v) { put(&v, 4); }

/* Start a table: a 36-byte header whose length is fixed up by finish(). */
static void start(const char *sig, uint8_t revision)
{
	memset(buf, 0, sizeof(buf));
	buflen = 0;
	struct acpi_sdt h = { .revision = revision };
	memcpy(h.signature, sig, 4);
	memcpy(h.oem_id, "NIDO  ", 6);
	put(&h, sizeof(h));
}

static const struct acpi_sdt *finish(void)
{
	struct acpi_sdt *h = (struct acpi_sdt *)buf;
	uint8_t sum = 0;

	h->length = (uint32_t)buflen;
	h->checksum = 0;
	for (size_t i = 0; i < buflen; i++)
		sum += buf[i];
	h->checksum = (uint8_t)-sum;
	return h;
}

static void madt_lapic(uint8_t apic_id, uint32_t flags)
{
	put8(0), put8(8), put8(apic_id), put8(apic_id), put32(flags);
}

static void madt_override(uint8_t irq, uint32_t gsi, uint16_t flags)
{
	put8(2), put8(10), put8(0), put8(irq), put32(gsi), put16(flags);
}

static void test_madt(void)
{
	struct acpi_info info;

	memset(&info, 0, sizeof(info));
	start("APIC", 3);
	put32(0xfee00000), put32(1);			/* LAPIC address, PCAT_COMPAT */
	madt_lapic(0, 1);
	madt_lapic(1, 0);				/* disabled: not counted */
	madt_lapic(2, 1);
	put8(1), put8(12), put8(4), put8(0), put32(0xfec00000), put32(0);	/* IOAPIC 4 */
	madt_override(0, 2, 0);				/* the PIT's IRQ 0 on GSI 2 */
	madt_override(9, 9, 0xd);			/* SCI: level, active high */
	madt_override(17, 5, 0);			/* not an ISA line: ignored */
	put8(4), put8(6), put8(0xff), put16(5), put8(1);	/* LAPIC NMI: skipped */
	put8(9), put8(16), put16(0), put32(300), put32(1), put32(7);	/* x2APIC id 300 */
	const struct acpi_sdt *t = finish();

	CHECK(acpi_checksum_ok(t, t->length));
	CHECK_EQ(acpi_parse_madt(t, &info), 0);
	CHECK_EQ(info.ncpus, 3);
	CHECK_EQ(info.apic_ids[0], 0);
	CHECK_EQ(info.apic_ids[1], 2);
	CHECK_EQ(info.apic_ids[2], 300);
	CHECK_EQ(info.lapic_addr, 0xfee00000);
	CHECK(info.pcat_compat);
	CHECK_EQ(info.nioapics, 1);
	CHECK_EQ(info.ioapics[0].id, 4);
	CHECK_EQ(info.ioapics[0].addr, 0xfec00000);
	CHECK_EQ(info.isa[0].gsi, 2);
	CHECK_EQ(info.isa[1].gsi, 1);			/* identity when not overridden */
	CHECK_EQ(info.isa[1].flags, 0);
	CHECK_EQ(info.isa[9].flags & MPS_TRIGGER_MASK, MPS_TRIGGER_LEVEL);

	/* A record running past the end of the table is an error, not a wild read. */
	start("APIC", 3);
	put32(0xfee00000), put32(0);
	madt_lapic(0, 1);
	put8(1), put8(40);
	CHECK_EQ(acpi_parse_madt(finish(), &info), -EINVAL);
	/* So is a record of length 0 (it would loop forever). */
	start("APIC", 3);
	put32(0xfee00000), put32(0);
	put8(0), put8(0), put16(0);
	CHECK_EQ(acpi_parse_madt(finish(), &info), -EINVAL);
}

static void test_madt_cpu_limit(void)
{
	struct acpi_info info;

	memset(&info, 0, sizeof(info));
	start("APIC", 3);
	put32(0xfee00000), put32(0);
	for (int i = 0; i < MAX_CPUS + 4; i++)
		madt_lapic((uint8_t)i, 1);
	CHECK_EQ(acpi_parse_madt(finish(), &info), 0);
	CHECK_EQ(info.ncpus, MAX_CPUS);
}

/* A FADT of the given revision and length with the fields QEMU's q35 machine fills in. */
static const struct acpi_sdt *make_fadt(uint8_t revision, size_t len)
{
	start("FACP", revision);
	memset(buf + buflen, 0, len - buflen);
	buflen = len;
	uint32_t v32;
	v32 = 0x7ffe0040, memcpy(buf + 40, &v32, 4);		/* DSDT */
	buf[46] = 9;						/* SCI_INT */
	v32 = 0xb2, memcpy(buf + 48, &v32, 4);			/* SMI_CMD */
	buf[52] = 0xf1;						/* ACPI_ENABLE */
	v32 = 0x604, memcpy(buf + 64, &v32, 4);			/* PM1a_CNT_BLK */
	buf[89] = 2;
	buf[108] = 0x32;					/* CENTURY */
	if (len >= 129) {
		buf[109] = 0x02;				/* IAPC_BOOT_ARCH: 8042 */
		v32 = 1u << 10, memcpy(buf + 112, &v32, 4);	/* RESET_REG_SUP */
		struct acpi_gas reset = { .space = ACPI_SPACE_IO, .bit_width = 8,
					  .address = 0xcf9 };
		memcpy(buf + 116, &reset, sizeof(reset));
		buf[128] = 0x06;
	}
	if (len >= 148) {
		uint64_t x_dsdt = 0x17ffe0040ULL;
		memcpy(buf + 140, &x_dsdt, 8);
	}
	return finish();
}

static void test_fadt(void)
{
	struct acpi_info info;

	/* ACPI 1.0: 116 bytes, no reset register, no X_ fields. */
	memset(&info, 0, sizeof(info));
	CHECK_EQ(acpi_parse_fadt(make_fadt(1, 116), &info), 0);
	CHECK(info.has_fadt);
	CHECK_EQ(info.dsdt, 0x7ffe0040);
	CHECK_EQ(info.pm1a_cnt.space, ACPI_SPACE_IO);
	CHECK_EQ(info.pm1a_cnt.address, 0x604);
	CHECK_EQ(info.pm1b_cnt.address, 0);
	CHECK_EQ(info.smi_cmd, 0xb2);
	CHECK_EQ(info.acpi_enable, 0xf1);
	CHECK_EQ(info.century, 0x32);
	CHECK_EQ(info.sci_irq, 9);
	CHECK_EQ(info.boot_flags, 0);		/* reserved in revision 1 */
	CHECK_EQ(info.flags & FADT_RESET_REG_SUP, 0);

	/* ACPI 2.0+: the X_DSDT wins, the reset register is there. */
	memset(&info, 0, sizeof(info));
	CHECK_EQ(acpi_parse_fadt(make_fadt(3, 244), &info), 0);
	CHECK_EQ(info.dsdt, 0x17ffe0040ULL);
	CHECK_EQ(info.boot_flags & FADT_BOOT_8042, FADT_BOOT_8042);
	CHECK(info.flags & FADT_RESET_REG_SUP);
	CHECK_EQ(info.reset_reg.space, ACPI_SPACE_IO);
	CHECK_EQ(info.reset_reg.address, 0xcf9);
	CHECK_EQ(info.reset_value, 6);
	CHECK_EQ(info.pm1a_cnt.address, 0x604);	/* X_PM1a_CNT_BLK is 0: the port form stays */

	/* Too short to hold the PM1 control blocks. */
	memset(&info, 0, sizeof(info));
	CHECK_EQ(acpi_parse_fadt(make_fadt(1, 60), &info), -EINVAL);
	CHECK(!info.has_fadt);
}

static void test_s5(void)
{
	uint8_t a, b;
	/* QEMU: Name(_S5_, Package(4){Zero, Zero, Zero, Zero}) inside a scope. */
	static const uint8_t qemu[] = { 0x10, 0x0f, '\\', '_', 'S', 'B', '_', 0x08, '_', 'S', '5',
					'_', 0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00 };
	/* Real firmware: Name(\_S5_, Package(4){0x07, 0x07, 0, 0}) with BytePrefix. */
	static const uint8_t rooted[] = { 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0a,
					  0x07, 0x0a, 0x07, 0x00, 0x00 };
	/* A 3-byte PkgLength (lead byte 0x80 | ...) and a DWord element. */
	static const uint8_t long_pkg[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x89, 0x00, 0x00,
					    0x01, 0x0c, 0x05, 0x00, 0x00, 0x00 };
	/* A method called _S5_ is not the package; the package after it is. */
	static const uint8_t method_first[] = { 0x14, 0x08, '_', 'S', '5', '_', 0x00, 0xa4,
						0x00, 0x08, '_', 'S', '5', '_', 0x12, 0x04,
						0x02, 0x01, 0x01 };

	a = b = 0xff;
	CHECK_EQ(acpi_aml_find_s5(qemu, sizeof(qemu), &a, &b), 0);
	CHECK_EQ(a, 0);
	CHECK_EQ(b, 0);
	CHECK_EQ(acpi_aml_find_s5(rooted, sizeof(rooted), &a, &b), 0);
	CHECK_EQ(a, 7);
	CHECK_EQ(b, 7);
	CHECK_EQ(acpi_aml_find_s5(long_pkg, sizeof(long_pkg), &a, &b), 0);
	CHECK_EQ(a, 5);
	CHECK_EQ(b, 0);				/* one element: PM1b's value defaults to 0 */
	CHECK_EQ(acpi_aml_find_s5(method_first, sizeof(method_first), &a, &b), 0);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, 1);
	/* A package its PkgLength says runs past the table is not used. */
	CHECK_EQ(acpi_aml_find_s5(rooted, sizeof(rooted) - 1, &a, &b), -ENOENT);
	/* Every truncation of a valid package fails cleanly (ASan checks the reads). */
	for (size_t n = 0; n < sizeof(rooted); n++)
		CHECK_EQ(acpi_aml_find_s5(rooted, n, &a, &b), -ENOENT);
	CHECK_EQ(acpi_aml_find_s5(qemu, 0, &a, &b), -ENOENT);
}

static void test_checksum(void)
{
	const struct acpi_sdt *t = make_fadt(3, 244);

	CHECK(acpi_checksum_ok(t, t->length));
	buf[100] ^= 1;
	CHECK(!acpi_checksum_ok(t, t->length));
}

int main(void)
{
	RUN(test_madt);
	RUN(test_madt_cpu_limit);
	RUN(test_fadt);
	RUN(test_s5);
	RUN(test_checksum);
	return check_summary();
}
