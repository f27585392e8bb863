/*
 * clone.S - __clone_run(): start a new task on a stack of its own, running fn(arg).
 *
 * clone() (libc/unistd/proc.c) is how threads are made: the child shares the parent's memory
 * (CLONE_VM) but must not share its stack, so the child cannot return from the C function that
 * made the system call - there is no caller's frame on its new stack to return into. This
 * routine therefore puts arg on the child's stack before the syscall; the child pops it, calls
 * fn(arg) and passes its return value to exit (which ends that one thread, not the process).
 *
 *	long __clone_run(int (*fn)(void *) rdi, void *stack rsi, unsigned long flags rdx,
 *			 void *arg rcx, pid_t *ptid r8, void *tls r9, pid_t *ctid 8(%rsp));
 *
 * The kernel's clone takes (flags rdi, newsp rsi, ptid rdx, ctid r10, tls r8). Returns what the
 * syscall returned in the parent: the child's tid or -errno.
 */
	.text
	.globl	__clone_run
	.hidden	__clone_run
	.type	__clone_run, @function
__clone_run:
	mov	%rdi, %r11		/* fn: kept in r9 across the syscall (rcx/r11 are clobbered) */
	mov	%rdx, %rdi		/* flags */
	mov	%r8, %rdx		/* ptid */
	mov	%r9, %r8		/* tls */
	mov	8(%rsp), %r10		/* ctid */
	mov	%r11, %r9		/* fn */
	and	$-16, %rsi		/* the child's stack: 16-aligned, then arg on top of it */
	sub	$8, %rsi
	mov	%rcx, (%rsi)
	mov	$56, %eax		/* SYS_clone */
	syscall
	test	%rax, %rax
	jnz	1f			/* parent (tid) or error (-errno): back to the caller */
	xor	%ebp, %ebp		/* child: no frames above this one */
	pop	%rdi			/* arg; rsp is now 16-aligned for the call */
	call	*%r9
	mov	%eax, %edi		/* fn's result is the thread's exit status */
	mov	$60, %eax		/* SYS_exit: this thread only */
	syscall
	hlt
1:	ret
	.size	__clone_run, . - __clone_run

	.section .note.GNU-stack, "", @progbits
