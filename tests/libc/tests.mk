# tests/libc/tests.mk - nido libc's host tests; included by libc/libc.mk, run with
#
#	make -f libc/libc.mk test-libc		(or make -C libc test-libc)
#
# Two kinds of test, both static programs that run on the Linux host:
#
#  unit/t_NAME.c	built against nido's libc; checks its own results (tests/libc/check.h)
#			and exits non-zero on a failure.
#  compare/c_NAME.c	built twice, against nido's libc (c_NAME.nido) and against the host's
#			glibc (c_NAME.host); the two outputs must be identical. That is how the
#			printf, strtod, strftime, ctype and ABI-constant tables are checked: glibc
#			is the reference.
#
# run.sh prints one line per test and then "N passed, N failed"; it fails if anything failed.

LIBC_TEST_DIR := $(NIDO_ROOT)/tests/libc
LIBC_TEST_BUILD := $(NIDO_ROOT)/build/tests/libc

LIBC_UNIT_SRCS := $(sort $(wildcard $(LIBC_TEST_DIR)/unit/t_*.c))
LIBC_CMP_SRCS := $(sort $(wildcard $(LIBC_TEST_DIR)/compare/c_*.c))
LIBC_UNIT_BINS := $(patsubst $(LIBC_TEST_DIR)/unit/%.c,$(LIBC_TEST_BUILD)/unit/%,$(LIBC_UNIT_SRCS))
LIBC_CMP_BINS := $(patsubst $(LIBC_TEST_DIR)/compare/%.c,$(LIBC_TEST_BUILD)/compare/%.nido,\
	$(LIBC_CMP_SRCS)) $(patsubst $(LIBC_TEST_DIR)/compare/%.c,$(LIBC_TEST_BUILD)/compare/%.host,\
	$(LIBC_CMP_SRCS))

# the host build of a compare test: glibc, with the kernel's uapi headers searched last
LIBC_HOST_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Wno-format \
	-idirafter $(NIDO_ROOT)/kernel/include

$(LIBC_TEST_BUILD)/unit/%: $(LIBC_TEST_DIR)/unit/%.c $(LIBC_TEST_DIR)/check.h $(LIBC_A) \
		$(LIBC_CRT0)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(LIBC_Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@.o
	$(LIBC_Q)$(CC) $(LIBC_LDFLAGS) -o $@ $(LIBC_CRT0) $@.o $(LIBC_A) -lgcc

$(LIBC_TEST_BUILD)/compare/%.nido: $(LIBC_TEST_DIR)/compare/%.c $(LIBC_A) $(LIBC_CRT0)
	@mkdir -p $(dir $@)
	@echo "  CC      $< (nido libc)"
	$(LIBC_Q)$(CC) $(LIBC_CFLAGS) -Wno-format -DNIDO_LIBC -c $< -o $@.o
	$(LIBC_Q)$(CC) $(LIBC_LDFLAGS) -o $@ $(LIBC_CRT0) $@.o $(LIBC_A) -lgcc

$(LIBC_TEST_BUILD)/compare/%.host: $(LIBC_TEST_DIR)/compare/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (host glibc)"
	$(LIBC_Q)$(CC) $(LIBC_HOST_CFLAGS) -o $@ $<

.PHONY: test-libc-build
test-libc-build: $(LIBC_UNIT_BINS) $(LIBC_CMP_BINS)

test-libc: test-libc-build
	@sh $(LIBC_TEST_DIR)/run.sh $(LIBC_TEST_BUILD)
