# every in-kernel test (test=all) on the default machine: SeaBIOS, i440fx, 2 CPUs, 256 MiB
cmdline: test=all
timeout: 120
status:  0
tap:     yes
reject:  panic
