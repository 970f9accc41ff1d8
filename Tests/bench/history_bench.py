#!/usr/bin/env python3
"""`sitbreakctl stats` and sitbreakd's start on 1, 5 and 10 years of history.

usage: history_bench.py --bin DIR --floor HELLO --work DIR --out FILE.json

For each span, a history made by history_generator.py (fixed seed) in a home of its own and
summarized by sitbreakd, as a user's file is (a start with `keep` longer than the span);
then whether the whole span reads the same from the summaries as from the rows alone, and
exec -> exit and CPU time (median of RUNS) and peak RSS (worst of 3, GNU time) of `stats` (today),
`stats --week`, `stats` over the whole span, and the whole span as `--json` and `--csv`,
output to /dev/null. Then sitbreakd started STARTS times, each on a fresh copy of the
ten-year file with the default `keep = "365d"` (nine years to prune): exec -> `READY=1`;
and once, the pruning that follows READY: how long until the daemon reports it done, the
worst `sitbreakctl status` meanwhile (the loop stays free between slices), and the file's
size before and after. Each run of `stats` and each start alternates with a run of the static
hello world (swift_floor.py's, --floor), spawned the same way: report.py reads each time as a
ratio to its own floor's median, which saw the same load at the same moments.
"""

import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time

from sitbreak_latency import Daemon, Home, now, spawn, summary

YEARS = (1, 5, 10)
RUNS = 11
STARTS = 10
CONFIG = '[activity]\nsources = ["manual"]\n'
# The spans' homes keep everything: their daemon summarizes the years and prunes nothing.
KEEP_ALL_CONFIG = CONFIG + '[history]\nkeep = "4000d"\n'
QUERIES = {
    "today": [],
    "week": ["--week"],
    "whole span": ["--since", "1970-01-01"],
    "whole span --json": ["--since", "1970-01-01", "--json"],
    "whole span --csv": ["--since", "1970-01-01", "--csv"],
}
HERE = os.path.dirname(os.path.abspath(__file__))


def history_path(home):
    return os.path.join(home.root, ".local/state/sitbreak/history.sqlite3")


def fresh_copy(source, home):
    """`source` as the home's history, alone (no log or index of an earlier run), mode 0600."""
    path = history_path(home)
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    shutil.copyfile(source, path)
    os.chmod(path, 0o600)


def timed_run(argv, environment):
    """Seconds from just before posix_spawn to wait4's return."""
    return cpu_timed_run(argv, environment)[0]


def cpu_timed_run(argv, environment):
    """Seconds from just before posix_spawn to wait4's return, and the CPU seconds (user and
    system) the program used: the second a loaded machine does not stretch by waiting."""
    started = now()
    pid = spawn(argv, environment)
    _, status, usage = os.wait4(pid, 0)
    elapsed = now() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed with {status}")
    return elapsed, usage.ru_utime + usage.ru_stime


def peak_rss_kib(argv, environment):
    """The program's peak RSS, as GNU time reads it. Not from a child of this process: Linux
    keeps the peak of the memory a spawned child shared with Python before its exec."""
    with open(os.devnull, "w") as devnull:
        reading = subprocess.run(["/usr/bin/time", "-f", "%M", "--"] + argv, env=environment, stdout=devnull,
                                 stderr=subprocess.PIPE, text=True, check=True).stderr
    return int(reading.strip().splitlines()[-1])


def daemon_line(home, text):
    """The first line of sitbreakd's log in `home` that holds `text`, or None."""
    with open(os.path.join(home.root, "sitbreakd.log"), errors="replace") as file:
        return next((line.strip() for line in file if text in line), None)


def make_history(bin_dir, home, years):
    """sitbreakd creates the file (its schema, its settings), the generator fills it, then
    sitbreakd starts once more and summarizes the finished days, as it does in a user's file:
    returns the events and the seconds from that start until the summaries were written."""
    daemon = Daemon(bin_dir, home)
    daemon.wait_for_socket()
    daemon.stop()
    output = subprocess.run([sys.executable, os.path.join(HERE, "history_generator.py"), "--db", history_path(home),
                             "--years", str(years)], check=True, capture_output=True, text=True).stdout
    daemon = Daemon(bin_dir, home)
    daemon.wait_for_socket()
    deadline = now() + 300
    while daemon_line(home, "history: summarized") is None and now() < deadline:
        time.sleep(0.05)
    summarized_after = now() - daemon.started
    daemon.stop()
    if daemon_line(home, "history: summarized") is None:
        raise SystemExit(f"sitbreakd did not summarize {years} years of history in 300 s")
    return int(output.strip()), summarized_after


def measure_queries(bin_dir, floor, home):
    ctl = os.path.join(bin_dir, "sitbreakctl")
    results = {}
    for name, arguments in QUERIES.items():
        argv = [ctl, "stats"] + arguments
        timed_run(argv, home.environment)  # warm the page cache
        floors, runs = [], []
        for _ in range(RUNS):
            floors.append(timed_run([floor], home.environment))
            runs.append(cpu_timed_run(argv, home.environment))
        results[name] = {"seconds": summary([elapsed for elapsed, _ in runs]),
                         "cpu_seconds": summary([cpu for _, cpu in runs]),
                         "floor_seconds": summary(floors),
                         "peak_rss_kib": max(peak_rss_kib(argv, home.environment) for _ in range(3))}
    return results


def summaries_match_rows(bin_dir, home, work):
    """Whether the whole span reads the same, text and JSON, from the summaries as from the rows
    alone: the same file without its summaries, in a home of its own."""
    ctl = os.path.join(bin_dir, "sitbreakctl")
    bare = Home(os.path.join(work, "without-summaries"), KEEP_ALL_CONFIG)
    fresh_copy(history_path(home), bare)
    with sqlite3.connect(history_path(bare)) as connection:
        connection.execute("DELETE FROM day_summaries")
        connection.execute("DELETE FROM day_breaks_by_evidence")
    outputs = []
    for reading in (home, bare):
        outputs.append([subprocess.run([ctl, "stats", "--since", "1970-01-01"] + extra, env=reading.environment,
                                       check=True, capture_output=True).stdout for extra in ([], ["--json"])])
    return outputs[0] == outputs[1]


def ready_with(bin_dir, floor, home, source):
    """exec -> READY=1 of STARTS starts, each on a fresh copy of `source`, and the floor's
    exec -> exit between them."""
    notify = os.path.join(home.root, "notify.sock")
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(notify)
    receiver.settimeout(20)
    samples, floors = [], []
    try:
        for _ in range(STARTS):
            floors.append(timed_run([floor], home.environment))
            fresh_copy(source, home)
            daemon = Daemon(bin_dir, home, notify_socket=notify)
            while "READY=1" not in receiver.recv(4096).decode(errors="replace").split("\n"):
                pass
            samples.append(now() - daemon.started)
            daemon.stop()
            receiver.setblocking(False)
            try:
                while receiver.recv(4096):
                    pass
            except BlockingIOError:
                pass
            receiver.settimeout(20)
    finally:
        receiver.close()
        os.unlink(notify)
    return summary(samples), summary(floors)


def pruning_after_start(bin_dir, home, source):
    """One start on a fresh copy: how long the sliced pruning takes, and `status` meanwhile."""
    path = history_path(home)
    fresh_copy(source, home)
    log = os.path.join(home.root, "sitbreakd.log")
    if os.path.exists(log):
        os.unlink(log)
    before = os.path.getsize(path)
    daemon = Daemon(bin_dir, home)
    daemon.wait_for_socket()
    ctl = os.path.join(bin_dir, "sitbreakctl")
    status_times, done_line = [], None
    deadline = now() + 300
    while done_line is None and now() < deadline:
        status_times.append(timed_run([ctl, "status"], home.environment))
        done_line = daemon_line(home, "history: pruned")
    pruned_after = now() - daemon.started
    daemon.stop()
    return {
        "bytes_before": before,
        "bytes_after": os.path.getsize(path),
        "seconds_until_done": pruned_after if done_line else None,
        "daemon_line": done_line,
        "status_while_pruning": summary(status_times),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--floor", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    results = {"spans": {}, "load_average": os.getloadavg()}
    for years in YEARS:
        home = Home(os.path.join(arguments.work, f"{years}y"), KEEP_ALL_CONFIG)
        started = time.monotonic()
        rows, summarized_after = make_history(arguments.bin, home, years)
        print(f"   {years} years: {rows} events, {os.path.getsize(history_path(home))} bytes "
              f"({time.monotonic() - started:.0f} s to make, summarized {summarized_after:.1f} s after the daemon's start)",
              flush=True)
        results["spans"][str(years)] = {
            "events": rows, "bytes": os.path.getsize(history_path(home)),
            "summarized_after_start_seconds": summarized_after,
            "queries": measure_queries(arguments.bin, arguments.floor, home),
            "summaries_match_rows": summaries_match_rows(arguments.bin, home, os.path.join(arguments.work, f"{years}y-check"))}
        print("   " + ", ".join(f"{name} {reading['seconds']['median'] * 1000:.1f} ms {reading['peak_rss_kib'] / 1024:.1f} MB"
                                for name, reading in results["spans"][str(years)]["queries"].items()), flush=True)
    ten_years = history_path(Home(os.path.join(arguments.work, "10y"), KEEP_ALL_CONFIG))
    ready_home = Home(os.path.join(arguments.work, "ready"), CONFIG)
    results["ready_ten_years"], results["ready_ten_years_floor"] = ready_with(
        arguments.bin, arguments.floor, ready_home, ten_years)
    results["pruning_ten_years"] = pruning_after_start(arguments.bin, ready_home, ten_years)
    results["load_average_end"] = os.getloadavg()
    with open(arguments.out, "w") as file:
        json.dump(results, file, indent=2)


if __name__ == "__main__":
    main()
