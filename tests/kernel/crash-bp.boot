# crash=bp: int3 in the kernel is reported like any kernel exception (no debugger); status 3
cmdline: crash=bp
timeout: 30
status:  3
expect:  ^nido: kernel exception #BP \(breakpoint\), vector 3, error 0, cpu 0
expect:  ^  rip is crash_bp\+0x1$
expect:  ^    ffffffff[0-9a-f]{8}  \??\s?trap_crash_test\+0x[0-9a-f]+$
reject:  panic
