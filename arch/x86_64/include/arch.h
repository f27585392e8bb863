/*
 * arch.h - everything generic kernel code may ask of the machine.
 *
 * kernel/ never includes another arch/ header: this file is the whole contract between the
 * generic kernel and arch/x86_64/. Porting nido means implementing these functions.
 */
#ifndef NIDO_ARCH_H
#define NIDO_ARCH_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* ---- interrupt flag ---- */
static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void arch_irq_restore(unsigned long flags)
{
	if (flags & (1UL << 9))
		__asm__ volatile("sti" : : : "memory");
}

static inline bool arch_irq_enabled(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	return flags & (1UL << 9);
}

static inline void arch_irq_enable(void)  { __asm__ volatile("sti" : : : "memory"); }
static inline void arch_irq_disable(void) { __asm__ volatile("cli" : : : "memory"); }
static inline void arch_cpu_relax(void)   { __asm__ volatile("pause"); }

/* Enable interrupts and sleep until the next one, atomically (sti; hlt). */
static inline void arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

__attribute__((__noreturn__)) void arch_halt_forever(void);

/* ---- CPUs ---- */
int arch_cpu_id(void);			/* this CPU's index into the per-CPU array */
int arch_cpu_count(void);		/* CPUs found in the MADT */

/* ---- hardware interrupts ---- */
typedef void (*irq_handler_t)(void *ctx);
/* Route legacy ISA interrupt `isa_irq` (1 = keyboard, 4 = COM1) to handler; 0 or -errno. */
int arch_irq_request(unsigned isa_irq, irq_handler_t handler, void *ctx);

/* ---- time ---- */
uint64_t arch_clock_ns(void);		/* monotonic nanoseconds since boot */
uint64_t arch_rtc_seconds(void);	/* wall clock at boot from the RTC, seconds since 1970 */
uint32_t arch_timer_hz(void);		/* LAPIC timer input frequency, Hz */
uint64_t arch_tsc_hz(void);
uint64_t arch_cycles(void);		/* raw cycle counter (rdtsc) */

/* ---- power ---- */
__attribute__((__noreturn__)) void arch_poweroff(void);
__attribute__((__noreturn__)) void arch_reboot(void);
/*
 * Leave the emulator with `status` when the kernel runs under tools/qemu-run (command line option
 * "qemu_exit"); returns if not, so the caller falls back to arch_poweroff().
 */
void arch_qemu_exit(int status);

/* ---- consoles: the machine's own output devices ---- */
void arch_console_putc(char c);		/* early, polled: serial (and VGA text when present) */

/* ---- threads ---- */
struct trap_frame;		/* the user registers saved on kernel entry (arch-private layout) */

/* Per-thread machine state embedded in struct thread. */
struct arch_thread {
	uint64_t fs_base;			/* user TLS base (arch_prctl ARCH_SET_FS) */
	struct trap_frame *user_regs;		/* top of the kernel stack: saved user registers */
	uint8_t fpu[512] __attribute__((aligned(16)));	/* FXSAVE image of the user FPU/SSE state */
};

/* ---- user address spaces ---- */
/*
 * A user address space is a page-table root (a physical address) whose kernel half is shared by
 * every address space. prot is a mask of PROT_READ/PROT_WRITE/PROT_EXEC (uapi/mman.h).
 */
#define ARCH_USER_TOP	0x00007ffffffff000UL	/* first address above user space */
uint64_t arch_uvm_create(void);			/* 0 when out of memory */
void arch_uvm_destroy(uint64_t root);		/* frees the tables, not the mapped frames */
int arch_uvm_map(uint64_t root, uintptr_t va, uint64_t pa, int prot);	/* 0 or -ENOMEM */
uint64_t arch_uvm_unmap(uint64_t root, uintptr_t va);	/* the frame that was mapped, or 0 */
bool arch_uvm_lookup(uint64_t root, uintptr_t va, uint64_t *pa, int *prot);
void arch_uvm_protect(uint64_t root, uintptr_t va, int prot);
/* Call fn for every mapped page in [start, end), skipping empty tables quickly. */
void arch_uvm_walk(uint64_t root, uintptr_t start, uintptr_t end,
		   void (*fn)(uintptr_t va, uint64_t pa, int prot, void *ctx), void *ctx);
void arch_uvm_activate(uint64_t root);

