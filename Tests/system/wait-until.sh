# Sourced by Tests/system/lib.sh and Tests/bench/bench.sh.

# Repeats COMMAND every 0.2 s until it succeeds (0) or SECONDS pass (1).
# usage: wait_until SECONDS COMMAND [ARGUMENTS...]
wait_until() {
    local seconds=$1 deadline
    shift
    deadline=$((SECONDS + seconds))
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}
