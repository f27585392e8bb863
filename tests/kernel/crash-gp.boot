# crash=gp: a non-canonical access in the kernel is a #GP with its report; status 3
cmdline: crash=gp
timeout: 30
status:  3
expect:  ^nido: kernel exception #GP \(general protection fault\), vector 13, error 0, cpu 0
expect:  ^  rip is crash_gp\+0x[0-9a-f]+$
expect:  ^    ffffffff[0-9a-f]{8}  \??\s?trap_crash_test\+0x[0-9a-f]+$
expect:  ^    ffffffff[0-9a-f]{8}  kmain\+0x[0-9a-f]+$
reject:  panic
