#!/usr/bin/env python3
"""The benchmark's table, in Markdown, from the readings bench.sh left in DIR.

usage: report.py DIR    (DIR holds phase-input.json, phase-idle.json, sitbreak.json, floor.json,
                         environment.json)

PASS/FAIL compares sitbreakd with the targets; the peers' columns and the ratios give the
scale. Nothing here fails: a missed target is reported, not enforced.
"""

import json
import os
import platform
import sys
import time

PEERS = ("workrave", "safeeyes")
TITLES = {"sitbreakd": "sitbreakd", "workrave": "Workrave", "safeeyes": "Safe Eyes"}


def load(directory, name):
    with open(os.path.join(directory, name)) as file:
        return json.load(file)


def mib(kib):
    return f"{kib / 1024:.1f} MB" if kib is not None else "—"


def number(value, digits=2):
    return f"{value:.{digits}f}" if value is not None else "—"


def milliseconds(seconds):
    return f"{seconds * 1000:.1f} ms"


def ratio(mine, theirs):
    if mine is None or not theirs:
        return "—"
    return f"{mine / theirs:.2f}" if mine / theirs >= 0.01 else f"{mine / theirs:.3f}"


def verdict(value, limit):
    if value is None:
        return "—"
    return "PASS" if value <= limit else "FAIL"


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as file:
        for line in file:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as file:
        total_kib = int(file.readline().split()[1])
    debian = open("/etc/debian_version").read().strip() if os.path.exists("/etc/debian_version") else "?"
    return f"{model}, {os.cpu_count()} CPUs, {total_kib / 1024 / 1024:.0f} GB RAM, Debian {debian}, Linux {platform.release()}"


def load_text(load_average):
    return " ".join(f"{value:.2f}" for value in load_average)


# (label, key, format, target limit or None, target text)
PROCESS_ROWS = [
    ("RSS", "rss_kib", mib, 10 * 1024, "≤ 10 MB"),
    ("PSS", "pss_kib", mib, None, ""),
    ("wake-ups / min (context switches)", "wakeups_per_minute", lambda v: number(v, 1), None, None),
    ("… of which involuntary (preempted)", "involuntary_per_minute", lambda v: number(v, 1), None, ""),
    ("CPU s / hour (utime+stime)", "cpu_seconds_per_hour", number, 0.5, "≤ 0.5"),
    ("CPU s / hour (schedstat, ns)", "cpu_seconds_per_hour_schedstat", lambda v: number(v, 3), 0.5, "≤ 0.5"),
    ("children's CPU s / hour", "children_cpu_seconds_per_hour", number, None, ""),
    ("threads (most seen)", "threads", str, None, ""),
    ("threads started", "threads_started", lambda v: "—" if v is None else str(v), None, ""),
    ("child processes started", "children_spawned", str, None, ""),
]
WAKEUP_LIMITS = {"input": (6, "≤ 6"), "idle": (2, "≤ 2"), "away": (2, "≤ 2")}
# What each phase is, from the user's side (sitbreak's break.length is the default 3 min).
PHASE_MEANINGS = {
    "input": "continuous input: `xdotool` moves the pointer every second",
    "idle": "no input from its first minute: sitbreak still counts sitting (a pause shorter than "
            "a break), and the absence becomes a natural break about when the phase ends",
    "away": "no input, well after the natural break: the user is away",
}


