/*
 * trap.c - what the kernel does when the CPU stops what it was doing: exceptions and interrupts.
 *
 * Every interrupt, exception and NMI arrives at trap_dispatch() with a struct trap_frame built by
 * isr.asm. What happens next depends on two questions: which vector, and whether the CPU was
 * running a user program (the saved CS has RPL 3) or the kernel.
 *
 *   vectors 32..255  hardware interrupts and IPIs: the handler registered for the vector with
 *                    trap_set_handler() runs (the irq/timer code registers them and sends EOIs).
 *   user exception   the program did something the CPU refused. A page fault may just mean the
 *                    page is not there yet: vm_user_fault() fixes that and the instruction is
 *                    retried. Anything else becomes a signal for the thread, chosen from the
 *                    table below by the rules Linux follows, so programs see the same signals
 *                    and si_codes as on Linux.
 *   kernel exception the kernel itself faulted. The one legitimate case is a uaccess routine
 *                    (copy_from_user, ...) touching a user address: it is listed in the
 *                    exception table, so the page is faulted in or the routine resumes at its
 *                    fixup and returns -EFAULT. Every other kernel exception, a breakpoint
 *                    included, is a kernel bug: it is reported (registers, a symbolized backtrace)
 *                    and the machine stops; under tools/qemu-run QEMU exits with status 3.
 *
 * The report is also what a kernel stack overflow looks like: the overflow hits the guard page
 * below the stack, the CPU cannot push the page-fault frame there and raises a double fault,
 * which runs on its own IST stack (gdt.c) and says "kernel stack overflow?".
 */
#include "kernel.h"
#include "percpu.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include <arch.h>
#include "trap.h"
#include "x86.h"
#include "x86_64.h"

#define RFLAGS_IF (1UL << 9)
#define PAGE_SIZE 4096UL

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PRESENT  (1u << 0) /* 0: page not present; 1: protection violation */
#define PF_WRITE    (1u << 1)
#define PF_USER	    (1u << 2)
#define PF_RESERVED (1u << 3)
#define PF_INSN	    (1u << 4)

/* ---- the exceptions, as data ---- */

static int fpu_x87_code(void);
static int fpu_simd_code(void);

/*
 * One row per exception vector: its name, and the signal a user program gets for it. The
 * choices are Linux's (arch/x86/kernel/traps.c): si_code SI_KERNEL where Linux sends a plain
 * force_sig(), si_addr = the faulting instruction where Linux passes regs->ip. #NP and #SS give
 * SIGBUS there, not SIGSEGV. #NM cannot happen (the FPU is never disabled); Linux kills the task
 * with SIGSEGV if it does. The floating-point errors compute their si_code from the FPU status
 * (code_fn); 0 from it means the exception was spurious and no signal is sent. Rows with sig 0
 * are fatal wherever they come from. NMI (2) and #PF (14) are handled by code of their own.
 */
static const struct exception {
	const char *mnemonic;
	const char *name;
	int sig;
	int code;
	bool addr_is_rip;
	int (*code_fn)(void);
} exceptions[32] = {
	[0] = { "#DE", "divide error", SIGFPE, FPE_INTDIV, true, NULL },
	[1] = { "#DB", "debug", SIGTRAP, TRAP_TRACE, true, NULL },
	[2] = { "NMI", "non-maskable interrupt", 0, 0, false, NULL },
	[3] = { "#BP", "breakpoint", SIGTRAP, SI_KERNEL, false, NULL },
	[4] = { "#OF", "overflow", SIGSEGV, SI_KERNEL, false, NULL },
	[5] = { "#BR", "bound range exceeded", SIGSEGV, SI_KERNEL, false, NULL },
	[6] = { "#UD", "invalid opcode", SIGILL, ILL_ILLOPN, true, NULL },
	[7] = { "#NM", "device not available", SIGSEGV, SI_KERNEL, false, NULL },
	[8] = { "#DF", "double fault", 0, 0, false, NULL },
	[9] = { "CSO", "coprocessor segment overrun", SIGFPE, SI_KERNEL, false, NULL },
	[10] = { "#TS", "invalid TSS", SIGSEGV, SI_KERNEL, false, NULL },
	[11] = { "#NP", "segment not present", SIGBUS, SI_KERNEL, false, NULL },
	[12] = { "#SS", "stack-segment fault", SIGBUS, SI_KERNEL, false, NULL },
	[13] = { "#GP", "general protection fault", SIGSEGV, SI_KERNEL, false, NULL },
	[14] = { "#PF", "page fault", SIGSEGV, SEGV_MAPERR, false, NULL },
	[16] = { "#MF", "x87 floating-point error", SIGFPE, 0, true, fpu_x87_code },
	[17] = { "#AC", "alignment check", SIGBUS, BUS_ADRALN, false, NULL },
	[18] = { "#MC", "machine check", 0, 0, false, NULL },
	[19] = { "#XM", "SIMD floating-point error", SIGFPE, 0, true, fpu_simd_code },
	[20] = { "#VE", "virtualization exception", SIGSEGV, SI_KERNEL, false, NULL },
	[21] = { "#CP", "control protection", SIGSEGV, SI_KERNEL, false, NULL },
};

