; usercopy.asm - the instructions that touch user memory, each with a fault fixup.
;
; Model: the kernel reads and writes user memory only here. Every instruction that may fault on
; a user address has an entry in section .ex_table: (address of the instruction, address to
; resume at), two 64-bit absolute addresses. When such an access faults and the page-fault
; handler cannot make the page present (vm_user_fault fails), extable_fixup() finds the entry
; for the faulting rip and resumes at the fixup instead of panicking. The string instructions
; leave rcx/rsi/rdi at the first byte not done, so a fixup knows how far the copy got.
;
; With SMAP on (CR4.SMAP), the kernel may touch user pages only while RFLAGS.AC is set: each
; routine sets it with STAC on entry and clears it with CLAC on every way out. The CPUs without
; SMAP (-cpu qemu64) have no STAC/CLAC at all (#UD), so they are run only when uaccess_smap
; (set by paging.c from CPUID) says so. The range checks against user space are in uaccess.c.
;
; System V ABI: arguments in rdi, rsi, rdx; result in rax; DF is clear on entry.

bits 64
default rel

extern uaccess_smap

%macro USER_ACCESS_BEGIN 0
	cmp byte [uaccess_smap], 0
	je %%no_smap
	stac
%%no_smap:
%endmacro

%macro USER_ACCESS_END 0
	cmp byte [uaccess_smap], 0
	je %%no_smap
	clac
%%no_smap:
%endmacro

; An .ex_table entry: a fault at %1 resumes at %2.
%macro EX_ENTRY 2
	section .ex_table progbits alloc noexec nowrite align=8
	dq %1, %2
	section .text
%endmacro

section .text

; the faulting instructions, global so that the tests can look them up in .ex_table
global uaccess_copy_insn, uaccess_clear_insn, uaccess_strncpy_insn

; size_t uaccess_copy(void *dst, const void *src, size_t n)
; Copy n bytes, either direction; returns the number of bytes NOT copied (0 = all done).
global uaccess_copy
uaccess_copy:
	USER_ACCESS_BEGIN
	mov rcx, rdx
uaccess_copy_insn:
	rep movsb
uaccess_copy_out:
	USER_ACCESS_END
	mov rax, rcx
	ret
	EX_ENTRY uaccess_copy_insn, uaccess_copy_out

; size_t uaccess_clear(void *dst, size_t n)
; Zero n bytes; returns the number of bytes NOT zeroed.
global uaccess_clear
uaccess_clear:
	USER_ACCESS_BEGIN
	mov rcx, rsi
	xor eax, eax
uaccess_clear_insn:
	rep stosb
uaccess_clear_out:
	USER_ACCESS_END
	mov rax, rcx
	ret
	EX_ENTRY uaccess_clear_insn, uaccess_clear_out

; long uaccess_strncpy(char *dst, const char *src, size_t n)
; Copy bytes up to and including the first NUL, at most n. Returns the index of the NUL (the
; string's length) when one was copied, n when none was found in n bytes, -1 after a fault.
global uaccess_strncpy
uaccess_strncpy:
	USER_ACCESS_BEGIN
	xor eax, eax
uaccess_strncpy_next:
	cmp rax, rdx
	je uaccess_strncpy_out
uaccess_strncpy_insn:
	movzx ecx, byte [rsi + rax]
	mov [rdi + rax], cl
	test cl, cl
	jz uaccess_strncpy_out
	inc rax
	jmp uaccess_strncpy_next
uaccess_strncpy_fault:
	mov rax, -1
uaccess_strncpy_out:
	USER_ACCESS_END
	ret
	EX_ENTRY uaccess_strncpy_insn, uaccess_strncpy_fault
