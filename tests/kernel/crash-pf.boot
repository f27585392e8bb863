# crash=pf: a kernel page fault is reported with CR2 and a symbolized backtrace, status 3
cmdline: crash=pf
timeout: 30
status:  3
expect:  (#PF|[Pp]age [Ff]ault)
expect:  [Cc][Rr]2
expect:  (kernel_main|kmain)\+0x[0-9a-f]+
