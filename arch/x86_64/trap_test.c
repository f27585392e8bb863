/*
 * trap_test.c - tests of the trap machinery: the "traps" KTEST suite and the crash= option.
 *
 * The KTESTs check what can be checked from inside a running kernel without stopping it: the
 * CPU tables are the ones gdt.c/idt.c built, an interrupt saves and restores a frame, the
 * exception table resumes a faulting read at its fixup, user exceptions map to Linux's signals,
 * and addresses map back to function names. A kernel exception ends the kernel, so the report
 * itself is tested from outside: crash=KIND makes the kernel fault at the end of boot, and
 * tests/traps/crash-check boots each kind and compares the report with tests/traps/crash.expect.
 */
#include "kernel.h"
#include "cmdline.h"
#include "ktest.h"
#include "page.h"
#include "percpu.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/mman.h"
#include "uapi/signal.h"
#include <arch.h>
#include "trap.h"
#include "x86.h"
#include "x86_64.h"

/* ---- crash=KIND ---- */

KERNEL_PARAM(opt_crash, "crash",
	     "crash=ud|pf|de|gp|bp|stack: take that exception in the kernel at the end of boot, to "
	     "test the exception report (QEMU exits with status 3)");

/* An address nothing maps: above the kernel image's 1 GiB window, below the top 2 MiB. */
#define CRASH_PF_ADDR 0xffffffffdead0000UL

static volatile int crash_zero; /* volatile: the compiler may not see the 0 */
static volatile int crash_depth_limit = 1 << 30;

static __attribute__((noipa)) void crash_ud(void)
{
	__asm__ volatile("ud2");
}

static __attribute__((noipa)) void crash_pf(void)
{
	*(volatile uint64_t *)CRASH_PF_ADDR = 0x1234;
}

static __attribute__((noipa)) void crash_de(void)
{
	volatile int x = 1;

	x = x / crash_zero;
}

static __attribute__((noipa)) void crash_gp(void)
{
	(void)*(volatile uint64_t *)0x8000000000000000UL; /* not canonical */
}

static __attribute__((noipa)) void crash_bp(void)
{
	__asm__ volatile("int3");
}

/* Recurse until the stack runs into its guard page (the limit only keeps -Winfinite-recursion
 * quiet); the volatile array keeps every frame on the stack. */
static __attribute__((noipa)) int crash_recurse(int depth)
{
	volatile char frame[128];

	frame[0] = (char)depth;
	if (depth >= crash_depth_limit)
		return 0;
	return crash_recurse(depth + 1) + frame[0];
}

static void crash_recurse_from(void *arg)
{
	(void)arg;
	crash_recurse(0);
}

/* Overflow a guarded kernel stack (arch_kstack_alloc): the boot stack has no guard page. */
static __attribute__((noipa)) void crash_stack(void)
{
	uintptr_t top = arch_kstack_alloc();

	if (!top) {
		kprintf("nido: crash=stack: no memory for a kernel stack\n");
		return;
	}
	call_on_stack(top, crash_recurse_from, NULL);
}

static const struct {
	const char *name;
	void (*fn)(void);
} crashes[] = {
	{ "ud", crash_ud }, { "pf", crash_pf }, { "de", crash_de },
	{ "gp", crash_gp }, { "bp", crash_bp }, { "stack", crash_stack },
};

/*
 * Called at the end of boot: take the exception the command line's crash= option names. If none
 * happens (or the kind is unknown), the test has failed: stop with the test-failure status 1.
 */
void trap_crash_test(void)
{
	if (!opt_crash)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(crashes); i++) {
		if (strcmp(opt_crash, crashes[i].name) == 0) {
			kprintf("nido: crash=%s: faulting on purpose\n", opt_crash);
			crashes[i].fn();
			kprintf("nido: crash=%s: no exception happened\n", opt_crash);
			goto failed;
		}
	}
	kprintf("nido: crash=%s: unknown; one of ud pf de gp bp stack\n", opt_crash);
