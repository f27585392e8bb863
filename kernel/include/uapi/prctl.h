/*
 * uapi/prctl.h - the prctl() options nido knows, and arch_prctl()'s codes.
 */
#ifndef NIDO_UAPI_PRCTL_H
#define NIDO_UAPI_PRCTL_H

#define PR_SET_PDEATHSIG	1	/* signal to get when the parent dies */
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15	/* set comm (16 bytes including the NUL) */
#define PR_GET_NAME		16
#define PR_SET_CHILD_SUBREAPER	36	/* orphaned descendants come to us, not to init */
#define PR_GET_CHILD_SUBREAPER	37
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39

#define TASK_COMM_LEN		16

/* arch_prctl codes: the FS and GS segment bases (FS holds the TLS pointer) */
#define ARCH_SET_GS		0x1001
#define ARCH_SET_FS		0x1002
#define ARCH_GET_FS		0x1003
#define ARCH_GET_GS		0x1004

#endif
