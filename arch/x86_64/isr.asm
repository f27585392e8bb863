; isr.asm - the way into the kernel for every interrupt and exception, and the way back out.
;
; The CPU enters through the IDT (idt.c) at one of 256 stubs below. It has pushed ss, rsp,
; rflags, cs, rip and, for some exceptions, an error code (on the thread's kernel stack, TSS.rsp0,
; when it came from user mode; on an IST stack for #DF, NMI and #MC). The stub makes every frame
; look alike: it pushes 0 where the CPU pushed no error code, then the vector number, and jumps to
; a common entry that pushes the general registers. The result is exactly struct trap_frame
; (arch/x86_64/include/trap.h), which trap_dispatch(tf) in trap.c receives.
;
; GS: in the kernel the GS base is this CPU's struct cpu (this_cpu() reads %gs:0); in user mode
; it is the user's. So an entry from user mode (the saved CS has RPL 3) starts with swapgs and
; the return to user mode ends with one. NMI, #DF and #MC can also interrupt the kernel at the
; few instructions where GS is still the user's (syscall entry before its swapgs, the return
; path after it), so they do not trust CS: they read the GS base MSR and swap only when it does
; not already point into the kernel half (the "paranoid" entry).
;
; Frame pointers: before calling C the entry pushes a two-word frame (interrupted rbp, rip) and
; points rbp at it, so a backtrace taken inside a handler runs on into the interrupted code. For
; an entry from user mode both words are 0, which ends the backtrace at the user boundary.

%define TF_VECTOR	(15 * 8)	; offsets in struct trap_frame
%define TF_RIP		(17 * 8)
%define TF_CS		(18 * 8)
%define MSR_GS_BASE	0xc0000101

extern trap_dispatch
extern user_return_work

; Vectors for which the CPU pushes an error code.
%define has_error(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
			  (v) == 29 || (v) == 30)
; Vectors that take the paranoid entry (their gate has an IST stack, see idt.c).
%define is_paranoid(v) ((v) == 2 || (v) == 8 || (v) == 18)

%macro push_regs 0
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
%endmacro

%macro pop_regs 0
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
%endmacro

; rdi = the trap frame. Push the backtrace link described above and call trap_dispatch(rdi).
%macro call_dispatch 0
	test byte [rdi + TF_CS], 3
	jnz %%user
	push qword [rdi + TF_RIP]
	push rbp
	jmp %%call
%%user:
	push 0
	push 0
%%call:
	mov rbp, rsp
	call trap_dispatch
%endmacro

section .text

; ---- the 256 stubs, 16 bytes apart ----
%macro isr_stub 1
align 16
isr_stub_%1:
%if !has_error(%1)
	push 0
%endif
	push %1
%if is_paranoid(%1)
	jmp isr_paranoid
%else
	jmp isr_common
%endif
%endmacro

%assign v 0
%rep 256
	isr_stub v
%assign v v + 1
%endrep

; ---- the ordinary entry ----
align 16
isr_common:
	test byte [rsp + 24], 3		; CS, above the vector, error code and rip
	jz .from_kernel
	swapgs
.from_kernel:
	push_regs
	cld
	mov rdi, rsp
	call_dispatch
global trap_dispatch_return
trap_dispatch_return:			; backtraces recognize this return address
	add rsp, 16
	; fall through

; trap_return: leave the kernel through a trap frame.
;
; Entry: rsp = a struct trap_frame * (16-byte aligned: the CPU aligns the frame it pushes, and a
; frame at the top of a page-aligned kernel stack is too), interrupts in any state. Any entry
; path may jump here with such a frame, such as the syscall path.
; If the frame returns to user mode (CS RPL 3), user_return_work() runs first, with interrupts
; off (it may reschedule and deliver signals, which may rewrite the frame); then the registers
; are restored from the frame, GS is swapped back to the user's, and iretq resumes at tf->rip.
; Returning to the kernel restores the frame as it is. Never returns to its caller.
global trap_return
trap_return:
	cli
	test byte [rsp + TF_CS], 3
	jz .restore
	mov rbx, rsp
	and rsp, -16
	xor ebp, ebp
	call user_return_work
	cli				; the contract says it returns with them off: make sure
	mov rsp, rbx
