/*
 * assert.h - assert(expr): abort with a message naming the file, line and expression when expr
 * is false. Defining NDEBUG before including this header turns every assert() into nothing.
 * Not include-guarded on purpose: C lets a file re-include it after changing NDEBUG.
 */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func);
#define assert(expr) ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef static_assert
#define static_assert _Static_assert
#endif
