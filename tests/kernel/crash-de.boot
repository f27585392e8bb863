# crash=de: a kernel divide error names #DE, the faulting function and its callers; status 3
cmdline: crash=de
timeout: 30
status:  3
expect:  ^nido: kernel exception #DE \(divide error\), vector 0, error 0, cpu 0
expect:  ^  rip is crash_de\+0x[0-9a-f]+$
expect:  ^    ffffffff[0-9a-f]{8}  \??\s?trap_crash_test\+0x[0-9a-f]+$
expect:  ^    ffffffff[0-9a-f]{8}  kmain\+0x[0-9a-f]+$
expect:  ^nido: stopped$
reject:  panic
