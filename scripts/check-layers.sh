#!/bin/sh
# Keeps the layering of DESIGN.md §2 visible: a file may include only its
# own layer and the layers below it (core < store < domain < api < http <
# cli), and SQL is never assembled with printf-style formatting.
set -e
fail=0
check() { # layer, forbidden include prefixes
	layer=$1; shift
	for bad in "$@"; do
		if grep -n "#include \"$bad/" src/$layer/*.[ch] 2>/dev/null; then
			echo "check-layers: src/$layer must not include $bad/" >&2
			fail=1
		fi
	done
}
check core store domain api http cli
check store domain api http cli
check domain api http cli
check api http cli
check http cli
# SQL text built with a format string (values must be bound, never pasted).
if grep -nE '(printf|arena_printf)\([^;]*"(SELECT|INSERT|UPDATE|DELETE|WHERE|AND|OR) [^"]*%' src/*/*.c; then
	echo "check-layers: SQL built with a format string" >&2
	fail=1
fi
[ $fail -eq 0 ] && echo "check-layers: ok"
exit $fail
