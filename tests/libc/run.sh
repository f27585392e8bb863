#!/bin/sh
# run.sh BUILD_DIR - run nido libc's host tests (built by tests/libc/tests.mk).
#
# Each unit test runs in a fresh scratch directory (also its TMPDIR) and passes when it exits 0.
# Each compare test passes when its nido-libc build prints exactly what its glibc build prints.
# Prints one line per test, then "N passed, N failed"; exits 1 if anything failed.
set -u
build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd) || exit 1
pass=0
fail=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM

for t in "$build"/unit/t_*; do
	case $t in *.o | *.d) continue ;; esac
	[ -x "$t" ] || continue
	name=$(basename "$t")
	dir="$scratch/$name"
	mkdir -p "$dir"
	if (cd "$dir" && TMPDIR="$dir" timeout 60 "$t" >"$dir.out" 2>&1 </dev/null); then
		echo "PASS  $name ($(tail -n 1 "$dir.out"))"
		pass=$((pass + 1))
	else
		echo "FAIL  $name"
		sed 's/^/      /' "$dir.out" | tail -n 40
		fail=$((fail + 1))
	fi
done

for h in "$build"/compare/c_*.host; do
	[ -x "$h" ] || continue
	name=$(basename "$h" .host)
	n="$build/compare/$name.nido"
	timeout 60 "$h" >"$scratch/$name.host.out" 2>&1 </dev/null
	timeout 60 "$n" >"$scratch/$name.nido.out" 2>&1 </dev/null
	if cmp -s "$scratch/$name.host.out" "$scratch/$name.nido.out"; then
		echo "PASS  $name ($(wc -l <"$scratch/$name.host.out") lines identical to glibc)"
		pass=$((pass + 1))
	else
		echo "FAIL  $name (< glibc, > nido libc)"
		diff "$scratch/$name.host.out" "$scratch/$name.nido.out" | head -n 40 | sed 's/^/      /'
		fail=$((fail + 1))
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
