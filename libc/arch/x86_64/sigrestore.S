/*
 * sigrestore.S - the signal restorer.
 *
 * sigaction() registers __restore_rt as every handler's sa_restorer (with SA_RESTORER). The
 * kernel pushes its address as the return address of the handler's frame, so when the handler
 * returns it lands here, with rsp pointing just past that return address, at the saved
 * ucontext. rt_sigreturn (nr 15) reads the frame back: registers, signal mask, FPU state.
 * It never returns here.
 */
	.text
	.globl	__restore_rt
	.type	__restore_rt, @function
	nop				/* debuggers look one byte before a return address */
__restore_rt:
	mov	$15, %eax		/* SYS_rt_sigreturn */
	syscall
	hlt
	.size	__restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", @progbits