failed:
	arch_qemu_exit(1);
	arch_halt_forever();
}

/* ---- the "traps" suite ---- */

KTEST(traps, cpu_tables)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) gdtr;
	uint16_t tr, cs;

	__asm__ volatile("str %0" : "=r"(tr));
	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	__asm__ volatile("sgdt %0" : "=m"(gdtr));
	KEXPECT_EQ(tr, TSS_SEL);
	KEXPECT_EQ(cs, KERNEL_CS);
	KEXPECT_EQ(gdtr.limit, 7 * 8 - 1);
	KEXPECT(gdtr.base == (uintptr_t)this_cpu()->arch);
	for (int i = 1; i <= IST_COUNT; i++) {
		uint64_t top = gdt_tss_stack(i);
		KEXPECT(top >= KERNEL_VMA);
		KEXPECT_EQ(top & 15, 0);
		for (int j = 1; j < i; j++)
			KEXPECT(gdt_tss_stack(j) != top);
	}
}

KTEST(traps, set_kernel_stack)
{
	struct cpu *c = this_cpu();
	uint64_t old_rsp0 = gdt_tss_stack(0), old_top = c->kstack_top;

	arch_set_kernel_stack(0xffff800000123000UL);
	KEXPECT_EQ(gdt_tss_stack(0), 0xffff800000123000UL);
	KEXPECT_EQ(c->kstack_top, 0xffff800000123000UL);
	arch_set_kernel_stack(old_rsp0);
	c->kstack_top = old_top;
}

/* The "user's" GS base while the tests play user mode. */
#define USER_GS_MARK 0x00007f00000ab000UL

/* Vectors no device uses; the tests borrow them and put back what was there. */
#define TEST_VECTOR	      0x7e
#define TEST_VECTOR_UNCLAIMED 0x7d
#define TEST_RAX	      0x5a5a5a5a12345678UL

static struct {
	int calls;
	uint64_t vector, cs, error, rflags;
	uintptr_t pcs[16];
	int npcs;
} seen;

static void test_handler(struct trap_frame *tf)
{
	seen.calls++;
	seen.vector = tf->vector;
	seen.cs = tf->cs;
	seen.error = tf->error;
	seen.rflags = tf->rflags;
	seen.npcs = backtrace_collect((uintptr_t)__builtin_frame_address(0), seen.pcs, 16);
	tf->rax = TEST_RAX; /* the frame is what the interrupted code gets back */
}

KTEST(traps, interrupt_frame)
{
	vector_handler_t old = trap_get_handler(TEST_VECTOR);
	uint64_t rax = 1, rbx = 0xb0b0, rcx = 0xc0c0, rdx = 0xd0d0, rsi = 0x5151, rdi = 0xd1d1;
	uint64_t r8, r9, r10, r11;

	memset(&seen, 0, sizeof(seen));
	trap_set_handler(TEST_VECTOR, test_handler);
	{
		/* register variables live only in the asm: no call between setting and reading */
		register uint64_t xr8 __asm__("r8") = 0x8888;
		register uint64_t xr9 __asm__("r9") = 0x9999;
		register uint64_t xr10 __asm__("r10") = 0x1010;
		register uint64_t xr11 __asm__("r11") = 0x1111;
		__asm__ volatile("int %[v]"
				 : "+a"(rax), "+b"(rbx), "+c"(rcx), "+d"(rdx), "+S"(rsi), "+D"(rdi),
				   "+r"(xr8), "+r"(xr9), "+r"(xr10), "+r"(xr11)
				 : [v] "i"(TEST_VECTOR)
				 : "memory");
		r8 = xr8, r9 = xr9, r10 = xr10, r11 = xr11;
	}
	trap_set_handler(TEST_VECTOR, old);
	KEXPECT_EQ(seen.calls, 1);
	KEXPECT_EQ(seen.vector, TEST_VECTOR);
	KEXPECT_EQ(seen.cs, KERNEL_CS);
	KEXPECT_EQ(seen.error, 0);
	KEXPECT_EQ(rax, TEST_RAX);
	KEXPECT_EQ(rbx, 0xb0b0);
	KEXPECT_EQ(rcx, 0xc0c0);
	KEXPECT_EQ(rdx, 0xd0d0);
	KEXPECT_EQ(rsi, 0x5151);
	KEXPECT_EQ(rdi, 0xd1d1);
	KEXPECT_EQ(r8, 0x8888);
	KEXPECT_EQ(r9, 0x9999);
	KEXPECT_EQ(r10, 0x1010);
	KEXPECT_EQ(r11, 0x1111);

	/* The backtrace taken in the handler crosses the trap frame into this function. */
	int found = 0;
	for (int i = 0; i + 1 < seen.npcs; i++) {
		uintptr_t off;
		const char *name;
		if (seen.pcs[i] != ksyms_address("trap_dispatch_return"))
			continue;
		name = ksyms_lookup(seen.pcs[i + 1], &off);
		found = name && strcmp(name, "ktest_traps_interrupt_frame") == 0;
	}
	KEXPECT(found);
}

