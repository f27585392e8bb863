/*
 * setjmp.S - setjmp()/longjmp() and sigsetjmp().
 *
 * A jmp_buf (include/setjmp.h) holds what a function must find unchanged after a call: the
 * callee-saved registers rbx, rbp, r12-r15, plus the stack pointer and the return address as
 * they were in setjmp's caller. longjmp() reloads them and "returns from setjmp" a second time,
 * with val in eax (1 if val is 0, since 0 means "first return").
 *
 *	offset:	0 rbx, 8 rbp, 16 r12, 24 r13, 32 r14, 40 r15, 48 rsp, 56 rip,
 *		64 mask-saved flag (int), 72 signal mask (8 bytes)
 */
	.text
	.globl	setjmp, _setjmp, longjmp, _longjmp, sigsetjmp
	.type	setjmp, @function
	.type	_setjmp, @function
	.type	longjmp, @function
	.type	_longjmp, @function
	.type	sigsetjmp, @function

setjmp:
_setjmp:
	mov	%rbx, 0(%rdi)
	mov	%rbp, 8(%rdi)
	mov	%r12, 16(%rdi)
	mov	%r13, 24(%rdi)
	mov	%r14, 32(%rdi)
	mov	%r15, 40(%rdi)
	lea	8(%rsp), %rdx		/* the caller's rsp: after our return address is popped */
	mov	%rdx, 48(%rdi)
	mov	(%rsp), %rdx		/* where setjmp returns to */
	mov	%rdx, 56(%rdi)
	xor	%eax, %eax		/* first return: 0 */
	ret
	.size	setjmp, . - setjmp

longjmp:
_longjmp:
	mov	%esi, %eax
	test	%eax, %eax
	jnz	1f
	inc	%eax			/* longjmp(env, 0) must look like a return of 1 */
1:	mov	0(%rdi), %rbx
	mov	8(%rdi), %rbp
	mov	16(%rdi), %r12
	mov	24(%rdi), %r13
	mov	32(%rdi), %r14
	mov	40(%rdi), %r15
	mov	48(%rdi), %rsp
	jmp	*56(%rdi)
	.size	longjmp, . - longjmp

/*
 * sigsetjmp(env, savemask): record savemask, save the current signal mask with a raw
 * rt_sigprocmask(SIG_BLOCK, NULL, &env->mask, 8) if asked, then continue as setjmp. It cannot
 * call a C function to do this: setjmp must see the stack exactly as sigsetjmp's caller left it.
 */
sigsetjmp:
	mov	%esi, 64(%rdi)
	test	%esi, %esi
	jz	setjmp
	mov	%rdi, %r8		/* the syscall needs rdi; r8 is ours to clobber */
	lea	72(%rdi), %rdx		/* oldset = &env->mask */
	xor	%esi, %esi		/* set = NULL: only read the mask */
	xor	%edi, %edi		/* how = SIG_BLOCK (ignored when set is NULL) */
	mov	$8, %r10d		/* sigsetsize */
	mov	$14, %eax		/* SYS_rt_sigprocmask */
	syscall
	mov	%r8, %rdi
	jmp	setjmp
	.size	sigsetjmp, . - sigsetjmp

	.section .note.GNU-stack, "", @progbits
