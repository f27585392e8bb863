# 6 GiB of RAM: the memory above the 4 GiB hole is found and used; memory tests pass there
args:    --mem 6G
cmdline: test=pmm,kmalloc,paging
timeout: 90
status:  0
tap:     yes
range:   6000 6144 ^mem: ([0-9]+) MiB usable
reject:  panic