static unsigned long round_trips;

static void count_handler(struct trap_frame *tf)
{
	(void)tf;
	round_trips++;
}

/*
 * 1000 software interrupts through the whole path (stub, frame, dispatch, handler, trap_return,
 * iretq): every one reaches the handler. Prints the cheapest round trip in TSC cycles (under
 * QEMU -icount: guest instructions) as the measurement behind docs and commit messages.
 */
KTEST(traps, interrupt_round_trip)
{
	vector_handler_t old = trap_get_handler(TEST_VECTOR);
	uint64_t best = ~0ULL;

	round_trips = 0;
	trap_set_handler(TEST_VECTOR, count_handler);
	for (int i = 0; i < 1000; i++) {
		uint64_t t0 = rdtsc();
		__asm__ volatile("int %0" : : "i"(TEST_VECTOR) : "memory");
		uint64_t t = rdtsc() - t0;
		best = t < best ? t : best;
	}
	trap_set_handler(TEST_VECTOR, old);
	KEXPECT_EQ(round_trips, 1000);
	kprintf("# int $0x%x round trip: %lu cycles at best\n", TEST_VECTOR, best);
}

/*
 * The paranoid entry (NMI, #DF, #MC) cannot trust CS to tell whose GS is loaded. `int $2` enters
 * through the NMI gate (IST2), once with the kernel's GS and once right after a swapgs, as if the
 * NMI had hit the syscall entry before its own swapgs: the handler's this_cpu() must work both
 * times (it would fault on the user GS base otherwise), and each exit must leave GS as it was.
 */
KTEST(traps, nmi_paranoid_gs)
{
	unsigned long flags = arch_irq_save();
	uint64_t old_user_gs = rdmsr(MSR_KERNEL_GS_BASE);
	unsigned long before = trap_nmi_count();

	wrmsr(MSR_KERNEL_GS_BASE, USER_GS_MARK);
	__asm__ volatile("int $2" : : : "memory");
	__asm__ volatile("swapgs; int $2; swapgs" : : : "memory");
	KEXPECT_EQ(trap_nmi_count() - before, 2);
	KEXPECT_EQ(rdmsr(MSR_GS_BASE), (uintptr_t)this_cpu());
	KEXPECT_EQ(rdmsr(MSR_KERNEL_GS_BASE), USER_GS_MARK);
	wrmsr(MSR_KERNEL_GS_BASE, old_user_gs);
	arch_irq_restore(flags);
}

