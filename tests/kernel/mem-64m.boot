# 64 MiB of RAM: a small machine still boots and passes the memory tests
args:    --mem 64M
cmdline: test=pmm,kmalloc,paging
timeout: 90
status:  0
tap:     yes
range:   48 64 ^mem: ([0-9]+) MiB usable
reject:  panic
