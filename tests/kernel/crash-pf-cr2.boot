# crash=pf: the page-fault report decodes the error code and shows the exact CR2; status 3
cmdline: crash=pf
timeout: 30
status:  3
expect:  ^nido: kernel exception #PF \(page fault\), vector 14, error 0x2, cpu 0
expect:  ^  write of a page not present at 0xffffffffdead0000 in kernel mode$
expect:  ^  cr2    ffffffffdead0000 
expect:  ^  rip is crash_pf\+0x[0-9a-f]+$
expect:  ^  rax    [0-9a-f]{16}  rbx    [0-9a-f]{16}  rcx    [0-9a-f]{16}  rdx    [0-9a-f]{16}$
reject:  panic
