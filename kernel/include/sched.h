/*
 * sched.h - the scheduler: who runs next, and sleeping until woken.
 */
#ifndef NIDO_SCHED_H
#define NIDO_SCHED_H

#include <stdint.h>
#include "proc.h"

void sched_init(void);				/* make the boot flow the first thread */
void sched_tick(bool from_user);		/* timer interrupt: account, maybe preempt */
void sched_thread_first_run(void);		/* arch trampoline: a new thread's first step */
void sched_add(struct thread *t);		/* a new thread becomes runnable */
void wake_up_thread(struct thread *t);		/* sleeping/blocked -> runnable */
void sched_yield_current(void);
void sched_set_state(struct thread *t, enum thread_state state);	/* under the rq lock */
/* The current thread has exited: switch away for good; its stack is freed afterwards. */
__attribute__((__noreturn__)) void sched_exit_current(void);
/* The boot thread's last act: become this CPU's idle thread. */
__attribute__((__noreturn__)) void sched_become_idle(void);
void sched_preempt_point(void);			/* switch if the tick asked for it */
int sched_nice_to_weight(int nice);
uint64_t sched_clock_ns(void);

/* Sleep for `ns` nanoseconds (interruptible). Returns the time left (> 0 when interrupted). */
int64_t sleep_ns(int64_t ns);
/* wait_event_interruptible with a timeout in ns: >0 cond true, 0 timed out, -EINTR. */
long schedule_timeout(int64_t ns);

/* Load average, fixed point with 11 fractional bits (like Linux), updated every 5 s. */
extern unsigned long sched_loadavg[3];
extern uint64_t sched_ctxt_switches;
extern uint64_t sched_idle_ns;
unsigned sched_nr_running(void);
unsigned sched_nr_blocked(void);

#endif