/* ---- thread switching and user mode ---- */
struct thread;
/* Save prev's kernel context, load next's: returns when prev is scheduled again. */
void arch_switch_to(struct thread *prev, struct thread *next);
/* Prepare a new thread's kernel stack so that its first switch-in calls fn(arg). */
void arch_thread_init(struct thread *t, void (*fn)(void *), void *arg);
/*
 * Child of fork/clone: copy the parent's user registers, return 0 in the child, optionally a new
 * user stack pointer (0 = same) and TLS base (settls).
 */
void arch_thread_fork(struct thread *child, const struct thread *parent, uintptr_t newsp,
		      bool settls, uintptr_t tls);
/* Set the user registers for a fresh program (exec): all zero except rip and rsp. */
void arch_thread_exec(struct thread *t, uintptr_t entry, uintptr_t sp);
/* Leave the kernel into user mode with the thread's saved user registers. */
__attribute__((__noreturn__)) void arch_enter_user(void);
void arch_set_syscall_return(struct thread *t, long value);
int arch_set_tls(struct thread *t, uintptr_t base);	/* 0 or -EPERM (non-canonical) */

/* ---- signals ---- */
struct linux_siginfo;
struct linux_sigaction;
/* Push Linux's rt_sigframe for a handler and aim the thread at it. 0 or -EFAULT. */
int arch_signal_frame_setup(struct thread *t, int sig, const struct linux_siginfo *info,
			    const struct linux_sigaction *sa, uint64_t oldmask);
/*
 * The thread is returning from a system call that answered ERESTART*: restart it (rewind to the
 * syscall instruction) or turn the answer into -EINTR, by Linux's rules for whether a handler
 * is about to run and whether it has SA_RESTART.
 */
void arch_syscall_restart(struct thread *t, bool handler, bool sa_restart);
bool arch_on_altstack(struct thread *t);
/* Is t returning from a system call that answered ERESTART* (not yet restarted or failed)? */
bool arch_in_syscall_restart(const struct thread *t);

/* ---- physical memory as the kernel sees it ---- */
/* All RAM (and, below 4 GiB, the MMIO holes) is mapped at a fixed offset: the direct map. */
#define ARCH_DIRECT_MAP	0xffff800000000000UL
static inline void *arch_phys_to_virt(uint64_t pa) { return (void *)(pa + ARCH_DIRECT_MAP); }
static inline uint64_t arch_virt_to_phys(const void *va)
{
	return (uint64_t)(uintptr_t)va - ARCH_DIRECT_MAP;	/* direct-map addresses only */
}
/* Map device registers at physical [pa, pa+len) uncached; the kernel address, or NULL. */
void *arch_ioremap(uint64_t pa, size_t len);
/*
 * Kernel stacks: KSTACK_PAGES pages with an unmapped guard page below, so an overflow faults
 * (and is reported through the double-fault stack) instead of corrupting memory.
 * arch_kstack_alloc returns the stack's top (highest address), or 0 when out of memory.
 */
uintptr_t arch_kstack_alloc(void);
void arch_kstack_free(uintptr_t top);

/* ---- calls from arch code into the generic kernel ---- */
/*
 * The arch code calls these; each has a weak default in platform.c until its subsystem exists.
 *   kernel_tick       every timer tick on this CPU, after the EOI, interrupts off.
 *   vm_user_fault     page fault on a user address (from user mode, or from the kernel inside a
 *                     uaccess routine): 0 = the page is there now, retry; -EFAULT (no mapping)
 *                     or -EACCES (mapping forbids the access), or -ENOMEM.
 *   user_fault_signal a user-mode exception the kernel could not fix: deliver sig (SIGSEGV,
 *                     SIGFPE, ...) with si_code/si_addr to the current thread.
 *   user_return_work  on every return to user mode, interrupts off: reschedule, deliver
 *                     signals. May enable interrupts inside; returns with them off.
 */
void kernel_tick(bool from_user);
int vm_user_fault(uintptr_t addr, bool write, bool exec);
void user_fault_signal(int sig, int si_code, uintptr_t addr, int trapno);
void user_return_work(void);

/* ---- diagnostics ---- */
/* Print a backtrace starting from frame pointer `fp` (0 = the caller's frame). */
void arch_backtrace(uintptr_t fp);

#endif
