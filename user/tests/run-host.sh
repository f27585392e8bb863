#!/bin/sh
# run-host.sh BUILD... - run nido's user test programs on this Linux host.
#
# For each build directory (build/user, build/user-musl) its own nido-test runs every program in
# BUILD/tests, in a scratch directory that is also TMPDIR. Prints nido-test's TAP, then one
# summary "N passed, N failed" over all builds; exits 1 if anything failed.
set -u
pass=0
fail=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM

for build in "$@"; do
	build=$(cd "$build" && pwd) || exit 1
	echo "# $build/tests (runner $build/bin/nido-test)"
	(cd "$scratch" && TMPDIR="$scratch" "$build/bin/nido-test" -t 60 "$build/tests" \
		</dev/null) >"$scratch/out" 2>&1
	cat "$scratch/out"
	summary=$(grep '^# nido-test: ' "$scratch/out" | tail -n 1)
	p=$(echo "$summary" | sed -n 's/.* \([0-9]*\) passed.*/\1/p')
	f=$(echo "$summary" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	if [ -z "$p" ] || [ -z "$f" ]; then
		echo "# the runner printed no summary"
		p=0
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
