/*
 * setjmp.h - non-local jumps. setjmp() saves the callee-saved registers, the stack pointer and
 * the return address; longjmp() puts them back, so setjmp() appears to return a second time.
 * sigsetjmp(env, 1) also saves the signal mask and siglongjmp() restores it.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

struct __jmp_buf {
	unsigned long __regs[8];	/* rbx rbp r12 r13 r14 r15 rsp rip (libc/arch/x86_64/setjmp.S) */
	int __mask_saved;		/* sigsetjmp: was the mask saved? */
	unsigned long __sigmask;	/* the saved mask */
};

typedef struct __jmp_buf jmp_buf[1];
typedef struct __jmp_buf sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