KTEST(traps, unclaimed_vector)
{
	vector_handler_t old = trap_get_handler(TEST_VECTOR_UNCLAIMED);
	unsigned long before;

	trap_set_handler(TEST_VECTOR_UNCLAIMED, NULL);
	before = trap_unhandled_count();
	__asm__ volatile("int %0" : : "i"(TEST_VECTOR_UNCLAIMED) : "memory");
	__asm__ volatile("int %0" : : "i"(TEST_VECTOR_UNCLAIMED) : "memory");
	KEXPECT_EQ(trap_unhandled_count() - before, 2);
	trap_set_handler(TEST_VECTOR_UNCLAIMED, old);
}

KTEST(traps, extable_synthetic_frame)
{
	extern const uint64_t __ex_table_start[], __ex_table_end[];
	struct trap_frame tf;

	memset(&tf, 0, sizeof(tf));
	KEXPECT(__ex_table_end - __ex_table_start >= 2); /* safe_read_u64's entry at least */
	for (const uint64_t *e = __ex_table_start; e + 1 < __ex_table_end; e += 2) {
		tf.rip = e[0];
		KEXPECT_EQ(extable_fixup(&tf), 1);
		KEXPECT_EQ(tf.rip, e[1]);
	}
	tf.rip = (uintptr_t)ksyms_lookup;
	KEXPECT_EQ(extable_fixup(&tf), 0);
	KEXPECT_EQ(tf.rip, (uintptr_t)ksyms_lookup);
}

KTEST(traps, safe_read_faults_and_resumes)
{
	static const uint64_t value = 0x0123456789abcdefUL;
	uint64_t out = 0;

	KEXPECT_EQ(safe_read_u64((uintptr_t)&value, &out), 0);
	KEXPECT_EQ(out, value);
	out = 7;
	KEXPECT_EQ(safe_read_u64(0x8000000000000000UL, &out), -1); /* #GP: not canonical */
	KEXPECT_EQ(out, 7);
	KEXPECT_EQ(safe_read_u64(CRASH_PF_ADDR, &out), -1); /* #PF: not mapped */
	KEXPECT_EQ(out, 7);
}

KTEST(traps, user_exception_signals)
{
	static const struct {
		uint64_t vector;
		int sig, code;
		bool at_rip;
	} want[] = {
		{ 0, SIGFPE, FPE_INTDIV, true },   { 1, SIGTRAP, TRAP_TRACE, true },
		{ 3, SIGTRAP, SI_KERNEL, false },  { 6, SIGILL, ILL_ILLOPN, true },
		{ 7, SIGSEGV, SI_KERNEL, false },  { 11, SIGBUS, SI_KERNEL, false },
		{ 12, SIGBUS, SI_KERNEL, false },  { 13, SIGSEGV, SI_KERNEL, false },
		{ 17, SIGBUS, BUS_ADRALN, false }, { 31, SIGSEGV, SI_KERNEL, false },
	};
	struct trap_frame tf;
	int sig, code;
	uintptr_t addr;

	memset(&tf, 0, sizeof(tf));
	tf.rip = 0x401234;
	tf.cs = USER_CS;
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		tf.vector = want[i].vector;
		sig = code = -1;
		addr = 1;
		KEXPECT(trap_user_signal(&tf, &sig, &code, &addr));
		KEXPECT_EQ(sig, want[i].sig);
		KEXPECT_EQ(code, want[i].code);
		KEXPECT_EQ(addr, want[i].at_rip ? tf.rip : 0);
	}
	tf.vector = 8;
	KEXPECT(!trap_user_signal(&tf, &sig, &code, &addr)); /* #DF: fatal */
	tf.vector = 18;
	KEXPECT(!trap_user_signal(&tf, &sig, &code, &addr)); /* #MC: fatal */

	trap_page_fault_signal(-EFAULT, &sig, &code);
	KEXPECT_EQ(sig, SIGSEGV);
	KEXPECT_EQ(code, SEGV_MAPERR);
	trap_page_fault_signal(-EACCES, &sig, &code);
	KEXPECT_EQ(sig, SIGSEGV);
	KEXPECT_EQ(code, SEGV_ACCERR);
}

