# user/user.mk - nido's user space: init, the shell, the tools, the test programs, the initrd.
#
# Include this from the top-level Makefile, or run it on its own from the repository root:
#
#	make -f user/user.mk			build every program on nido's libc into build/user/
#	make -f user/user.mk user-musl		the same sources built with musl-gcc: build/user-musl/
#	make -f user/user.mk initrd		build/initrd.cpio (staged in build/initrd/)
#	make -f user/user.mk test-user-host	run every test program on this Linux host, both
#						builds; prints "N passed, N failed"
#	make -f user/user.mk clean-user
#
# Every program is a static Linux x86_64 executable, so the same binary runs on nido and on the
# Linux host. Sources:
#
#	user/init.c		-> sbin/init
#	user/sh/*.c		-> bin/sh			(one program from several files)
#	user/bin/NAME.c		-> bin/NAME			(bin/[ is a copy of bin/test)
#	user/tests/t_NAME.c	-> tests/t_NAME			(user/tests/tap.h: TAP output)
#	user/tests/musl/t_NAME.c -> tests/t_NAME, musl build only (needs a thread library)
#
# The initrd holds /sbin/init, /bin/*, /tests/* (nido libc), /tests/musl/* (the same tests on
# musl), /bin/busybox when Debian's busybox-static is installed, and empty /dev /proc /tmp /etc
# /root. There is no /etc/rc by default: init then runs /bin/sh in a loop.
# Everything this file defines starts with USER_ or INITRD_, so it can share a make namespace.

NIDO_ROOT ?= .
ifndef LIBC_A
include $(NIDO_ROOT)/libc/libc.mk
endif

USER_DIR := $(NIDO_ROOT)/user
USER_BUILD := $(NIDO_ROOT)/build/user
USER_MUSL_BUILD := $(NIDO_ROOT)/build/user-musl
INITRD_DIR := $(NIDO_ROOT)/build/initrd
INITRD := $(NIDO_ROOT)/build/initrd.cpio

MUSL_CC ?= musl-gcc
USER_CFLAGS := $(LIBC_CFLAGS) -D_GNU_SOURCE -MMD -MP
USER_MUSL_CFLAGS := -std=c11 -D_GNU_SOURCE -static -O2 -Wall -Wextra -Werror -MMD -MP
USER_BUSYBOX ?= /bin/busybox

