#!/usr/bin/env python3
"""Why a process gives up the CPU: every context switch over a while, grouped by where it blocked.

usage: switch_causes.py PID SECONDS     (root, and `perf` from the linux-perf package)

Records the scheduler's sched_switch tracepoint with call stacks for the process and prints,
per cause, how many switches it made: the system call it blocked in (fsync, epoll_wait, poll,
...) and the first function of the program on the stack (demangled with swift-demangle when
it is installed). This is how docs/benchmarks.md attributes sitbreakd's "wake-ups".
"""

import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Kernel frames that say which system call or fault the task blocked in.
ENTRY = re.compile(r"^(?:__x64_sys_|__se_sys_|ksys_)(\w+)$")


def stacks(perf_data):
    script = subprocess.run(
        ["perf", "script", "-i", perf_data, "-F", "ip,sym,dso"], capture_output=True, text=True, check=True).stdout
    stack = []
    for line in script.splitlines() + [""]:
        fields = line.split()
        if not fields:
            if stack:
                yield stack
            stack = []
            continue
        if len(fields) >= 2:
            dso = fields[-1].strip("()")
            stack.append((fields[1], dso))


def cause(stack):
    syscall = "page fault" if any(symbol == "exc_page_fault" for symbol, _ in stack) else None
    program = None
    for symbol, dso in stack:
        match = ENTRY.match(symbol)
        if match and syscall is None:
            syscall = match.group(1)
        if program is None and "kernel" not in dso and not dso.startswith("/usr/lib") and symbol != "[unknown]":
            program = symbol
    if syscall is None:
        syscall = "preempted" if stack and stack[0][0] in ("__schedule", "preempt_schedule_common") else "?"
    return syscall, program or "?"


def demangled(names):
    tool = shutil.which("swift-demangle")
    if not tool or not names:
        return {name: name for name in names}
    output = subprocess.run([tool, "--simplified", "--compact"], input="\n".join(names), capture_output=True, text=True)
    lines = output.stdout.splitlines()
    return dict(zip(names, lines)) if len(lines) == len(names) else {name: name for name in names}


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.splitlines()[2])
    pid, seconds = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as directory:
        data = os.path.join(directory, "perf.data")
        subprocess.run(
            ["perf", "record", "-q", "-e", "sched:sched_switch", "-g", "-p", pid, "-o", data, "--", "sleep", seconds],
            check=True, stdout=subprocess.DEVNULL)
        counts = collections.Counter(cause(stack) for stack in stacks(data))
    names = demangled(sorted({program for _, program in counts}))
    total = sum(counts.values())
    print(f"{total} context switches of {pid} in {seconds} s")
    print("| switches | blocked in | program frame |")
    print("| ---: | --- | --- |")
    for (syscall, program), count in counts.most_common():
        print(f"| {count} | {syscall} | `{names[program][:120]}` |")


if __name__ == "__main__":
    main()