def process_table(phase):
    programs = {program["name"]: program for program in phase["programs"]}
    label = phase["label"]
    lines = [
        f"### Phase `{label}`: {phase['seconds'] / 60:.1f} min, "
        f"load average {load_text(phase['load_average_start'])} → {load_text(phase['load_average_end'])}",
        "",
        PHASE_MEANINGS[label][0].upper() + PHASE_MEANINGS[label][1:] + ".",
        "",
        "| | sitbreakd | Workrave | Safe Eyes | sitbreak / Workrave | sitbreak / Safe Eyes | target | |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for title, key, show, limit, target in PROCESS_ROWS:
        if key == "wakeups_per_minute":
            limit, target = WAKEUP_LIMITS.get(label, (None, ""))
        values = {name: programs.get(name, {}).get(key) for name in ("sitbreakd",) + PEERS}
        mine = values["sitbreakd"]
        cells = [show(values[name]) if values[name] is not None else "—" for name in ("sitbreakd",) + PEERS]
        ratios = [ratio(mine, values[peer]) if isinstance(mine, (int, float)) else "—" for peer in PEERS]
        check = verdict(mine, limit) if limit is not None else ""
        lines.append(f"| {title} | " + " | ".join(cells + ratios + [target, check]) + " |")
    children = {
        TITLES[name]: programs[name]["children_by_name"]
        for name in programs if programs[name]["children_by_name"]
    }
    if children:
        lines += ["", "Children: " + "; ".join(
            f"{who}: " + ", ".join(f"{count} × `{comm}`" for comm, count in names.items())
            for who, names in children.items())]
    return lines


def alone_table(results):
    status = results["status"]
    prompt = results["prompt_daemon_down"]
    ready = results["ready"]
    rows = [
        ("`sitbreakctl status`, exec → exit, median", status["status"]["median"], 0.005, "≤ 5 ms",
         f"load {load_text(status['load_average'])}"),
        ("`sitbreakctl status`, exec → exit, p95", status["status"]["p95"], None, "",
         f"{status['status']['count']} calls, {status['status_failures']} failed"),
        ("`/bin/true`, exec → exit, median (the harness's floor)", status["true_floor"]["median"], None, "", ""),
        ("`status --format prompt`, daemon down, worst of 3 × 20", prompt["worst"], 0.05, "≤ 50 ms",
         "no socket {:.1f} / stale socket {:.1f} / silent socket {:.1f} ms (medians); load {}".format(
             prompt["no_socket"]["median"] * 1000, prompt["stale_socket"]["median"] * 1000,
             prompt["silent_socket"]["median"] * 1000, load_text(prompt["load_average"]))),
        ("exec → `READY=1`, median of 20 starts", ready["ready"]["median"], 0.05, "≤ 50 ms",
         f"p95 {milliseconds(ready['ready']['p95'])}; load {load_text(ready['load_average'])}"),
    ]
    for run in results["lateness"]:
        late = run["lateness"]
        rows.append((
            f"reminder lateness, worst of {late['count']} (sit {run['sit_limit']}s, break {run['length']}s, "
            f"repeat {run['repeat']}s; timer slack {run['timer_slack']:g} s)",
            late["max"], 1.0, "≤ 1 s",
            f"median {milliseconds(late['median'])}, p95 {milliseconds(late['p95'])}, first {milliseconds(run['first'])}; "
            f"drift after {late['count']}: {milliseconds(run['drift_after_last'])}; load {load_text(run['load_average'])}"))
    lines = [
        "### sitbreak alone",
        "",
        "| | measured | target | | notes |",
        "| --- | --- | --- | --- | --- |",
    ]
    for title, value, limit, target, note in rows:
        check = verdict(value, limit) if limit is not None else ""
        lines.append(f"| {title} | {milliseconds(value)} | {target} | {check} | {note} |")
    return lines


def floor_table(floor, phase, status):
    """sitbreak beside a static Swift hello world: what the language's runtime costs anyway."""
    memory = floor["memory_kib"]
    mine = next(program for program in phase["programs"] if program["name"] == "sitbreakd")
    start = floor["exec_to_exit"]
    return [
        "### The floor: a static Swift hello world",
        "",
        "| | hello world | sitbreak | sitbreak − hello world |",
        "| --- | --- | --- | --- |",
        f"| RSS, waiting on a read | {mib(memory['Rss'])} | {mib(mine['rss_kib'])} | {mib(mine['rss_kib'] - memory['Rss'])} |",
        f"| PSS, waiting on a read | {mib(memory['Pss'])} | {mib(mine['pss_kib'])} | {mib(mine['pss_kib'] - memory['Pss'])} |",
        f"| exec → exit, median of {start['count']} | {milliseconds(start['median'])} "
        f"| {milliseconds(status['median'])} (`sitbreakctl status`) "
        f"| {milliseconds(status['median'] - start['median'])} |",
        "",
        f"The hello world's binary is {floor['binary_bytes'] / 1e6:.1f} MB; sitbreakd's RSS is read in the idle phase.",
    ]


def main():
    directory = sys.argv[1]
    environment = load(directory, "environment.json")
    source = environment["sitbreak_source"]
    lines = [
        f"## Results {time.strftime('%Y-%m-%d %H:%M %Z')}",
        "",
        f"Machine: {machine()}.",
        f"{environment['minutes_per_phase']} min per phase after {environment['warmup_seconds']} s of warm-up; "
        f"sitbreakd with `sources = [\"{source}\"]` (in use: {environment['sitbreak_sources_in_use']})"
        + (f"; {environment['sitbreak_source_note']}" if environment["sitbreak_source_note"] else "") + ".",
        "",
    ]
    for label in ("input", "idle", "away"):
        path = os.path.join(directory, f"phase-{label}.json")
        if os.path.exists(path):
            phase = load(directory, f"phase-{label}.json")
            lines += process_table(phase) + [""]
    lines.append(f"Child processes counted with the {phase['children_method']}.")
    lines.append("")
    alone = load(directory, "sitbreak.json")
    lines += alone_table(alone)
    idle = load(directory, "phase-idle.json")
    lines += [""] + floor_table(load(directory, "floor.json"), idle, alone["status"]["status"])
    print("\n".join(lines))


if __name__ == "__main__":
    main()
