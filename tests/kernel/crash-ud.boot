# crash=ud: an invalid opcode in the kernel is reported with a symbolized backtrace, status 3
cmdline: crash=ud
timeout: 30
status:  3
expect:  (#UD|[Ii]nvalid [Oo]pcode)
expect:  (kernel_main|kmain)\+0x[0-9a-f]+
