/*
 * getopt.h - getopt() (declared in <unistd.h>); long options are not implemented.
 */
#ifndef _GETOPT_H
#define _GETOPT_H

#include <unistd.h>

#endif