static const struct exception reserved_exception = {
	.mnemonic = "#??",
	.name = "reserved exception",
	.sig = SIGSEGV,
	.code = SI_KERNEL,
};

/* The table row of exception `vector`; reserved vectors share one row. */
static const struct exception *exception_of(uint64_t vector)
{
	if (vector < ARRAY_SIZE(exceptions) && exceptions[vector].mnemonic)
		return &exceptions[vector];
	return &reserved_exception;
}

/*
 * FPU exception flags, in the order Linux tests them: the first flag set (and not masked) names
 * the si_code. x87 (FSW vs. FCW) and SSE (MXCSR flags vs. its masks) use the same bit positions.
 */
static const struct {
	unsigned int flags;
	int code;
} fpu_codes[] = {
	{ 0x01, FPE_FLTINV }, /* invalid operation */
	{ 0x04, FPE_FLTDIV }, /* divide by zero */
	{ 0x08, FPE_FLTOVF }, /* overflow */
	{ 0x12, FPE_FLTUND }, /* denormal operand, underflow */
	{ 0x20, FPE_FLTRES }, /* precision */
};

/* The si_code for the unmasked FPU exception flags, or 0 when none is set (spurious). */
static int fpu_code_of(unsigned int unmasked)
{
	for (size_t i = 0; i < ARRAY_SIZE(fpu_codes); i++)
		if (unmasked & fpu_codes[i].flags)
			return fpu_codes[i].code;
	return 0;
}

/* The user's FPU state is still in the registers (the kernel does not touch the FPU). */
static int fpu_x87_code(void)
{
	uint16_t sw, cw;

	__asm__ volatile("fnstsw %0; fnstcw %1" : "=m"(sw), "=m"(cw));
	return fpu_code_of(sw & ~cw & 0x3f);
}

/* The same for SSE: MXCSR holds the flags in bits 0-5 and their masks in bits 7-12. */
static int fpu_simd_code(void)
{
	uint32_t mxcsr;

	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	return fpu_code_of(mxcsr & ~(mxcsr >> 7) & 0x3f);
}

/* ---- handlers for vectors 32..255 ---- */

static vector_handler_t handlers[256];
static uint64_t warned[256 / 64];     /* vectors already reported as unhandled */
static unsigned long unhandled_count; /* interrupts nobody claimed, for the tests */

/*
 * Make handler(tf) run for every interrupt on `vector` (32..255), or no handler when NULL. The
 * handler runs with interrupts off and must send its own EOI. Setting an exception vector is a
 * kernel bug.
 */
void trap_set_handler(int vector, vector_handler_t handler)
{
	if (vector < 32 || vector > 255)
		panic("trap_set_handler: vector %d is not an interrupt vector", vector);
	__atomic_store_n(&handlers[vector], handler, __ATOMIC_RELEASE);
}

/* The handler registered for `vector`, or NULL. */
vector_handler_t trap_get_handler(int vector)
{
	return __atomic_load_n(&handlers[vector & 255], __ATOMIC_ACQUIRE);
}

/* How many interrupts arrived on a vector without a handler, since boot. */
unsigned long trap_unhandled_count(void)
{
	return __atomic_load_n(&unhandled_count, __ATOMIC_RELAXED);
}

