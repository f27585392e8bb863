/*
 * futex.h - fast user-space mutexes: sleeping on a user address.
 */
#ifndef NIDO_FUTEX_H
#define NIDO_FUTEX_H

#include <stdint.h>

struct mm;

/* Wake up to n threads waiting on (mm, uaddr). Returns how many were woken. */
int futex_wake(struct mm *mm, uintptr_t uaddr, int n);

#endif