KTEST(traps, ksyms_lookup)
{
	extern const struct ksym ksyms_table[];
	uintptr_t self = (uintptr_t)ktest_traps_ksyms_lookup, off = 99;
	const char *name;

	KEXPECT(ksyms_size() > 50);
	for (unsigned int i = 1; i < ksyms_size(); i++)
		KEXPECT(ksyms_table[i - 1].addr < ksyms_table[i].addr);
	name = ksyms_lookup(self, &off);
	KEXPECT(name && strcmp(name, "ktest_traps_ksyms_lookup") == 0);
	KEXPECT_EQ(off, 0);
	name = ksyms_lookup(self + 5, &off);
	KEXPECT(name && strcmp(name, "ktest_traps_ksyms_lookup") == 0);
	KEXPECT_EQ(off, 5);
	name = ksyms_lookup((uintptr_t)kprintf, &off);
	KEXPECT(name && strcmp(name, "kprintf") == 0);
	KEXPECT_EQ(ksyms_address("kprintf"), (uintptr_t)kprintf);
	KEXPECT_EQ(ksyms_address("no_such_function"), 0);
	KEXPECT(ksyms_lookup((uintptr_t)&crash_zero, &off) == NULL); /* data, not text */
}

KTEST(traps, ksyms_search_edges)
{
	static const struct ksym table[] = { { 0x1000, 0 }, { 0x1010, 2 }, { 0x1020, 4 } };
	static const char names[] = "a\0b\0c";
	uintptr_t off = 99;
	const char *n;

	KEXPECT(ksyms_search(table, 3, names, 0x1030, 0xfff, &off) == NULL);
	n = ksyms_search(table, 3, names, 0x1030, 0x1000, &off);
	KEXPECT(n && strcmp(n, "a") == 0 && off == 0);
	n = ksyms_search(table, 3, names, 0x1030, 0x100f, &off);
	KEXPECT(n && strcmp(n, "a") == 0 && off == 15);
	n = ksyms_search(table, 3, names, 0x1030, 0x1010, &off);
	KEXPECT(n && strcmp(n, "b") == 0 && off == 0);
	n = ksyms_search(table, 3, names, 0x1030, 0x102f, &off);
	KEXPECT(n && strcmp(n, "c") == 0 && off == 15);
	KEXPECT(ksyms_search(table, 3, names, 0x1030, 0x1030, &off) == NULL);
	KEXPECT(ksyms_search(table, 0, names, 0x1030, 0x1000, &off) == NULL);
	n = ksyms_search(table, 1, names, 0x1030, 0x1025, &off); /* one entry: up to end */
	KEXPECT(n && strcmp(n, "a") == 0 && off == 0x25);
}

static __attribute__((noipa)) int bt_inner(uintptr_t *pcs, int max)
{
	int n = backtrace_collect((uintptr_t)__builtin_frame_address(0), pcs, max);

	__asm__ volatile("" : : : "memory"); /* not a tail call: keep this frame */
	return n;
}

static __attribute__((noipa)) int bt_outer(uintptr_t *pcs, int max)
{
	int n = bt_inner(pcs, max);

	__asm__ volatile("" : : : "memory");
	return n;
}

KTEST(traps, backtrace_names)
{
	static const char *const want[] = { "bt_outer", "ktest_traps_backtrace_names" };
	uintptr_t pcs[8], off;
	int n = bt_outer(pcs, 8);

	KEXPECT(n >= 3); /* bt_outer, this test, the test runner, ... */
	for (int i = 0; i < n && i < (int)ARRAY_SIZE(want); i++) {
		const char *name = ksyms_lookup(pcs[i] - 1, &off);
		if (!name || strcmp(name, want[i]) != 0)
			kprintf("#   frame %d is %s, want %s\n", i, name ? name : "?", want[i]);
		KEXPECT(name && strcmp(name, want[i]) == 0);
	}
}

