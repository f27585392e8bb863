# libc/libc.mk - build nido's libc and its host tests.
#
# Include this from the top-level Makefile, or run it on its own from the repository root:
#
#	make -f libc/libc.mk		build build/libc/libc.a and build/libc/crt0.o
#	make -f libc/libc.mk test-libc	build and run tests/libc (prints "N passed, N failed")
#	make -f libc/libc.mk clean-libc
#	make -C libc [test-libc]	the same, through libc/Makefile
#
# A program built on nido's libc:
#
#	$(CC) $(LIBC_CFLAGS) -c prog.c -o prog.o
#	$(CC) $(LIBC_LDFLAGS) -o prog $(LIBC_CRT0) prog.o $(LIBC_A) -lgcc
#
# The programs are static Linux x86_64 binaries, so they run on nido and on the Linux host alike.
# Everything this file defines starts with LIBC_ (or libc), so it can share a make namespace.
# V=1 prints the full compiler command lines.

NIDO_ROOT ?= .
CC ?= gcc

LIBC_DIR := $(NIDO_ROOT)/libc
LIBC_BUILD := $(NIDO_ROOT)/build/libc
LIBC_A := $(LIBC_BUILD)/libc.a
LIBC_CRT0 := $(LIBC_BUILD)/crt0.o

# What user programs compile with: only libc's headers, the compiler's own freestanding headers
# (stddef.h, stdint.h, stdarg.h, stdbool.h, float.h) and, last, the kernel's uapi headers.
LIBC_GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
LIBC_INCLUDES := -nostdinc -I$(LIBC_DIR)/include -isystem $(LIBC_GCC_INCLUDE) \
	-idirafter $(NIDO_ROOT)/kernel/include
LIBC_CFLAGS := -std=c11 -ffreestanding -fno-stack-protector -fno-pie -O2 \
	-Wall -Wextra -Werror $(LIBC_INCLUDES)
LIBC_LDFLAGS := -static -nostdlib -no-pie

# libc itself: also its private headers. -fno-tree-loop-distribute-patterns stops gcc from
# turning the loop inside memset() into a call to memset().
LIBC_OWN_CFLAGS := $(LIBC_CFLAGS) -I$(LIBC_DIR)/internal -fno-tree-loop-distribute-patterns \
	-MMD -MP

LIBC_C_SRCS := $(sort $(wildcard $(LIBC_DIR)/*/*.c))
LIBC_S_SRCS := $(filter-out %/crt0.S,$(sort $(wildcard $(LIBC_DIR)/arch/x86_64/*.S)))
LIBC_OBJS := $(patsubst $(LIBC_DIR)/%.c,$(LIBC_BUILD)/%.o,$(LIBC_C_SRCS)) \
	$(patsubst $(LIBC_DIR)/%.S,$(LIBC_BUILD)/%.o,$(LIBC_S_SRCS))

.PHONY: libc test-libc clean-libc
libc: $(LIBC_A) $(LIBC_CRT0)

# V=1 shows the full commands
LIBC_Q := $(if $(V),,@)

$(LIBC_A): $(LIBC_OBJS)
	@mkdir -p $(dir $@)
	@echo "  AR      $@"
	$(LIBC_Q)rm -f $@ && $(AR) rcs $@ $^

$(LIBC_CRT0): $(LIBC_DIR)/arch/x86_64/crt0.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(LIBC_Q)$(CC) $(LIBC_OWN_CFLAGS) -c $< -o $@

$(LIBC_BUILD)/%.o: $(LIBC_DIR)/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(LIBC_Q)$(CC) $(LIBC_OWN_CFLAGS) -c $< -o $@

$(LIBC_BUILD)/%.o: $(LIBC_DIR)/%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(LIBC_Q)$(CC) $(LIBC_OWN_CFLAGS) -c $< -o $@

clean-libc:
	rm -rf $(LIBC_BUILD) $(NIDO_ROOT)/build/tests/libc

-include $(LIBC_OBJS:.o=.d)

include $(NIDO_ROOT)/tests/libc/tests.mk
