#!/usr/bin/env bash
# `make check`: every test, in steps that cannot disturb each other, one after another on one
# build, with the wall time of each and, at the end, every test that did not run and why.
#
#   1. build, refusing warnings
#   2. unit and integration tests (the fuzz corpora replayed among them), without the load
#      and crash suites, whose abuse would slow the timing-sensitive tests beside them
#   3. the load and crash suites, alone
#   4. a short real fuzz pass per target (CHECK_FUZZ_RUNS runs each, 20 000 unless set)
#   5. the system tests (real systemd, D-Bus, desktops), one after another
#
# With CI=true as root, a system test that skips fails the check: CI has everything they need.
# BUILD_DIR (default .build) and SWIFT (default swift) as in the Makefile.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-.build}
swift=${SWIFT:-swift}
fuzz_runs=${CHECK_FUZZ_RUNS:-20000}
logs=$build/check
mkdir -p "$logs"
rm -f "$logs"/*.log "$logs"/*.txt

load_suites='SocketLoadTests|CrashSafetyTests'
summary=()
failed=0

# step NAME LOG COMMAND...: runs the command with its output shown and kept in LOG.
step() {
    local name=$1 log=$logs/$2 started status
    shift 2
    echo "== $name"
    started=$(date +%s)
    if "$@" 2>&1 | tee "$log"; then status=passed; else status=FAILED; failed=1; fi
    summary+=("$(printf '%-34s %-7s %5d s' "$name" "$status" $(( $(date +%s) - started )))")
}

build_step() {
    local output=$logs/build-output.txt status=0
    "$swift" build --scratch-path "$build" --build-tests > "$output" 2>&1 || status=1
    cat "$output"
    # Warnings in our own code fail the check; the dependencies' are theirs.
    if grep -E "warning:" "$output" | grep -v "/.build[^/]*/checkouts/" | grep . > /dev/null; then
        echo "swift build warns (above)"
        status=1
    fi
    return $status
}

# Each system test's wall time, and the ones that failed, go to system-times.txt for the end.
system_tests() {
    local test status=0 started result
    for test in Tests/system/test-*.sh; do
        echo "== $test"
        started=$(date +%s)
        result=passed
        BUILD_DIR=$build bash "$test" || { result=FAILED; status=1; }
        printf '   %-40s %-6s %5d s\n' "$(basename "$test")" $result $(( $(date +%s) - started )) \
            >> "$logs/system-times.txt"
    done
    return $status
}

started=$(date +%s)
step "build" build.log build_step
if [ $failed = 0 ]; then
    step "unit and integration tests" tests.log \
        "$swift" test --scratch-path "$build" --skip-build --skip "$load_suites"
    step "load and crash suites" load.log \
        "$swift" test --scratch-path "$build" --skip-build --filter "$load_suites"
    step "fuzz, $fuzz_runs runs a target" fuzz.log \
        env FUZZ_RUNS="$fuzz_runs" FUZZ_BUILD_DIR="$build-fuzz" SWIFT="$swift" bash Tests/fuzz/run.sh
    step "system tests" system.log system_tests
fi

echo
echo "== what ran"
printf '%s\n' "${summary[@]}"
[ -f "$logs/system-times.txt" ] && cat "$logs/system-times.txt"
echo "   total $(( $(date +%s) - started )) s"

# Swift Testing says `➜ Test name() skipped: "reason"`; the system tests say `SKIP name: reason`.
skipped=$(cat "$logs"/tests.log "$logs"/load.log 2>/dev/null | grep -E '^➜ Test .* skipped' | sed 's/^➜ //' | sort -u)
system_skipped=$(grep -E '^SKIP ' "$logs/system.log" 2>/dev/null | sort -u)
count=$(printf '%s\n%s\n' "$skipped" "$system_skipped" | grep -c .)
echo "== skipped: $count"
[ -n "$skipped" ] && printf '   %s\n' "$skipped"
[ -n "$system_skipped" ] && printf '   %s\n' "$system_skipped"
if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ] && [ -n "$system_skipped" ]; then
    echo "CI runs as root with every test package installed: a system test may not skip here"
    failed=1
fi
exit $failed