/*
 * Ring 3 for real: run a few instructions in user mode, each of which the CPU refuses, and check
 * what the kernel sees: the frame lands at the top of the TSS.rsp0 stack with the user's CS, SS
 * and rsp, GS was swapped (the handler's this_cpu() works, the user's GS base waits in
 * KERNEL_GS_BASE), and the exception maps to Linux's signal. The hook then turns the frame into
 * a kernel frame that resumes the test (user_test_resume), so no thread or signal code is needed.
 * Interrupts stay off in user mode (RFLAGS.IF = 0) so that only the exception under test enters.
 */
void user_test_enter(const struct trap_frame *tf, uint64_t *saved_rsp);
extern const char user_test_resume[];
extern void (*trap_user_fault_hook)(struct trap_frame *tf, int sig, int code, uintptr_t addr);

#define PAGE_SIZE     4096UL
#define USER_CODE_VA  0x400000UL
#define USER_STACK_VA 0x7fff0000UL

enum { ADDR_ZERO, ADDR_RIP, ADDR_CR2 };

static const struct user_case {
	const char *name;
	uint8_t insn[10]; /* at USER_CODE_VA; "kernel read" gets its address patched in */
	uint64_t vector, error;
	uint64_t error_mask; /* the error-code bits checked */
	int sig, code, addr;
	uint64_t rip_off; /* where tf->rip points, from USER_CODE_VA */
} user_cases[] = {
	{ "ud2", { 0x0f, 0x0b }, 6, 0, ~0UL, SIGILL, ILL_ILLOPN, ADDR_RIP, 0 },
	{ "int3", { 0xcc }, 3, 0, ~0UL, SIGTRAP, SI_KERNEL, ADDR_ZERO, 1 },
	{ "div by 0", { 0x31, 0xc9, 0xf7, 0xf1 }, 0, 0, ~0UL, SIGFPE, FPE_INTDIV, ADDR_RIP, 2 },
	{ "hlt", { 0xf4 }, 13, 0, ~0UL, SIGSEGV, SI_KERNEL, ADDR_ZERO, 0 },
	/* #GP naming an IDT entry (bit 1); QEMU scales the index by 16 in long mode, so only the
	 * low bits are checked */
	{ "int 0x80", { 0xcd, 0x80 }, 13, 2, 7, SIGSEGV, SI_KERNEL, ADDR_ZERO, 0 },
	/* a user read of a present kernel page: P | U, not a write */
	{ "kernel read", { 0x48, 0xa1 }, 14, 0x5, ~0UL, SIGSEGV, SEGV_MAPERR, ADDR_CR2, 0 },
};

static struct {
	uint64_t saved_rsp;
	int calls;
	struct trap_frame tf;
	uintptr_t frame_addr;
	int sig, code;
	uintptr_t addr;
	uint64_t user_gs;
	bool kernel_gs;
} ur;

static void user_fault_hook(struct trap_frame *tf, int sig, int code, uintptr_t addr)
{
	ur.calls++;
	ur.tf = *tf;
	ur.frame_addr = (uintptr_t)tf;
	ur.sig = sig, ur.code = code, ur.addr = addr;
	ur.user_gs = rdmsr(MSR_KERNEL_GS_BASE);
	ur.kernel_gs = rdmsr(MSR_GS_BASE) == (uintptr_t)this_cpu() &&
		       this_cpu()->self == this_cpu();

	tf->cs = KERNEL_CS;
	tf->ss = KERNEL_DS;
	tf->rip = (uintptr_t)user_test_resume;
	tf->rsp = ur.saved_rsp;
	tf->rflags = 0x2;
}

