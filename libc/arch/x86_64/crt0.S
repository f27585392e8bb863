/*
 * crt0.S - the first instructions of every nido program.
 *
 * The kernel jumps to _start with the stack laid out as
 *
 *	rsp ->	argc
 *		argv[0] ... argv[argc - 1], NULL
 *		envp[0] ... NULL
 *		auxv pairs (type, value) ... AT_NULL, 0
 *		(the strings and 16 random bytes, further up)
 *
 * and rsp 16-byte aligned. _start hands that pointer to __libc_start() (libc/misc/start.c),
 * which finds argv, envp and auxv in it, calls main() and exit()s with its result.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xor	%ebp, %ebp		/* no caller: ends frame-pointer backtraces */
	mov	%rsp, %rdi		/* __libc_start(initial stack pointer) */
	and	$-16, %rsp		/* the ABI wants rsp % 16 == 0 before a call */
	call	__libc_start
	hlt				/* __libc_start never returns */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
