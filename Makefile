# nido - top-level build.
#
#   make            build the kernel ELF (build/kernel.elf)
#   make iso        build the hybrid BIOS+UEFI ISO (build/nido.iso)
#   make run        boot the ISO in QEMU (serial on this terminal)
#   make test       build everything and run every test suite
# `make help` lists every target.

BUILD    := build
ARCH     := x86_64

# Use a cross compiler when there is one; the host gcc in freestanding mode works too.
CROSS    := $(shell command -v x86_64-elf-gcc >/dev/null 2>&1 && echo x86_64-elf-)
CC       := $(CROSS)gcc
LD       := $(CROSS)ld
NM       := $(CROSS)nm
OBJCOPY  := $(CROSS)objcopy
NASM     := nasm
HOSTCC   := gcc

DEBUG    ?= 1

KERNEL_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
	-fno-stack-protector -fno-omit-frame-pointer -fno-strict-aliasing -fno-common \
	-Ikernel/include -Iarch/$(ARCH)/include -MMD -MP
ifeq ($(DEBUG),1)
KERNEL_CFLAGS += -DDEBUG
endif
KERNEL_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack \
	-Wl,--build-id=none -Wl,--no-warn-rwx-segments \
	-T arch/$(ARCH)/kernel.ld

KERNEL_SRCS := $(wildcard kernel/*.c kernel/lib/*.c arch/$(ARCH)/*.c)
KERNEL_ASMS := $(wildcard arch/$(ARCH)/*.asm)
KERNEL_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(KERNEL_SRCS)) \
	       $(patsubst %.asm,$(BUILD)/%.o,$(KERNEL_ASMS))

.PHONY: all kernel iso run run-uefi gdb test clean help doctor
all: kernel

kernel: $(BUILD)/kernel.elf

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.asm
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) -f elf64 -g -F dwarf $< -o $@

$(BUILD)/kernel.elf: $(KERNEL_OBJS) arch/$(ARCH)/kernel.ld
	@echo "  LD      $@"
	@$(CC) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) -lgcc

# ---- ISO -----------------------------------------------------------------------------------
ISO_DIR := $(BUILD)/iso
iso: $(BUILD)/nido.iso
$(BUILD)/nido.iso: $(BUILD)/kernel.elf iso/grub.cfg tools/mkiso
	tools/mkiso --out $@ --kernel $(BUILD)/kernel.elf

run: $(BUILD)/nido.iso
	tools/qemu-run --interactive --iso $(BUILD)/nido.iso $(if $(CMDLINE),--cmdline "$(CMDLINE)")

clean:
	rm -rf $(BUILD)

-include $(KERNEL_OBJS:.o=.d)
