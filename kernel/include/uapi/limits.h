/*
 * uapi/limits.h - sizes the kernel enforces and programs size their buffers by.
 */
#ifndef NIDO_UAPI_LIMITS_H
#define NIDO_UAPI_LIMITS_H

#define PATH_MAX	4096	/* longest path, including the NUL */
#define NAME_MAX	255	/* longest path component, without the NUL */
#define PIPE_BUF	4096	/* writes up to this size to a pipe are atomic */
#define ARG_MAX		131072	/* argv + envp strings execve() accepts */
#define NGROUPS_MAX	65536
#define HOST_NAME_MAX	64
#define LOGIN_NAME_MAX	256
#define SYMLOOP_MAX	40	/* symlinks followed in one lookup before ELOOP */
#define IOV_MAX		1024

#endif