/* Run one case in the address space `root`; the kernel stack top `ktop` receives the frame. */
static void run_user_case(const struct user_case *c, uint8_t *code, uint64_t root, uintptr_t ktop)
{
	struct trap_frame tf;
	struct cpu *cpu = this_cpu();

	memset(code, 0xcc, PAGE_SIZE);
	memcpy(code, c->insn, sizeof(c->insn));
	if (c->addr == ADDR_CR2) { /* movabs rax, [&ur]: a present kernel page */
		uint64_t target = (uintptr_t)&ur;
		memcpy(code + 2, &target, 8);
	}
	memset(&tf, 0, sizeof(tf));
	tf.rip = USER_CODE_VA;
	tf.cs = USER_CS;
	tf.ss = USER_DS;
	tf.rsp = USER_STACK_VA + PAGE_SIZE;
	tf.rflags = 0x2; /* IF off: nothing but the exception enters */
	memset(&ur, 0, sizeof(ur));

	unsigned long flags = arch_irq_save();
	uint64_t old_cr3 = read_cr3(), old_user_gs = rdmsr(MSR_KERNEL_GS_BASE);
	uint64_t old_rsp0 = gdt_tss_stack(0), old_ktop = cpu->kstack_top;
	arch_uvm_activate(root);
	wrmsr(MSR_KERNEL_GS_BASE, USER_GS_MARK);
	arch_set_kernel_stack(ktop);
	trap_user_fault_hook = user_fault_hook;
	user_test_enter(&tf, &ur.saved_rsp);
	trap_user_fault_hook = NULL;
	arch_set_kernel_stack(old_rsp0);
	cpu->kstack_top = old_ktop;
	wrmsr(MSR_KERNEL_GS_BASE, old_user_gs);
	write_cr3(old_cr3);
	arch_irq_restore(flags);

	uintptr_t want_addr = c->addr == ADDR_RIP ? USER_CODE_VA + c->rip_off :
			      c->addr == ADDR_CR2 ? (uintptr_t)&ur :
						    0;
	kprintf("# user mode: %s -> vector %lu, signal %d code %d\n", c->name, ur.tf.vector, ur.sig,
		ur.code);
	KEXPECT_EQ(ur.calls, 1);
	KEXPECT_EQ(ur.tf.vector, c->vector);
	KEXPECT_EQ(ur.tf.error & c->error_mask, c->error);
	KEXPECT_EQ(ur.tf.rip, USER_CODE_VA + c->rip_off);
	KEXPECT_EQ(ur.tf.cs, USER_CS);
	KEXPECT_EQ(ur.tf.ss, USER_DS);
	KEXPECT_EQ(ur.tf.rsp, USER_STACK_VA + PAGE_SIZE);
	KEXPECT_EQ(ur.frame_addr, ktop - TRAP_FRAME_SIZE); /* landed on TSS.rsp0 */
	KEXPECT(ur.kernel_gs);
	KEXPECT_EQ(ur.user_gs, USER_GS_MARK);
	KEXPECT_EQ(ur.sig, c->sig);
	KEXPECT_EQ(ur.code, c->code);
	KEXPECT_EQ(ur.addr, want_addr);
}

KTEST(traps, user_mode_exceptions)
{
	uint8_t *code = page_alloc_zeroed(), *stack = page_alloc_zeroed();
	uint64_t root = arch_uvm_create();
	uintptr_t ktop = arch_kstack_alloc();

	KEXPECT(code && stack && root && ktop);
	if (!code || !stack || !root || !ktop)
		goto out;
	KEXPECT_EQ(arch_uvm_map(root, USER_CODE_VA, arch_virt_to_phys(code), PROT_READ | PROT_EXEC),
		   0);
	KEXPECT_EQ(arch_uvm_map(root, USER_STACK_VA, arch_virt_to_phys(stack),
				PROT_READ | PROT_WRITE),
		   0);
	for (size_t i = 0; i < ARRAY_SIZE(user_cases); i++)
		run_user_case(&user_cases[i], code, root, ktop);
	arch_uvm_unmap(root, USER_CODE_VA);
	arch_uvm_unmap(root, USER_STACK_VA);
out:
	if (root)
		arch_uvm_destroy(root);
	if (ktop)
		arch_kstack_free(ktop);
	if (stack)
		page_free(stack);
	if (code)
		page_free(code);
}
