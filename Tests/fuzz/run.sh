#!/usr/bin/env bash
# Builds sitbreak's libFuzzer targets against the package's own modules and runs each.
#
#   Tests/fuzz/run.sh                       every target, FUZZ_RUNS runs each (default 1 000 000)
#   FUZZ_RUNS=20000 Tests/fuzz/run.sh config  one target, a smoke run
#
# FUZZ_BUILD_DIR (default .build-fuzz) holds the instrumented build and what the runs find;
# new inputs go to FUZZ_BUILD_DIR/fuzz/corpus/TARGET, crashes to Tests/fuzz/corpus/TARGET/
# so that every later run replays them. FUZZ_FLAGS adds libFuzzer options (e.g. -fork=2
# -ignore_crashes=1 to go on past a crash). Exit status 1 if any target crashed. See docs/hardening.md.
set -euo pipefail

cd "$(dirname "$0")/../.."
runs=${FUZZ_RUNS:-1000000}
build=${FUZZ_BUILD_DIR:-.build-fuzz}
read -ra extra <<<"${FUZZ_FLAGS:-}"
# What the Makefile builds with (-Xcxx -DNDEBUG), so that what is fuzzed is what ships.
swift=${SWIFT:-swift}
here=Tests/fuzz
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(control-request config exercise-file state-file duration)

# Coverage instrumentation for the Swift compiles only (-Xfrontend), and libFuzzer's
# callbacks without its main() for everything SwiftPM links (the build plugin's tool):
# `-sanitize=fuzzer` on the whole build would give the executables two main functions.
flags=(-c release --scratch-path "$build"
       -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer
       -Xswiftc -Xclang-linker -Xswiftc -fsanitize=fuzzer-no-link)
mkdir -p "$build/fuzz"
for module in SitBreakFuzzChecks; do
    "$swift" build "${flags[@]}" --target "$module" >"$build/fuzz/build.log" 2>&1 \
        || { cat "$build/fuzz/build.log"; exit 1; }
done

products=$build/release
objects=()
for module in SitBreakFuzzChecks SitBreakModel SitBreakProtocol SitBreakPresentation SitBreakJSON SitBreakTOML SitBreakFiles \
              SitBreakConfig SitBreakCoach; do
    objects+=("$products/$module.build/"*.o)
done

known_targets="control-request config exercise-file state-file duration"
dictionary_of() {
    case $1 in
        control-request | state-file) echo json.dict ;;
        duration) echo duration.dict ;;
        *) echo toml.dict ;;
    esac
}

failed=0
for target in "${targets[@]}"; do
    binary=$build/fuzz/$target
    case " $known_targets " in *" $target "*) ;; *) echo "unknown target $target ($known_targets)" >&2; exit 2 ;; esac
    # One entry point for all: -D picks the target's check (Tests/fuzz/Checks/FuzzChecks.swift).
    define=TARGET_$(tr 'a-z-' 'A-Z_' <<<"$target")
    swiftc -O -parse-as-library -sanitize=fuzzer -module-name "Fuzz_${target//-/_}" -D "$define" \
        -I "$products/Modules" "$here/Target.swift" "${objects[@]}" -o "$binary"
    mkdir -p "$build/fuzz/corpus/$target"
    echo "== $target: $runs runs"
    # Swift's own crash backtracer would take the signal before libFuzzer could save the input.
    if ! SWIFT_BACKTRACE=enable=no "$binary" -runs="$runs" -print_final_stats=1 -timeout=10 \
        -dict="$here/$(dictionary_of "$target")" -artifact_prefix="$here/corpus/$target/" "${extra[@]}" \
        "$build/fuzz/corpus/$target" "$here/corpus/$target" 2>"$build/fuzz/$target.log"; then
        failed=1
        grep -E "ERROR|Fatal error|Precondition|SUMMARY|Test unit written" "$build/fuzz/$target.log" || tail -20 "$build/fuzz/$target.log"
    fi
    grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^#[0-9]+.*DONE" "$build/fuzz/$target.log" || true
done
exit $failed
