# nido - top-level build: the kernel, the bootable ISO, QEMU runs and every test suite.
#
#   make            build the kernel ELF (build/kernel.elf)
#   make run        boot it in QEMU, serial console on this terminal
#   make test       run every test suite; the last line is "N passed, N failed"
# `make help` lists every target. BUILD=DIR builds elsewhere (each engineer has their own),
# CMDLINE="..." is the kernel command line for run, run-uefi, gdb and iso.
#
# The model: the kernel is one freestanding ELF linked from every kernel/*.c, kernel/lib/*.c,
# arch/x86_64/*.c and arch/x86_64/*.asm (wildcards: a new file is built without touching this
# file). GRUB loads it through Multiboot2 from an ISO that tools/mkiso makes; tools/qemu-run boots
# such an ISO and turns the guest's isa-debug-exit write into its exit status, which is what the
# test suites (tests/suites) check.

BUILD    := build
ARCH     := x86_64
KERNEL   := $(BUILD)/kernel.elf
CMDLINE  ?=

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

# User space (user/user.mk, when it exists) builds build/initrd.cpio; the ISO and qemu-run carry
# it as the Multiboot2 module "initrd" whenever it exists.
USER_MK  := $(wildcard user/user.mk)
INITRD   := build/initrd.cpio

.PHONY: all kernel iso initrd run run-uefi gdb test test-host test-libc test-boot test-list deps-run deps-test \
	lint doctor deps boot-time help clean
all: kernel

kernel: $(KERNEL)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.asm
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) -f elf64 -g -F dwarf $< -o $@

# ---- kernel link (the "traps" engineer owns this rule) ---------------------------------------
# Two passes, so that backtraces can name functions (arch/x86_64/ksyms.c): link with an empty
# symbol table, list the text symbols of that kernel with nm and turn them into $(BUILD)/ksyms.c
# (tools/ksyms), then link again with that table. The table is read-only data of the last object
# and .text comes before .rodata, so the second link moves no function; the last step proves it
# by regenerating the table from the final kernel and comparing.
KSYMS_CFLAGS := $(filter-out -MMD -MP,$(KERNEL_CFLAGS))
$(BUILD)/kernel.elf: $(KERNEL_OBJS) arch/$(ARCH)/kernel.ld tools/ksyms
	@echo "  LD      $(BUILD)/kernel.pass1.elf"
	@tools/ksyms < /dev/null > $(BUILD)/ksyms0.c
	@$(CC) $(KSYMS_CFLAGS) -c $(BUILD)/ksyms0.c -o $(BUILD)/ksyms0.o
	@$(CC) $(KERNEL_LDFLAGS) -o $(BUILD)/kernel.pass1.elf $(KERNEL_OBJS) $(BUILD)/ksyms0.o -lgcc
	@echo "  KSYMS   $(BUILD)/ksyms.c"
	@$(NM) -n $(BUILD)/kernel.pass1.elf | tools/ksyms > $(BUILD)/ksyms.c
	@$(CC) $(KSYMS_CFLAGS) -c $(BUILD)/ksyms.c -o $(BUILD)/ksyms.o
	@echo "  LD      $@"
	@$(CC) $(KERNEL_LDFLAGS) -o $@.tmp $(KERNEL_OBJS) $(BUILD)/ksyms.o -lgcc
	@$(NM) -n $@.tmp | tools/ksyms | cmp -s - $(BUILD)/ksyms.c || \
		{ echo "ksyms: the symbol table moved the kernel's text" >&2; rm -f $@.tmp; exit 1; }
	@mv $@.tmp $@
# ---- end of kernel link ------------------------------------------------------------------------

# ---- user space and the initrd -------------------------------------------------------------
# A sub-make keeps user.mk's variables (and libc.mk's) out of the kernel's namespace.
initrd:
ifneq ($(USER_MK),)
	@$(MAKE) --no-print-directory -f user/user.mk initrd
else
	@echo "initrd: no user/user.mk yet; the ISO boots without an initrd"
endif

# Before booting: rebuild the initrd if there is user space, but boot the kernel anyway (with a
# loud warning) when user space does not build, so kernel work is never blocked by it.
TRY_INITRD = $(if $(USER_MK),@$(MAKE) --no-print-directory -f user/user.mk initrd || \
	echo "*** WARNING: user space (build/initrd.cpio) failed to build; booting without a fresh initrd")

# ---- ISO -----------------------------------------------------------------------------------
# A hybrid ISO: boots under BIOS and UEFI, from a CD or (written with dd) from a USB stick.
iso: $(BUILD)/nido.iso
$(BUILD)/nido.iso: $(KERNEL) iso/grub.cfg tools/mkiso FORCE
	$(TRY_INITRD)
	@echo "  ISO     $@"
	@tools/mkiso --out $@ --kernel $(KERNEL) \
		$$([ -f $(INITRD) ] && echo --initrd $(INITRD)) --cmdline "$(CMDLINE)"
