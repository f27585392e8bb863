# q35/ICH9 with 2 CPUs: ACPI finds both, the IOAPIC and HPET; acpi, irq and time tests pass
args:    --machine q35 --smp 2
cmdline: test=acpi,irq,time
timeout: 90
status:  0
tap:     yes
expect:  ^acpi: RSDP rev [0-9]+, OEM [^,]+, 2 CPU\(s\) in MADT, IOAPIC at 0xfec00000, HPET yes$
expect:  ^timer: TSC [0-9]+ MHz, LAPIC timer [0-9]+ MHz, tick 100 Hz \(calibrated against HPET
range:   100 10000 ^timer: TSC ([0-9]+) MHz
reject:  panic