/* Vectors 32..255: the registered handler, or a one-time warning for a vector nobody owns. */
static void interrupt(struct trap_frame *tf)
{
	vector_handler_t h = __atomic_load_n(&handlers[tf->vector], __ATOMIC_ACQUIRE);
	uint64_t bit = 1ULL << (tf->vector % 64);

	if (h) {
		h(tf);
		return;
	}
	__atomic_add_fetch(&unhandled_count, 1, __ATOMIC_RELAXED);
	if (!(__atomic_fetch_or(&warned[tf->vector / 64], bit, __ATOMIC_RELAXED) & bit))
		kprintf("nido: warning: interrupt on vector %lu with no handler (reported once)\n",
			tf->vector);
}

/* ---- the exception table ---- */

/* Pairs emitted by code that may fault on purpose: if `insn` faults, resume at `fixup`. */
struct extable_entry {
	uint64_t insn;
	uint64_t fixup;
};
extern const struct extable_entry __ex_table_start[], __ex_table_end[];

/* A linear search: the table holds a handful of entries (the uaccess routines). */
static const struct extable_entry *extable_search(uint64_t rip)
{
	for (const struct extable_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == rip)
			return e;
	return NULL;
}

/* If tf->rip is listed in the exception table, aim it at its fixup and return 1; else 0. */
int extable_fixup(struct trap_frame *tf)
{
	const struct extable_entry *e = extable_search(tf->rip);

	if (!e)
		return 0;
	tf->rip = e->fixup;
	return 1;
}

/* ---- backtraces ---- */

/* isr.asm: where trap_dispatch returns to; the frame above it is the interrupted code's. */
extern const char trap_dispatch_return[], trap_paranoid_return[];

/* Is pc the return address of an entry's call into C (so the next frame is a trap frame)? */
static bool is_trap_return(uintptr_t pc)
{
	return pc == (uintptr_t)trap_dispatch_return || pc == (uintptr_t)trap_paranoid_return;
}

/* A walk up the frame-pointer chain: each frame is [saved rbp, return address]. */
struct frame_walk {
	uintptr_t fp; /* the next frame, 0 at the end */
};

/*
 * The next return address of the walk into *pc, or false at its end. Reads go through
 * safe_read_u64, so a corrupt chain ends the walk instead of faulting; frames must lie in the
 * kernel half, 8-byte aligned, each above the last (stacks grow down) except across a trap
 * frame, where the chain continues on the interrupted code's stack. A return address of 0 is the
 * user-mode boundary (isr.asm pushes one for entries from user mode).
 */
static bool frame_walk_next(struct frame_walk *w, uintptr_t *pc)
{
	uint64_t next, ret;

	if (w->fp < ARCH_DIRECT_MAP || (w->fp & 7))
		return false;
	if (safe_read_u64(w->fp, &next) < 0 || safe_read_u64(w->fp + 8, &ret) < 0 || ret == 0)
		return false;
	*pc = ret;
	w->fp = (next > w->fp || is_trap_return(ret)) ? next : 0;
	return true;
}

/* Follow the frame-pointer chain from fp, storing up to max return addresses in pcs. */
int backtrace_collect(uintptr_t fp, uintptr_t *pcs, int max)
{
	struct frame_walk w = { fp };
	int n = 0;

	while (n < max && frame_walk_next(&w, &pcs[n]))
		n++;
	return n;
}

/*
 * Print one backtrace line. A return address points after its call, so it is looked up one byte
 * back (it may be the first byte of the next function); the interrupted rip of a trap frame is
 * exact. `repeat` > 1: the same frame that many times in a row (deep recursion).
 */
static void print_pc(uintptr_t pc, bool exact, unsigned long repeat)
{
	uintptr_t off;
	const char *name = ksyms_lookup(exact ? pc : pc - 1, &off);

	if (name)
		kprintf("    %016lx  %s+0x%lx", pc, name, exact ? off : off + 1);
	else
		kprintf("    %016lx  ?", pc);
	if (repeat > 1)
		kprintf("  (%lu times)", repeat);
	kprintf("\n");
}

#define BACKTRACE_LINES	 32	/* lines printed at most */
#define BACKTRACE_FRAMES 100000 /* frames followed at most (a loop in a corrupt chain) */

