/*
 * stubs.h - what tests/host/stubs.c adds to the kernel interfaces it fakes.
 *
 * stubs.c implements kmalloc.h, page.h, spinlock.h and kernel.h's kprintf/panic on top of the C
 * library, so that pure kernel code links into a host program. It counts what is allocated and
 * not yet freed, so a test can check that it leaked nothing, and it can be told to make an
 * allocation fail, so a test can walk every error path.
 */
#ifndef NIDO_TESTS_STUBS_H
#define NIDO_TESTS_STUBS_H

/* kmalloc()/kzalloc() blocks and pages not yet given back. */
long stub_outstanding_kmalloc(void);
long stub_outstanding_pages(void);

/*
 * Let `n` more allocations (kmalloc, kzalloc, page_alloc, page_alloc_zeroed, counted together)
 * succeed, then fail every one after them until stub_fail_allocs_after(-1) turns this off.
 */
void stub_fail_allocs_after(long n);

#endif
