/*
 * trap.h - the register frame saved on the kernel stack when the CPU enters the kernel.
 *
 * Every entry path builds the same frame: interrupts and exceptions (isr.asm: the CPU pushes
 * ss/rsp/rflags/cs/rip and maybe an error code, the stub the rest) and system calls (syscall.asm
 * builds it by hand). For a thread in user mode the frame at the top of its kernel stack is its
 * user register state: fork copies it, exec rewrites it, signal delivery saves it in the signal
 * frame, and the return path restores it.
 */
#ifndef NIDO_TRAP_H
#define NIDO_TRAP_H

#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;	/* exception/IRQ vector, or TRAP_SYSCALL */
	uint64_t error;		/* CPU error code; for system calls the original rax (number) */
	uint64_t rip, cs, rflags, rsp, ss;	/* pushed by the CPU (built by hand for syscall) */
};

#define TRAP_SYSCALL	256	/* vector value of a frame built by the syscall instruction path */

#define TRAP_FRAME_SIZE	(22 * 8)
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "trap frame layout");

/* Selectors: the order is fixed by syscall/sysret (STAR). */
#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define USER_DS		(0x18 | 3)
#define USER_CS		(0x20 | 3)
#define TSS_SEL		0x28

static inline int trap_from_user(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3;
}

#endif
