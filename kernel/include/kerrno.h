/*
 * kerrno.h - error codes that live only inside the kernel.
 *
 * A system call interrupted by a signal returns one of these; the signal code turns it into
 * EINTR or restarts the call (SA_RESTART), so user space never sees them. Values are Linux's.
 */
#ifndef NIDO_KERRNO_H
#define NIDO_KERRNO_H

#define ERESTARTSYS		512	/* restart if the handler has SA_RESTART, else EINTR */
#define ERESTARTNOINTR		513	/* always restart */
#define ERESTARTNOHAND		514	/* restart only if no handler ran */
#define ERESTART_RESTARTBLOCK	516	/* restart through restart_syscall */

#endif
