/*
 * siglongjmp.c - the C half of sigsetjmp/siglongjmp: put back the signal mask that
 * sigsetjmp() saved (if it saved one), then jump like longjmp(). The other half is assembly
 * (arch/x86_64/setjmp.S), together with the layout of jmp_buf.
 */
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>

_Static_assert(offsetof(struct __jmp_buf, __mask_saved) == 64, "setjmp.S stores the flag at 64");
_Static_assert(offsetof(struct __jmp_buf, __sigmask) == 72, "setjmp.S stores the mask at 72");

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__mask_saved)
		sigprocmask(SIG_SETMASK, &env->__sigmask, NULL);
	longjmp(env, val);
}
