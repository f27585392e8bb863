; boot.asm - from GRUB's 32-bit hand-off to the kernel's first C function in long mode.
;
; GRUB loads the kernel ELF as Multiboot2 and jumps to _start in 32-bit protected mode with paging
; off, EAX = 0x36d76289 and EBX = the physical address of the boot information. This file checks
; that, builds just enough page tables to run in long mode (the first 4 GiB identity mapped, and
; the first 1 GiB mapped again at 0xffffffff80000000 where the kernel is linked), enables long mode
; and jumps to kmain(magic, mbi) in the higher half. arch/x86_64/paging.c replaces these tables
; with the real ones as soon as it knows how much memory there is.
;
; Everything in the .boot* sections runs at its physical address (linked there with AT()).

MB2_MAGIC       equ 0xe85250d6
MB2_ARCH_I386   equ 0
MB2_BOOT_MAGIC  equ 0x36d76289
KERNEL_VMA      equ 0xffffffff80000000

section .multiboot2 align=8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	; framebuffer tag, optional: a linear framebuffer where there is no text mode (UEFI)
	align 8
	dw 5, 1			; type 5 = framebuffer, flags 1 = optional
	dd 20
	dd 1024, 768, 32
	; module alignment tag: modules start on page boundaries
	align 8
	dw 6, 0
	dd 8
	; end tag
	align 8
	dw 0, 0
	dd 8
mb2_header_end:

section .boot.text progbits alloc exec nowrite align=16
bits 32
global _start
_start:
	cli
	cld
	mov esp, boot_stack_top
	mov esi, eax		; keep magic (ESI) and mbi (EBP) for kmain: cpuid clobbers EBX
	mov ebp, ebx

	cmp esi, MB2_BOOT_MAGIC
	jne .not_multiboot2

	; long mode needs CPUID leaf 0x80000001 bit 29
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode

	; clear the boot page tables (they live in .boot.bss; do not trust the loader to zero them)
	mov edi, boot_pml4
	mov ecx, (boot_tables_end - boot_pml4) / 4
	xor eax, eax
	rep stosd

	; PML4[0] -> identity PDPT, PML4[511] -> higher-half PDPT
	mov eax, boot_pdpt_low
	or eax, 3
	mov [boot_pml4], eax
	mov eax, boot_pdpt_high
	or eax, 3
	mov [boot_pml4 + 511 * 8], eax

	; identity PDPT: 4 page directories covering 0..4 GiB
	mov ecx, 0
.fill_pdpt:
	mov eax, ecx
	shl eax, 12
	add eax, boot_pd
	or eax, 3
	mov [boot_pdpt_low + ecx * 8], eax
	inc ecx
	cmp ecx, 4
	jne .fill_pdpt
	; higher-half PDPT entry 510 (0xffffffff80000000) -> the first page directory (0..1 GiB)
	mov eax, boot_pd
	or eax, 3
	mov [boot_pdpt_high + 510 * 8], eax

	; 2048 2 MiB pages: present, writable, PS
	mov ecx, 0
.fill_pd:
	mov eax, ecx
	shl eax, 21
	or eax, 0x83
	mov [boot_pd + ecx * 8], eax
	mov eax, ecx
	shr eax, 11		; high half of the physical address (bits 32+)
	mov [boot_pd + ecx * 8 + 4], eax
	inc ecx
	cmp ecx, 2048
	jne .fill_pd

	mov eax, boot_pml4
	mov cr3, eax
	mov eax, cr4
	or eax, 1 << 5		; PAE
	mov cr4, eax
	mov ecx, 0xc0000080	; EFER
	rdmsr
	or eax, 1 << 8		; LME
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16) | 1	; PG, WP, PE
	mov cr0, eax

	lgdt [boot_gdt_ptr]
	jmp 0x08:long_mode_entry

.not_multiboot2:
	mov esi, msg_not_mb2
	jmp boot_fail32
.no_long_mode:
	mov esi, msg_no_lm
	jmp boot_fail32

; Print the NUL-terminated string at ESI on COM1 and on the VGA text screen, then halt forever.
boot_fail32:
	mov edi, 0xb8000
.next:
	lodsb
	test al, al
	jz .halt
	mov ah, 0x4f
	mov [edi], ax
	add edi, 2
	mov bl, al
	mov dx, 0x3fd
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov dx, 0x3f8
	mov al, bl
	out dx, al
	jmp .next
.halt:
	hlt
	jmp .halt

bits 64
long_mode_entry:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rax, long_mode_high
	jmp rax

section .boot.data progbits alloc noexec write align=16
boot_gdt:
	dq 0
	dq 0x00af9a000000ffff		; 0x08: 64-bit code
	dq 0x00cf92000000ffff		; 0x10: data
boot_gdt_ptr:
	dw boot_gdt_ptr - boot_gdt - 1
	dd boot_gdt
msg_not_mb2:
	db "nido: not started by a Multiboot2 loader; boot the ISO with GRUB", 0
msg_no_lm:
	db "nido: this CPU has no long mode (x86_64); nido needs a 64-bit CPU", 0

section .boot.bss nobits alloc noexec write align=4096
boot_pml4:
	resb 4096
boot_pdpt_low:
	resb 4096
boot_pdpt_high:
	resb 4096
boot_pd:
	resb 4096 * 4
boot_tables_end:
	resb 4096
boot_stack_top:

section .text
extern kmain
; Now running at the kernel's link address. ESI = magic, EBP = mbi.
long_mode_high:
	mov rsp, boot_kstack_top	; higher-half boot stack (in .bss)
	mov edi, esi			; arg 1: multiboot2 magic
	mov esi, ebp			; arg 2: physical address of the boot information
	xor ebp, ebp			; a zero frame pointer ends every backtrace
	call kmain
.hang:
	cli
	hlt
	jmp .hang

section .bss
align 16
global boot_kstack_bottom
boot_kstack_bottom:
	resb 16384
boot_kstack_top:
