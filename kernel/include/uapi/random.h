/*
 * uapi/random.h - getrandom() flags.
 */
#ifndef NIDO_UAPI_RANDOM_H
#define NIDO_UAPI_RANDOM_H

#define GRND_NONBLOCK	0x0001	/* EAGAIN instead of waiting for entropy */
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

#endif