FORCE:

# ---- running -------------------------------------------------------------------------------
# Missing tools are installed first when we are root (or the apt-get command is printed).
DOCTOR = tools/doctor --install --quiet

run: deps-run kernel
	$(TRY_INITRD)
	tools/qemu-run --interactive --kernel $(KERNEL) --cmdline "$(CMDLINE)"

run-uefi: deps-run kernel
	$(TRY_INITRD)
	tools/qemu-run --interactive --uefi --kernel $(KERNEL) --cmdline "$(CMDLINE)"

gdb: deps-run kernel
	$(TRY_INITRD)
	tools/gdb --kernel $(KERNEL) --cmdline "$(CMDLINE)"

# ---- tests ---------------------------------------------------------------------------------
# Every suite is a line of tests/suites; tools/run-tests runs them and adds up the counts.
# SUITES="host-unit ktest-bios" runs only those.
SUITES ?=

# The suites that need user space build it themselves (see tests/suites).
test: deps-test kernel
	@KERNEL=$(KERNEL) BUILD=$(BUILD) tools/run-tests $(SUITES)

test-list:
	@tools/run-tests --list

test-host:
	@$(MAKE) --no-print-directory -f tests/host/host.mk test-host-unit

test-libc:
	@$(MAKE) --no-print-directory -f libc/libc.mk test-libc

# Only the boots (in-kernel tests, memory sizes, crash reports).
test-boot: deps-test kernel
	@KERNEL=$(KERNEL) BUILD=$(BUILD) tools/run-tests \
		$$(tools/run-tests --list | awk '$$2 == "tools/boot-test" { print $$1 }')

# Guest instructions (under --icount) and wall seconds from reset to the kernel's first line.
boot-time: deps-run kernel
	tools/boot-time --kernel $(KERNEL)

# ---- tools ---------------------------------------------------------------------------------
deps-run:
	@$(DOCTOR) build iso run
deps-test:
	@$(DOCTOR) build iso run user

doctor:
	@tools/doctor

# clang-format 14 with .clang-format, over the C sources; LINT_FILES="a.c b.h" checks only those.
LINT_FILES ?= $(filter-out kernel/font8x16.c,$(wildcard kernel/*.c kernel/lib/*.c \
	kernel/include/*.h arch/$(ARCH)/*.c arch/$(ARCH)/include/*.h tests/host/*.c tests/host/*.h))
lint:
	@command -v clang-format >/dev/null || { echo "lint: install clang-format" >&2; exit 1; }
	@bad=0; for f in $(LINT_FILES); do \
		n=$$(clang-format --dry-run $$f 2>&1 | grep -c 'warning:'); \
		if [ $$n -ne 0 ]; then printf '%5d  %s\n' $$n $$f; bad=$$((bad + 1)); fi; \
	done; \
	echo "lint: $$bad of $(words $(LINT_FILES)) files differ from clang-format" \
		"(see one with: clang-format FILE | diff FILE -)"; \
	[ $$bad -eq 0 ]

help:
	@echo "nido make targets (BUILD=$(BUILD), kernel $(KERNEL)):"
	@echo "  make              build the kernel ELF"
	@echo "  make iso          $(BUILD)/nido.iso: hybrid BIOS+UEFI ISO, dd-able to a USB stick"
	@echo "  make run          boot in QEMU (SeaBIOS): serial on this terminal, a window if DISPLAY"
	@echo "  make run-uefi     the same through OVMF (UEFI firmware, framebuffer console)"
	@echo "  make gdb          QEMU halted with a gdb stub, gdb attached, stopped at kmain"
	@echo "  make test         every suite of tests/suites; ends with 'N passed, N failed'"
	@echo "  make test-host    host unit tests only (tests/host)"
	@echo "  make test-libc    libc tests only (tests/libc, on the Linux host)"
	@echo "  make test-boot    only the QEMU boots (in-kernel tests, memory, crash reports)"
	@echo "  make test-list    list the suites; make test SUITES=\"a b\" runs some"
	@echo "  make boot-time    measure reset-to-first-kernel-line, BIOS and UEFI"
	@echo "  make initrd       build/initrd.cpio from user/ (when user/user.mk exists)"
	@echo "  make lint         clang-format --dry-run over the C sources"
	@echo "  make doctor       list missing tools and the Debian packages providing them"
	@echo "  make clean        remove $(BUILD)"
	@echo "Variables: CMDLINE=\"test=all\" (kernel command line), BUILD=dir, DEBUG=0|1,"
	@echo "  SUITES=\"...\", LINT_FILES=\"...\"."

clean:
	rm -rf $(BUILD)

-include $(KERNEL_OBJS:.o=.d)