/*
 * The frame-pointer chain names the caller of the faulting function only once that function has
 * run its prologue (push rbp; mov rbp, rsp). At its first instruction, or in a leaf function GCC
 * compiled without a frame, the caller's return address is on top of the stack instead. Print
 * it, marked "?" as a guess, when it looks like a return address into kernel text.
 */
static void print_frameless_caller(const struct trap_frame *tf)
{
	uintptr_t off, slot;
	uint64_t pc;

	if (!ksyms_lookup(tf->rip, &off))
		return;
	const uint8_t *fn = (const uint8_t *)(tf->rip - off);
	if (off == 0 || fn[0] != 0x55) /* 0x55: push %rbp */
		slot = tf->rsp;
	else if (off == 1)
		slot = tf->rsp + 8;
	else
		return;
	const char *name;
	if (safe_read_u64(slot, &pc) < 0 || !(name = ksyms_lookup(pc - 1, &off)))
		return;
	kprintf("    %016lx  ? %s+0x%lx\n", pc, name, off + 1);
}

/*
 * Print the chain from fp (after the frameless caller of tf's function, if any), one line per
 * frame, a run of identical frames as one line with a count, at most BACKTRACE_LINES lines.
 */
static void print_backtrace(const struct trap_frame *tf, uintptr_t fp)
{
	struct frame_walk w = { fp };
	uintptr_t pc, run_pc = 0;
	unsigned long run = 0;
	bool run_exact = false, exact = false;
	int lines = 0;

	kprintf("  backtrace:\n");
	if (tf)
		print_frameless_caller(tf);
	for (long frames = 0; frames < BACKTRACE_FRAMES && frame_walk_next(&w, &pc); frames++) {
		if (run && pc == run_pc && exact == run_exact) {
			run++;
		} else {
			if (run && lines++ < BACKTRACE_LINES)
				print_pc(run_pc, run_exact, run);
			run_pc = pc, run_exact = exact, run = 1;
		}
		exact = is_trap_return(pc);
	}
	if (run && lines++ < BACKTRACE_LINES)
		print_pc(run_pc, run_exact, run);
	if (lines > BACKTRACE_LINES)
		kprintf("    ... %d more\n", lines - BACKTRACE_LINES);
}

/* Print a symbolized backtrace from frame pointer fp (0: from the caller of this function). */
void arch_backtrace(uintptr_t fp)
{
	print_backtrace(NULL, fp ? fp : (uintptr_t)__builtin_frame_address(0));
}

/* ---- kernel exceptions: the report ---- */

/* Exit status under tools/qemu-run for a kernel exception (1 = a test failed, 127 = panic). */
#define EXIT_KERNEL_EXCEPTION 3

static const struct {
	const char *name;
	size_t offset;
} report_regs[] = {
#define REG(r)                                     \
	{                                          \
#r, offsetof(struct trap_frame, r) \
	}
	REG(rax), REG(rbx), REG(rcx), REG(rdx),	   REG(rsi), REG(rdi), REG(rbp),
	REG(rsp), REG(r8),  REG(r9),  REG(r10),	   REG(r11), REG(r12), REG(r13),
	REG(r14), REG(r15), REG(rip), REG(rflags), REG(cs),  REG(ss),
#undef REG
};

static bool reporting[MAX_CPUS];

/* Spell out a page fault's error code: access, cause, address, mode. */
static void print_page_fault(const struct trap_frame *tf, uint64_t cr2)
{
	kprintf("  %s %s at %#lx in %s mode%s\n",
		tf->error & PF_INSN  ? "instruction fetch" :
		tf->error & PF_WRITE ? "write" :
				       "read",
		tf->error & PF_PRESENT ? "violating the page's protection" :
					 "of a page not present",
		cr2, tf->error & PF_USER ? "user" : "kernel",
		tf->error & PF_RESERVED ? ", reserved bit set in a page table" : "");
}

/*
 * A kernel stack overflow shows as a #DF (or a #PF, if the fault could still be delivered) whose
 * fault address is within a page of the stack pointer: the push that hit the guard page.
 */
static bool looks_like_stack_overflow(const struct trap_frame *tf, uint64_t cr2)
{
	uint64_t d = tf->rsp > cr2 ? tf->rsp - cr2 : cr2 - tf->rsp;

	return (tf->vector == 8 || tf->vector == 14) && cr2 >= ARCH_DIRECT_MAP && d <= PAGE_SIZE;
}

