#!/usr/bin/env python3
"""Where a process's resident memory is, by mapping, from /proc/PID/smaps: a Markdown table.

usage: memory_map.py PID

Mappings of one file are summed (code, read-only data, relocated data, .bss); anonymous
memory is split into the heap ([heap] and unnamed read-write mappings), thread stacks and
the rest. Sorted by RSS, largest first.
"""

import sys


def groups(pid):
    totals = {}
    name = None
    with open(f"/proc/{pid}/smaps") as file:
        for line in file:
            fields = line.split()
            if "-" in fields[0] and len(fields) >= 5 and ":" in fields[3]:
                permissions = fields[1]
                path = fields[5] if len(fields) > 5 else ""
                if path.startswith("/"):
                    name = path
                elif path == "[stack]":
                    name = "[main thread stack]"
                elif path == "":
                    name = "[anonymous rw: malloc arenas, Swift heap]" if "w" in permissions else "[anonymous r/o]"
                else:
                    name = path
                totals.setdefault(name, {"Rss": 0, "Pss": 0, "Private_Dirty": 0})
            elif fields[0].rstrip(":") in ("Rss", "Pss", "Private_Dirty") and name is not None:
                totals[name][fields[0].rstrip(":")] += int(fields[1])
    return totals


def main():
    pid = sys.argv[1]
    totals = groups(pid)
    rows = sorted(totals.items(), key=lambda item: -item[1]["Rss"])
    print("| mapping | RSS KiB | PSS KiB | private dirty KiB |")
    print("| --- | ---: | ---: | ---: |")
    for name, values in rows:
        if values["Rss"] == 0:
            continue
        print(f"| `{name}` | {values['Rss']} | {values['Pss']} | {values['Private_Dirty']} |")
    total = {key: sum(values[key] for values in totals.values()) for key in ("Rss", "Pss", "Private_Dirty")}
    print(f"| total | {total['Rss']} | {total['Pss']} | {total['Private_Dirty']} |")


if __name__ == "__main__":
    main()
