# host.mk - build and run the host unit tests (tests/host/test_*.c).
#
# Pure kernel code (allocators, parsers, formatters) is tested on the host: each test is a normal
# program, built with the host compiler and sanitizers, that links the kernel sources it tests
# plus tests/host/stubs.c, which fakes kmalloc/page_alloc/spinlocks/panic and counts leaks.
#
# Adding a test: create tests/host/test_NAME.c that includes "check.h" (see that file) and has,
# near the top, one line naming what to link with it, paths relative to the repository root:
#
#	// SOURCES: kernel/pid.c kernel/pidmap.c tests/host/stubs.c
#
# and, if it needs them, extra compiler flags on a line of their own:
#
#	// CFLAGS: -DPSPACE_MAX_DEPTH=256
#
# That is all: every tests/host/test_*.c is found, built to build/host/test_NAME and run.
#
# Use from the repository root, standalone or included from the top Makefile:
#	make -f tests/host/host.mk test-host-unit	build, run all, print "N passed, N failed"
#	make -f tests/host/host.mk build/host/test_pid	build one; run it as ./build/host/test_pid
# test-host-unit fails when a test fails or a test binary crashes.

HOST_CC		?= cc
HOST_CFLAGS	:= -std=c11 -Wall -Wextra -Werror -fsanitize=address,undefined -g \
		   -fno-omit-frame-pointer -Ikernel/include -Itests/host
HOST_BUILD	:= build/host
HOST_TESTS	:= $(sort $(wildcard tests/host/test_*.c))
HOST_BINS	:= $(patsubst tests/host/%.c,$(HOST_BUILD)/%,$(HOST_TESTS))
# Any header change rebuilds every test: simple, and the tests build in seconds.
HOST_HEADERS	:= $(wildcard kernel/include/*.h kernel/include/*/*.h tests/host/*.h)

# What a test file asks for on its "// SOURCES:" and "// CFLAGS:" lines.
host_sources	= $(shell sed -n 's|^// SOURCES:||p' $(1))
host_cflags	= $(shell sed -n 's|^// CFLAGS:||p' $(1))

host_saved_default_goal := $(.DEFAULT_GOAL)

define host_test_rule
$(HOST_BUILD)/$(1): tests/host/$(1).c $(call host_sources,tests/host/$(1).c) $(HOST_HEADERS)
	@mkdir -p $(HOST_BUILD)
	$(HOST_CC) $(HOST_CFLAGS) $(call host_cflags,tests/host/$(1).c) -o $$@ \
		tests/host/$(1).c $(call host_sources,tests/host/$(1).c)
endef
$(foreach t,$(HOST_TESTS:tests/host/%.c=%),$(eval $(call host_test_rule,$(t))))

# Run every binary even when one fails; count "ok -" and "not ok -" lines, and count a binary
# that exits non-zero without reporting a failed test (a crash, a sanitizer report) as a failure.
.PHONY: test-host-unit
test-host-unit: $(HOST_BINS)
	@passed=0; failed=0; \
	for t in $(HOST_BINS); do \
		echo "# $$t"; \
		out=$$(ASAN_OPTIONS=detect_leaks=1 \
			UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ./$$t 2>&1); rc=$$?; \
		printf '%s\n' "$$out"; \
		p=$$(printf '%s\n' "$$out" | grep -c '^ok - '); \
		f=$$(printf '%s\n' "$$out" | grep -c '^not ok - '); \
		if [ $$rc -ne 0 ] && [ $$f -eq 0 ]; then \
			echo "not ok - $$t exited with status $$rc"; f=1; \
		fi; \
		passed=$$((passed + p)); failed=$$((failed + f)); \
	done; \
	echo "$$passed passed, $$failed failed"; \
	[ $$failed -eq 0 ]

# Included: leave the includer's default goal alone. Standalone: running the tests is the default.
ifeq ($(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := test-host-unit
else
.DEFAULT_GOAL := $(host_saved_default_goal)
endif
