# -icount: the TSC counts instructions (1 GHz of virtual time); calibration must find 1000 MHz
args:    --icount
cmdline: test=time,irq
timeout: 90
status:  0
tap:     yes
expect:  ^acpi: RSDP rev [0-9]+, OEM [^,]+, 1 CPU\(s\) in MADT
range:   990 1010 ^timer: TSC ([0-9]+) MHz
range:   990 1010 ^timer: TSC [0-9]+ MHz, LAPIC timer ([0-9]+) MHz
reject:  panic
