# power-off without isa-debug-exit on i440fx/PIIX4 under UEFI: ACPI S5 (SLP_TYP from the DSDT's \_S5_) switches QEMU off
args:    --power-off --machine pc --uefi
cmdline: test=acpi
timeout: 60
status:  0
tap:     yes
expect:  ^power: off \(ACPI S5, SLP_TYP [0-7]/[0-7]\)$
reject:  power-off failed
reject:  panic