/*
 * Report an exception the kernel cannot recover from and stop: its name, error code and CR2,
 * every register, the faulting instruction's function and a backtrace. In test mode (qemu_exit)
 * QEMU exits with EXIT_KERNEL_EXCEPTION. A fault while reporting stops at once.
 */
static noreturn void kernel_exception(const struct trap_frame *tf, uint64_t cr2)
{
	const struct exception *e = exception_of(tf->vector);
	int cpu = arch_cpu_id();
	uintptr_t off;

	if (cpu < 0 || cpu >= MAX_CPUS)
		cpu = 0;
	if (reporting[cpu]) {
		kprintf("\nnido: %s at %#lx while reporting an exception; stopped\n", e->mnemonic,
			tf->rip);
		goto stop;
	}
	reporting[cpu] = true;

	kprintf("\nnido: kernel exception %s (%s), vector %lu, error %#lx, cpu %d%s\n", e->mnemonic,
		e->name, tf->vector, tf->error, cpu, trap_from_user(tf) ? ", from user mode" : "");
	if (tf->vector == 14)
		print_page_fault(tf, cr2);
	if (looks_like_stack_overflow(tf, cr2))
		kprintf("  kernel stack overflow? (rsp %#lx, fault address %#lx)\n", tf->rsp, cr2);
	for (size_t i = 0; i < ARRAY_SIZE(report_regs); i++)
		kprintf("  %-6s %016lx%s", report_regs[i].name,
			*(const uint64_t *)((const char *)tf + report_regs[i].offset),
			i % 4 == 3 ? "\n" : "");
	kprintf("  cr2    %016lx  cr3    %016lx  cr0    %016lx  cr4    %016lx\n", cr2, read_cr3(),
		read_cr0(), read_cr4());
	const char *name = ksyms_lookup(tf->rip, &off);
	if (name)
		kprintf("  rip is %s+0x%lx\n", name, off);
	else
		kprintf("  rip is outside the kernel's text\n");
	if (!trap_from_user(tf))
		print_backtrace(tf, tf->rbp);
stop:
	kprintf("nido: stopped\n");
	arch_qemu_exit(EXIT_KERNEL_EXCEPTION);
	arch_halt_forever();
}

/* ---- exceptions from kernel mode ---- */

/*
 * A page fault in kernel mode. Legitimate only inside a routine listed in the exception table:
 * for a user address, first try to bring the page in (vm_user_fault, with interrupts as they
 * were); failing that, resume at the routine's fixup. Returns false for a kernel bug.
 */
static bool kernel_page_fault(struct trap_frame *tf, uint64_t cr2)
{
	if (!extable_search(tf->rip))
		return false;
	if (cr2 < ARCH_USER_TOP) {
		if (tf->rflags & RFLAGS_IF)
			arch_irq_enable();
		int r = vm_user_fault(cr2, tf->error & PF_WRITE, tf->error & PF_INSN);
		arch_irq_disable();
		if (r == 0)
			return true;
	}
	return extable_fixup(tf);
}

/* ---- exceptions from user mode ---- */

/*
 * The signal for a user page fault that vm_user_fault() could not resolve (its answer in err):
 * nothing mapped is SEGV_MAPERR, a mapping that forbids the access SEGV_ACCERR. Out of memory
 * kills the thread, as Linux's OOM killer would when the faulting task is its victim.
 */
static const struct {
	int err;
	int sig;
	int code;
} page_fault_signals[] = {
	{ -EFAULT, SIGSEGV, SEGV_MAPERR },
	{ -EACCES, SIGSEGV, SEGV_ACCERR },
	{ -ENOMEM, SIGKILL, SI_KERNEL },
};

void trap_page_fault_signal(int err, int *sig, int *code)
{
	*sig = SIGSEGV;
	*code = SEGV_MAPERR;
	for (size_t i = 0; i < ARRAY_SIZE(page_fault_signals); i++) {
		if (page_fault_signals[i].err == err) {
			*sig = page_fault_signals[i].sig;
			*code = page_fault_signals[i].code;
		}
	}
}

