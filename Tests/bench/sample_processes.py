#!/usr/bin/env python3
"""What a few running programs cost over one phase of the benchmark, read from /proc.

usage: sample_processes.py --seconds N --out FILE.json NAME=PID [NAME=PID ...]

Per program: RSS and PSS (smaps_rollup) at the start and the end; context switches summed
over all threads (a thread seen only later counts from zero, one that exits keeps its last
reading); CPU time from utime+stime (clock ticks) and, to the nanosecond, from schedstat;
the CPU of reaped children (cutime+cstime); threads; and every child process and thread
started during the phase. Children come from the kernel's process-events connector (every
fork, however short-lived the child); without it (not root, or not permitted), from a scan
of /proc every 200 ms, which misses children that live less than that.

And the program's own wake-ups: how often it went to sleep in an interruptible wait (an event
loop's epoll_wait or poll) and was woken, counted by `perf stat` on the scheduler's
sched_switch tracepoint filtered to prev_state S. Context switches also count every
preemption and every block on a disk write or a page fault, so they grow with the machine's
load; these sleeps do not, which makes them the figure to compare between runs and commits
on a shared machine.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_EVERY = 1.0
SCAN_EVERY = 0.2


def read(path):
    try:
        with open(path) as file:
            return file.read()
    except OSError:
        return None


def memory_kib(pid):
    """Rss and Pss in KiB from smaps_rollup."""
    text = read(f"/proc/{pid}/smaps_rollup") or ""
    fields = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
            fields[parts[0][:-1]] = int(parts[1])
    return {key: fields.get(key) for key in ("Rss", "Pss", "Pss_Anon", "Pss_File", "Private_Dirty")}


def stat_fields(pid):
    """Fields of /proc/PID/stat after the command name (index 0 is field 3, state)."""
    text = read(f"/proc/{pid}/stat")
    return text[text.rindex(")") + 2:].split() if text else None


def cpu_ticks(pid):
    fields = stat_fields(pid)
    if fields is None:
        return None
    # Fields 14-17 of stat(5): utime stime cutime cstime.
    utime, stime, cutime, cstime = (int(fields[i]) for i in range(11, 15))
    return {"own": utime + stime, "children": cutime + cstime}


def thread_counters(pid):
    """Per thread: context switches (voluntary + involuntary), involuntary ones alone, and
    schedstat run time (ns)."""
    counters = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return counters
    for tid in tids:
        status = read(f"/proc/{pid}/task/{tid}/status")
        schedstat = read(f"/proc/{pid}/task/{tid}/schedstat")
        if status is None:
            continue
        switches = involuntary = 0
        for line in status.splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                switches += int(line.split()[1])
            elif line.startswith("nonvoluntary_ctxt_switches:"):
                involuntary = int(line.split()[1])
                switches += involuntary
        run_ns = int(schedstat.split()[0]) if schedstat else None
        counters[int(tid)] = (switches, involuntary, run_ns)
    return counters


class ThreadTotals:
    """Sums per-thread counters over a phase, so threads that come and go are counted."""

    def __init__(self, pid):
        self.pid = pid
        self.first = thread_counters(pid)
        self.last = dict(self.first)

    def update(self):
        self.last.update(thread_counters(self.pid))

    def delta(self, index):
        total = 0
        for tid, values in self.last.items():
            if values[index] is None:
                return None
            start = self.first.get(tid, (0, 0, 0))[index]
            total += values[index] - start
        return total


class EventWaits:
    """Sleeps in an interruptible wait, per program, over the phase (`perf stat`)."""

    def __init__(self, pids):
        self.counts = {pid: None for pid in pids}
        self.method = None
        self.processes = {}
        perf = shutil.which("perf")
        if perf is None:
            self.method = "not counted: perf is not installed (linux-perf)"
            return
        for pid in pids:
            output = tempfile.NamedTemporaryFile(mode="w+", suffix=".csv")
            process = subprocess.Popen(
                [perf, "stat", "-x", ",", "-e", "sched:sched_switch", "--filter", "prev_state == 1",
                 "-p", str(pid), "-o", output.name],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            self.processes[pid] = (process, output)
        self.method = "perf stat, sched_switch with prev_state S"

    def stop(self):
        for pid, (process, output) in self.processes.items():
            process.send_signal(signal.SIGINT)
            _, errors = process.communicate()
            total, counted = 0, False
            for line in open(output.name):
                fields = line.strip().split(",")
                if len(fields) > 2 and fields[2] == "sched:sched_switch":
                    # "<not counted>": the task never ran while perf watched, so it made no call.
                    total += int(fields[0]) if fields[0].isdigit() else 0
                    counted = fields[0].isdigit() or fields[0] == "<not counted>"
            output.close()
            self.counts[pid] = total if counted else None
            if not counted and self.method.startswith("perf"):
                self.method = f"not counted: perf stat said {errors.decode(errors='replace').strip()[:200]!r}"


class ProcessEvents(threading.Thread):
    """Children and threads born during the phase, from the netlink process-events connector."""

    NETLINK_CONNECTOR = 11
    CN_IDX_PROC = 1
    CN_VAL_PROC = 1
    PROC_CN_MCAST_LISTEN = 1
    PROC_EVENT_FORK = 0x1
    PROC_EVENT_EXEC = 0x2
    # nlmsghdr (16 bytes) + cn_msg (20 bytes), then proc_event: what, cpu, timestamp, data.
    EVENT_OFFSET = 36
    DATA_OFFSET = 52

    def __init__(self, watched):
        super().__init__(daemon=True)
        self.watched = set(watched)
        self.children = {pid: {} for pid in watched}
        self.threads_started = {pid: 0 for pid in watched}
        self.parent_of = {}
        self.lock = threading.Lock()
        self.running = True
        self.socket = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, self.NETLINK_CONNECTOR)
        self.socket.bind((os.getpid(), self.CN_IDX_PROC))
        operation = struct.pack("I", self.PROC_CN_MCAST_LISTEN)
        message = struct.pack("IIIIHH", self.CN_IDX_PROC, self.CN_VAL_PROC, 0, 0, len(operation), 0) + operation
        self.socket.send(struct.pack("IHHII", 16 + len(message), 3, 0, 0, os.getpid()) + message)
        self.socket.settimeout(0.5)
        self.method = "netlink process-events connector"

    def run(self):
        while self.running:
            try:
                data = self.socket.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            if len(data) < self.DATA_OFFSET + 8:
                continue
            what = struct.unpack_from("I", data, self.EVENT_OFFSET)[0]
            if what == self.PROC_EVENT_FORK:
                _, parent_tgid, child_pid, child_tgid = struct.unpack_from("4I", data, self.DATA_OFFSET)
                with self.lock:
                    if child_pid != child_tgid:
                        if child_tgid in self.watched:
                            self.threads_started[child_tgid] += 1
                        continue
                    owner = parent_tgid if parent_tgid in self.watched else self.parent_of.get(parent_tgid)
                    if owner is not None:
                        # Grandchildren (a shell's command) count for the program that started the shell.
                        self.parent_of[child_pid] = owner
                        self.children[owner].setdefault(child_pid, read(f"/proc/{child_pid}/comm"))
            elif what == self.PROC_EVENT_EXEC:
                pid = struct.unpack_from("I", data, self.DATA_OFFSET)[0]
                with self.lock:
                    owner = self.parent_of.get(pid)
                    if owner is not None:
                        self.children[owner][pid] = read(f"/proc/{pid}/comm")

    def stop(self):
        self.running = False

    def result(self, pid):
        with self.lock:
            return self.children[pid], self.threads_started[pid]


class ProcScan(threading.Thread):
    """The fallback: whatever has a watched process as an ancestor at each scan."""

    def __init__(self, watched):
        super().__init__(daemon=True)
        self.watched = set(watched)
        self.children = {pid: {} for pid in watched}
        self.lock = threading.Lock()
        self.running = True
        self.method = f"scan of /proc every {int(SCAN_EVERY * 1000)} ms (misses children living less than that)"

    def run(self):
        while self.running:
            parents = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    fields = stat_fields(entry)
                    if fields:
                        parents[int(entry)] = int(fields[1])
            with self.lock:
                for pid in parents:
                    ancestor = parents.get(pid)
                    while ancestor is not None and ancestor not in self.watched and ancestor > 1:
                        ancestor = parents.get(ancestor)
                    if ancestor in self.watched:
                        self.children[ancestor].setdefault(pid, read(f"/proc/{pid}/comm"))
            time.sleep(SCAN_EVERY)

    def stop(self):
        self.running = False

    def result(self, pid):
        with self.lock:
            return self.children[pid], None


def start_child_watch(pids):
    try:
        watcher = ProcessEvents(pids)
    except OSError:
        watcher = ProcScan(pids)
    watcher.start()
    return watcher


def summarize(name, pid, seconds, totals, ticks_start, ticks_end, memory_start, memory_end, threads, watcher, waits):
    minutes = seconds / 60
    hours = seconds / 3600
    children, threads_started = watcher.result(pid)
    switches = totals.delta(0)
    involuntary = totals.delta(1)
    run_ns = totals.delta(2)
    names = {}
    for comm in children.values():
        key = (comm or "(gone before its name was read)").strip()
        names[key] = names.get(key, 0) + 1
    return {
        "name": name,
        "pid": pid,
        "alive_at_end": ticks_end is not None,
        "rss_kib": memory_end["Rss"],
        "pss_kib": memory_end["Pss"],
        "memory_start_kib": memory_start,
        "memory_end_kib": memory_end,
        "context_switches": switches,
        "wakeups_per_minute": switches / minutes if switches is not None else None,
        "event_waits": waits.counts[pid],
        "event_waits_per_minute": waits.counts[pid] / minutes if waits.counts[pid] is not None else None,
        # Preemptions: what a busy machine does to the program, not what the program asks for.
        "involuntary_per_minute": involuntary / minutes if involuntary is not None else None,
        "cpu_seconds_per_hour": (ticks_end["own"] - ticks_start["own"]) / CLOCK_TICKS / hours if ticks_end else None,
        "cpu_seconds_per_hour_schedstat": run_ns / 1e9 / hours if run_ns is not None else None,
        "children_cpu_seconds_per_hour": (
            (ticks_end["children"] - ticks_start["children"]) / CLOCK_TICKS / hours if ticks_end else None
        ),
        "threads": threads,
        "threads_started": threads_started,
        "children_spawned": len(children),
        "children_by_name": names,
    }


def threads_of(pid):
    text = read(f"/proc/{pid}/status") or ""
    for line in text.splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("programs", nargs="+", metavar="NAME=PID")
    args = parser.parse_args()
    programs = [(name, int(pid)) for name, pid in (item.split("=", 1) for item in args.programs)]
    pids = [pid for _, pid in programs]

    watcher = start_child_watch(pids)
    waits = EventWaits(pids)
    started = time.monotonic()
    load_start = os.getloadavg()
    memory_start = {pid: memory_kib(pid) for pid in pids}
    ticks_start = {pid: cpu_ticks(pid) for pid in pids}
    totals = {pid: ThreadTotals(pid) for pid in pids}
    thread_peak = {pid: threads_of(pid) or 0 for pid in pids}
    while time.monotonic() - started < args.seconds:
        time.sleep(min(SAMPLE_EVERY, max(0.0, args.seconds - (time.monotonic() - started))))
        for pid in pids:
            totals[pid].update()
            thread_peak[pid] = max(thread_peak[pid], threads_of(pid) or 0)
    elapsed = time.monotonic() - started
    memory_end = {pid: memory_kib(pid) for pid in pids}
    ticks_end = {pid: cpu_ticks(pid) for pid in pids}
    watcher.stop()
    waits.stop()

    result = {
        "label": args.label,
        "seconds": elapsed,
        "load_average_start": load_start,
        "load_average_end": os.getloadavg(),
        "children_method": watcher.method,
        "event_waits_method": waits.method,
        "programs": [
            summarize(
                name, pid, elapsed, totals[pid], ticks_start[pid], ticks_end[pid],
                memory_start[pid], memory_end[pid], thread_peak[pid], watcher, waits)
            for name, pid in programs
        ],
    }
    with open(args.out, "w") as file:
        json.dump(result, file, indent=2)


if __name__ == "__main__":
    main()