USER_BIN_NAMES := $(sort $(basename $(notdir $(wildcard $(USER_DIR)/bin/*.c))))
USER_TEST_NAMES := $(sort $(basename $(notdir $(wildcard $(USER_DIR)/tests/t_*.c))))
USER_MUSL_TEST_NAMES := $(sort $(basename $(notdir $(wildcard $(USER_DIR)/tests/musl/t_*.c))))
USER_SH_SRCS := $(sort $(wildcard $(USER_DIR)/sh/*.c))

# what each build holds, relative to its directory
USER_PROGS := sbin/init bin/sh $(addprefix bin/,$(USER_BIN_NAMES)) \
	$(addprefix tests/,$(USER_TEST_NAMES))
USER_MUSL_PROGS := $(USER_PROGS) $(addprefix tests/,$(USER_MUSL_TEST_NAMES))

USER_ALL := $(addprefix $(USER_BUILD)/,$(USER_PROGS))
USER_MUSL_ALL := $(addprefix $(USER_MUSL_BUILD)/,$(USER_MUSL_PROGS))

.PHONY: user user-musl initrd test-user-host clean-user
user: $(USER_ALL)
user-musl: $(USER_MUSL_ALL)
initrd: $(INITRD)

USER_Q := $(if $(V),,@)

# ---- nido libc build ------------------------------------------------------------------------
$(USER_BUILD)/obj/%.o: $(USER_DIR)/%.c $(LIBC_A)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(USER_Q)$(CC) $(USER_CFLAGS) -c $< -o $@

USER_LINK = $(USER_Q)$(CC) $(LIBC_LDFLAGS) -o $@ $(LIBC_CRT0) \
	$(filter-out %/crt0.o,$(filter %.o,$^)) $(LIBC_A) -lgcc

$(USER_BUILD)/sbin/init: $(USER_BUILD)/obj/init.o $(LIBC_A) $(LIBC_CRT0)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(USER_LINK)

$(USER_BUILD)/bin/sh: $(patsubst $(USER_DIR)/%.c,$(USER_BUILD)/obj/%.o,$(USER_SH_SRCS)) \
		$(LIBC_A) $(LIBC_CRT0)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(USER_LINK)

$(USER_BUILD)/bin/%: $(USER_BUILD)/obj/bin/%.o $(LIBC_A) $(LIBC_CRT0)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(USER_LINK)

$(USER_BUILD)/tests/%: $(USER_BUILD)/obj/tests/%.o $(LIBC_A) $(LIBC_CRT0)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(USER_LINK)

# ---- musl build -----------------------------------------------------------------------------
$(USER_MUSL_BUILD)/obj/%.o: $(USER_DIR)/%.c
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	$(USER_Q)$(MUSL_CC) $(USER_MUSL_CFLAGS) -c $< -o $@

USER_MUSL_LINK = $(USER_Q)$(MUSL_CC) -static -o $@ $(filter %.o,$^)

$(USER_MUSL_BUILD)/sbin/init: $(USER_MUSL_BUILD)/obj/init.o
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(USER_MUSL_LINK)

$(USER_MUSL_BUILD)/bin/sh: $(patsubst $(USER_DIR)/%.c,$(USER_MUSL_BUILD)/obj/%.o,$(USER_SH_SRCS))
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(USER_MUSL_LINK)

$(USER_MUSL_BUILD)/bin/%: $(USER_MUSL_BUILD)/obj/bin/%.o
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(USER_MUSL_LINK)

$(USER_MUSL_BUILD)/tests/%: $(USER_MUSL_BUILD)/obj/tests/%.o
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(USER_MUSL_LINK) -pthread

$(USER_MUSL_BUILD)/tests/%: $(USER_MUSL_BUILD)/obj/tests/musl/%.o
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(USER_MUSL_LINK) -pthread

# ---- initrd ---------------------------------------------------------------------------------
# Staged from scratch every time so that a program deleted from the sources leaves the image.
$(INITRD): $(USER_ALL) $(USER_MUSL_ALL) $(USER_DIR)/user.mk
	@echo "  CPIO    $@"
	$(USER_Q)rm -rf $(INITRD_DIR)
	$(USER_Q)mkdir -p $(addprefix $(INITRD_DIR)/,sbin bin tests/musl dev proc tmp etc root)
	$(USER_Q)cp $(USER_BUILD)/sbin/init $(INITRD_DIR)/sbin/
	$(USER_Q)cp $(USER_BUILD)/bin/* $(INITRD_DIR)/bin/
	$(USER_Q)cp $(INITRD_DIR)/bin/test '$(INITRD_DIR)/bin/['
	$(USER_Q)cp $(addprefix $(USER_BUILD)/tests/,$(USER_TEST_NAMES)) $(INITRD_DIR)/tests/
	$(USER_Q)cp $(addprefix $(USER_MUSL_BUILD)/tests/,$(USER_TEST_NAMES) \
		$(USER_MUSL_TEST_NAMES)) $(INITRD_DIR)/tests/musl/
	$(USER_Q)if [ -x $(USER_BUSYBOX) ]; then cp $(USER_BUSYBOX) $(INITRD_DIR)/bin/busybox; fi
	$(USER_Q)chmod 1777 $(INITRD_DIR)/tmp
	$(USER_Q)cd $(INITRD_DIR) && find . | LC_ALL=C sort | \
		cpio --quiet -o -H newc -R 0:0 > $(abspath $@).tmp
	$(USER_Q)mv $@.tmp $@

# ---- tests on the Linux host ----------------------------------------------------------------
# nido-test is the same runner init uses on nido; here it runs both builds of every test.
test-user-host: $(USER_ALL) $(USER_MUSL_ALL)
	@sh $(USER_DIR)/tests/run-host.sh $(USER_BUILD) $(USER_MUSL_BUILD)

clean-user:
	rm -rf $(USER_BUILD) $(USER_MUSL_BUILD) $(INITRD_DIR) $(INITRD)

# the objects are intermediate files of the pattern rules above: keep them
.SECONDARY: $(patsubst $(USER_DIR)/%.c,$(USER_BUILD)/obj/%.o,$(USER_SH_SRCS) $(USER_DIR)/init.c \
	$(wildcard $(USER_DIR)/bin/*.c $(USER_DIR)/tests/t_*.c)) \
	$(patsubst $(USER_DIR)/%.c,$(USER_MUSL_BUILD)/obj/%.o,$(USER_SH_SRCS) $(USER_DIR)/init.c \
	$(wildcard $(USER_DIR)/bin/*.c $(USER_DIR)/tests/t_*.c $(USER_DIR)/tests/musl/t_*.c))
-include $(shell find $(USER_BUILD)/obj $(USER_MUSL_BUILD)/obj -name '*.d' 2>/dev/null)