/*
 * The signal, si_code and si_addr for user-mode exception `vector` other than #PF, from the
 * table; returns false when none is sent (fatal exceptions, spurious FPU exceptions).
 */
bool trap_user_signal(const struct trap_frame *tf, int *sig, int *code, uintptr_t *addr)
{
	const struct exception *e = exception_of(tf->vector);

	if (!e->sig)
		return false;
	*sig = e->sig;
	*code = e->code_fn ? e->code_fn() : e->code;
	*addr = e->addr_is_rip ? tf->rip : 0;
	return *code != 0;
}

/*
 * Tests only (trap_test.c runs code in ring 3): when set, a user-mode exception is handed to the
 * hook, with the signal it would have raised, instead of to user_fault_signal().
 */
void (*trap_user_fault_hook)(struct trap_frame *tf, int sig, int code, uintptr_t addr);

/* Hand a user exception's signal to the signal code (or to the test hook). */
static void send_user_signal(struct trap_frame *tf, int sig, int code, uintptr_t addr)
{
	void (*hook)(struct trap_frame *, int, int, uintptr_t) = trap_user_fault_hook;

	if (hook)
		hook(tf, sig, code, addr);
	else
		user_fault_signal(sig, code, addr, (int)tf->vector);
}

/*
 * An exception in user mode: a page fault the memory code can resolve returns to retry the
 * instruction; anything else becomes the signal of the tables above (or the report, for #DF and
 * #MC). The signal is delivered on the way out, by user_return_work() in trap_return.
 */
static void user_exception(struct trap_frame *tf, uint64_t cr2)
{
	int sig, code;
	uintptr_t addr;

	if (tf->vector == 14) {
		int r = -EFAULT; /* kernel addresses are never the user's */
		if (cr2 < ARCH_USER_TOP) {
			arch_irq_enable();
			r = vm_user_fault(cr2, tf->error & PF_WRITE, tf->error & PF_INSN);
			arch_irq_disable();
		}
		if (r == 0)
			return;
		trap_page_fault_signal(r, &sig, &code);
		send_user_signal(tf, sig, code, cr2);
		return;
	}
	if (!exception_of(tf->vector)->sig)
		kernel_exception(tf, cr2); /* #DF, #MC: the machine is in trouble */
	if (trap_user_signal(tf, &sig, &code, &addr))
		send_user_signal(tf, sig, code, addr);
}

/* ---- the entry point from isr.asm ---- */

static unsigned long nmi_count;

/* NMIs taken since boot (for the tests of the paranoid entry). */
unsigned long trap_nmi_count(void)
{
	return __atomic_load_n(&nmi_count, __ATOMIC_RELAXED);
}

/* No NMI source is in use (no watchdog, no NMI IPIs): log it and carry on. */
static void nmi(struct trap_frame *tf)
{
	__atomic_add_fetch(&nmi_count, 1, __ATOMIC_RELAXED);
	kprintf("nido: NMI on cpu %d at %#lx, ignored\n", arch_cpu_id(), tf->rip);
}

/*
 * Called by isr.asm for every vector with the frame it built, interrupts off. Returning resumes
 * the frame (through trap_return, which also does the return-to-user work).
 */
void trap_dispatch(struct trap_frame *tf)
{
	if (tf->vector >= 32) {
		interrupt(tf);
		return;
	}
	uint64_t cr2 = read_cr2(); /* before anything can fault again */

	if (tf->vector == 2) {
		nmi(tf);
		return;
	}
	if (trap_from_user(tf)) {
		user_exception(tf, cr2);
		return;
	}
	if (tf->vector == 14 && kernel_page_fault(tf, cr2))
		return;
	if (tf->vector == 13 && extable_fixup(tf)) /* a non-canonical address */
		return;
	kernel_exception(tf, cr2);
}

/* ---- bring-up ---- */

/* The boot CPU: its GDT and TSS, then the IDT every CPU shares. Faults are reported from here. */
void trap_init(void)
{
	gdt_init_cpu(this_cpu());
	idt_init();
	idt_load();
}

/* Another CPU, once its GS base points at its struct cpu: its own GDT and TSS, the shared IDT. */
void trap_init_ap(void)
{
	gdt_init_cpu(this_cpu());
	idt_load();
}
