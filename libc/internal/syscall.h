/*
 * internal/syscall.h - how libc enters the kernel.
 *
 * The x86_64 Linux convention: the call number goes in rax, up to six arguments in rdi, rsi,
 * rdx, r10, r8, r9 (r10, not rcx, because the `syscall` instruction itself overwrites rcx with
 * the return address and r11 with rflags). The result comes back in rax: -4095..-1 is -errno,
 * anything else is the result.
 *
 * __syscall(nr, args...) picks the right __syscallN by counting its arguments and casts each
 * argument to long, so wrappers read like the call they make:
 *
 *	return __syscall_ret(__syscall(SYS_read, fd, buf, n));
 *
 * __syscall() returns the kernel's raw answer; __syscall_ret() turns -errno into -1 and errno.
 */
#ifndef _NIDO_INTERNAL_SYSCALL_H
#define _NIDO_INTERNAL_SYSCALL_H

#include <sys/syscall.h>

static inline long __syscall0(long n)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(n) : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall1(long n, long a1)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1) : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall2(long n, long a1, long a2)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2) : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall3(long n, long a1, long a2, long a3)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	long ret;
	register long r10 __asm__("r10") = a4;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* __syscall(nr, ...): count the arguments, cast them to long, call __syscallN */
#define __SC_COUNT(...) __SC_COUNT_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0, )
#define __SC_COUNT_(n, a, b, c, d, e, f, count, ...) count
#define __SC_CAT(a, b) __SC_CAT_(a, b)
#define __SC_CAT_(a, b) a##b
#define __SC_L(x) ((long)(x))
#define __SC_0(n) __syscall0(n)
#define __SC_1(n, a) __syscall1(n, __SC_L(a))
#define __SC_2(n, a, b) __syscall2(n, __SC_L(a), __SC_L(b))
#define __SC_3(n, a, b, c) __syscall3(n, __SC_L(a), __SC_L(b), __SC_L(c))
#define __SC_4(n, a, b, c, d) __syscall4(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d))
#define __SC_5(n, a, b, c, d, e) \
	__syscall5(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d), __SC_L(e))
#define __SC_6(n, a, b, c, d, e, f) \
	__syscall6(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d), __SC_L(e), __SC_L(f))
#define __syscall(...) __SC_CAT(__SC_, __SC_COUNT(__VA_ARGS__))(__VA_ARGS__)

/* -errno -> -1 with errno set; anything else passes through */
long __syscall_ret(long r);

#endif
