/*
 * spinlock.h - mutual exclusion between CPUs and against interrupt handlers.
 *
 * spin_lock() turns interrupts off on this CPU before it spins, and spin_unlock() turns them back
 * on only when the outermost lock held by this CPU is released (xv6's push_off/pop_off), so a lock
 * taken in an interrupt handler can never deadlock against the code it interrupted.
 */
#ifndef NIDO_SPINLOCK_H
#define NIDO_SPINLOCK_H

struct spinlock {
	volatile int locked;
	const char *name;	/* for debugging */
	int cpu;		/* holder's CPU id, -1 when free */
};

#define SPINLOCK_INIT(n) { .locked = 0, .name = (n), .cpu = -1 }

void spinlock_init(struct spinlock *l, const char *name);
void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);
int spin_holding(struct spinlock *l);

/* Interrupt-disable nesting used by the locks; usable on its own. */
void push_off(void);
void pop_off(void);

#endif
