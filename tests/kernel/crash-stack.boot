# crash=stack: a kernel stack overflow hits the guard page and is reported from the #DF stack
cmdline: crash=stack
timeout: 30
status:  3
expect:  ^nido: kernel exception #DF \(double fault\), vector 8, error 0, cpu 0
expect:  ^  kernel stack overflow\? \(rsp 0x[0-9a-f]+, fault address 0x[0-9a-f]+\)$
expect:  ^  rip is crash_recurse\+0x[0-9a-f]+$
expect:  ^    ffffffff[0-9a-f]{8}  crash_recurse\+0x[0-9a-f]+  \([0-9]+ times\)$
expect:  ^    ffffffff[0-9a-f]{8}  trap_crash_test\+0x[0-9a-f]+$
reject:  panic
