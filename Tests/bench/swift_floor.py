#!/usr/bin/env python3
"""What any Swift program costs before it does anything: a static hello world's memory and start.

usage: swift_floor.py --work DIR --out FILE.json [--swiftc swiftc]

Builds, with the toolchain that builds sitbreak and the same static standard library, a
program that only waits on its standard input, then reads its RSS and PSS the way
sample_processes.py reads sitbreakd's, and times 100 exec → exit runs of a variant that exits
at once, as sitbreak_latency.py times `sitbreakctl status`. docs/benchmarks.md sets sitbreak's
numbers against these.
"""

import argparse
import json
import os
import subprocess
import time

from sitbreak_latency import summary

WAITING = "import Glibc\nvar byte: UInt8 = 0\n_ = read(0, &byte, 1)\n"
EXITING = "print(\"hello\")\n"


def build(swiftc, program, binary):
    with open(binary + ".swift", "w") as file:
        file.write(program)
    # Linked as Package.swift links sitbreak's programs: lld, relative relocations packed.
    subprocess.run([swiftc, "-O", "-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                    binary + ".swift", "-o", binary],
                   check=True, capture_output=True)


def memory(binary):
    process = subprocess.Popen([binary], stdin=subprocess.PIPE)
    try:
        time.sleep(1)
        readings = {}
        with open(f"/proc/{process.pid}/smaps_rollup") as rollup:
            for line in rollup:
                name, _, rest = line.partition(":")
                if name in ("Rss", "Pss", "Private_Dirty"):
                    readings[name] = int(rest.split()[0])
        return readings
    finally:
        process.stdin.close()
        process.wait()


def start_times(binary, runs=100):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([binary], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return summary(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--swiftc", default="swiftc")
    arguments = parser.parse_args()
    os.makedirs(arguments.work, exist_ok=True)
    waiting, exiting = (os.path.join(arguments.work, name) for name in ("waiting", "exiting"))
    build(arguments.swiftc, WAITING, waiting)
    build(arguments.swiftc, EXITING, exiting)
    result = {"memory_kib": memory(waiting), "exec_to_exit": start_times(exiting),
              "binary_bytes": os.path.getsize(waiting)}
    with open(arguments.out, "w") as file:
        json.dump(result, file, indent=2)


if __name__ == "__main__":
    main()
