# every in-kernel test (test=all) booted through OVMF (UEFI, framebuffer instead of VGA text)
args:    --uefi
cmdline: test=all
timeout: 150
status:  0
tap:     yes
reject:  panic