.restore:
	pop_regs
	add rsp, 16			; vector, error code
	test byte [rsp + 8], 3		; CS
	jz .iret
	swapgs
.iret:
	iretq

; ---- the paranoid entry: NMI, #DF, #MC ----
; From user mode these are ordinary entries. From kernel mode, swapgs only if the GS base is not
; a kernel address, and undo exactly that on the way out (rbx is callee-saved across the call).
align 16
isr_paranoid:
	test byte [rsp + 24], 3
	jz .from_kernel
	swapgs
	push_regs
	cld
	mov rdi, rsp
	call_dispatch
	add rsp, 16
	jmp trap_return
.from_kernel:
	push_regs
	cld
	mov ecx, MSR_GS_BASE
	rdmsr
	xor ebx, ebx
	test edx, edx			; kernel addresses have the top bit set
	js .gs_ok
	swapgs
	mov ebx, 1
.gs_ok:
	mov rdi, rsp
	call_dispatch
global trap_paranoid_return
trap_paranoid_return:
	add rsp, 16
	test ebx, ebx
	jz .no_swap
	swapgs
.no_swap:
	pop_regs
	add rsp, 16
	iretq

; ---- a memory read that may fault ----
; int safe_read_u64(uintptr_t addr, uint64_t *out): 0 and *out = the 8 bytes at addr, or -1 when
; reading faults (the exception table entry below makes the #PF/#GP handler resume at .fault).
; Backtraces use it so that a corrupt frame pointer ends the trace instead of faulting again.
global safe_read_u64
safe_read_u64:
.read:
	mov rax, [rdi]
	mov [rsi], rax
	xor eax, eax
	ret
.fault:
	mov eax, -1
	ret

section .ex_table align=8
	dq safe_read_u64.read, safe_read_u64.fault

section .text
; ---- helpers for the tests ----
; void call_on_stack(uintptr_t top, void (*fn)(void *), void *arg): run fn(arg) on another stack.
global call_on_stack
call_on_stack:
	push rbp
	mov rbp, rsp
	mov rsp, rdi
	mov rdi, rdx
	call rsi
	mov rsp, rbp
	pop rbp
	ret

; void user_test_enter(const struct trap_frame *tf, uint64_t *saved_rsp): enter user mode at
; tf's rip/cs/rflags/rsp/ss with all general registers zero, after saving the callee-saved
; registers and then rsp in *saved_rsp. Control comes back only when a trap handler rewrites
; its frame to resume at user_test_resume with rsp = *saved_rsp (kernel CS): then this returns.
; For the tests of the user-mode entry (trap_test.c); real threads enter user mode elsewhere.
%define TF_RFLAGS	(19 * 8)
%define TF_RSP		(20 * 8)
%define TF_SS		(21 * 8)
global user_test_enter
user_test_enter:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rsi], rsp
	push qword [rdi + TF_SS]
	push qword [rdi + TF_RSP]
	push qword [rdi + TF_RFLAGS]
	push qword [rdi + TF_CS]
	push qword [rdi + TF_RIP]
	xor eax, eax
	xor ebx, ebx
	xor ecx, ecx
	xor edx, edx
	xor esi, esi
	xor edi, edi
	xor ebp, ebp
	xor r8d, r8d
	xor r9d, r9d
	xor r10d, r10d
	xor r11d, r11d
	xor r12d, r12d
	xor r13d, r13d
	xor r14d, r14d
	xor r15d, r15d
	swapgs
	iretq

global user_test_resume
user_test_resume:
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret

section .rodata
align 8
global isr_stubs
isr_stubs:
%assign v 0
%rep 256
	dq isr_stub_ %+ v
%assign v v + 1
%endrep
