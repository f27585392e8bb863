/*
 * spinlock.c - spinlocks that also keep interrupt handlers out.
 *
 * A CPU holding a spinlock must not be interrupted by a handler that wants the same lock, so
 * spin_lock() disables interrupts first. Locks nest, so the interrupt state is saved only by the
 * outermost push_off() and restored by the matching outermost pop_off() (the xv6 scheme). The
 * nesting depth and the saved state live in the per-CPU structure.
 */
#include "kernel.h"
#include "spinlock.h"
#include "percpu.h"
#include <arch.h>

void spinlock_init(struct spinlock *l, const char *name)
{
	l->locked = 0;
	l->name = name;
	l->cpu = -1;
}

void push_off(void)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu();

	if (c->irq_depth++ == 0)
		c->irq_was_enabled = (flags & (1UL << 9)) != 0;
}

void pop_off(void)
{
	struct cpu *c = this_cpu();

	if (arch_irq_enabled())
		panic("pop_off: interrupts enabled");
	if (c->irq_depth < 1)
		panic("pop_off: unbalanced");
	if (--c->irq_depth == 0 && c->irq_was_enabled)
		arch_irq_enable();
}

int spin_holding(struct spinlock *l)
{
	return l->locked && l->cpu == arch_cpu_id();
}

void spin_lock(struct spinlock *l)
{
	push_off();
	if (spin_holding(l))
		panic("spin_lock: %s already held by this CPU", l->name);
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		arch_cpu_relax();
	l->cpu = arch_cpu_id();
}

void spin_unlock(struct spinlock *l)
{
	if (!spin_holding(l))
		panic("spin_unlock: %s not held", l->name);
	l->cpu = -1;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	pop_off();
}
