#!/usr/bin/env python3
"""Years of a user's history, written into a history file sitbreakd created.

usage: history_generator.py --db FILE --years N [--seed S] [--today YYYY-MM-DD]

Every working day (Monday to Friday, a few days off a year) of the N years that end today:
sitbreakd starts in the morning; the user sits, and 45 minutes into a sit is reminded; they
take the break, snooze it, skip it, or get up before the reminder (a natural break, lunch
among them); now and then they pause, stand, or do a routine; in the evening the daemon
stops. The same seed gives the same rows. Rows go in as sitbreakd appends them, oldest
first, in one transaction, in place of any the file had (the file is sitbreakd's own, so its
schema is the current one).
"""

import argparse
import datetime
import random
import sqlite3

SIT_LIMIT = 45 * 60
BREAK_LENGTH = 3 * 60
SNOOZE = 10 * 60
REPEAT = 5 * 60
UTC_OFFSET = 3600
COLUMNS = ("kind", "wall_seconds", "utc_offset_seconds", "local_day", "boot_id", "boot_seconds",
           "sitting_seconds", "away_seconds", "duration_seconds", "level", "detail",
           "evidence_source", "quiet_seconds", "confirmed")


class Day:
    """One working day's rows, on the local clock of `date`."""

    def __init__(self, rng, date):
        self.rng = rng
        self.local_day = (date - datetime.date(1970, 1, 1)).days
        self.boot_id = "%032x" % rng.getrandbits(128)
        self.boot_zero = self.local_day * 86400 + rng.randint(7 * 3600, 8 * 3600)
        self.rows = []

    def add(self, kind, at, sitting=None, away=None, duration=None, level=None, detail="", evidence=None):
        source, quiet, confirmed = evidence if evidence else (None, None, None)
        self.rows.append((kind, at - UTC_OFFSET, UTC_OFFSET, self.local_day, self.boot_id, at - self.boot_zero,
                          sitting, away, duration, level, detail, source, quiet, confirmed))

    def taken(self, at, sitting):
        """The break starts now and is taken: confirmed by the user, or seen by the X server."""
        lasted = BREAK_LENGTH + self.rng.randint(0, 240)
        self.add("break_started", at, sitting=sitting)
        confirmed = self.rng.random() < 0.3
        evidence = ("user", 0.0, 1) if confirmed else ("x11", float(lasted), 0)
        self.add("break_taken", at + lasted, sitting=sitting, away=lasted,
                 detail="confirmed" if confirmed else "x11", evidence=evidence)
        return at + lasted

    def natural(self, at, sitting, away, reason):
        """Gone unasked: away once input stops, a natural break once that lasts a break, back."""
        self.add("away", at, detail=reason)
        self.add("natural_break", at + BREAK_LENGTH, sitting=sitting, away=BREAK_LENGTH, detail=reason,
                 evidence=("locked" if reason == "locked" else "x11", float(BREAK_LENGTH), 0))
        self.add("back", at + away, away=away)
        return at + away

    def sit(self, start):
        """One sit from `start` and how it ended; returns when the next sit starts."""
        rng = self.rng
        if rng.random() < 0.3:
            return self.natural(start + rng.randint(15 * 60, SIT_LIMIT - 60), None, rng.randint(4 * 60, 15 * 60), "idle")
        if rng.random() < 0.1:
            pause = rng.randint(10 * 60, 30 * 60)
            self.add("paused", start + 20 * 60, duration=pause)
            self.add("resumed", start + 20 * 60 + pause, duration=pause)
            start += pause
        at, level = start + SIT_LIMIT, 1
        while True:
            sitting = at - start
            self.add("reminder", at, sitting=sitting, duration=BREAK_LENGTH, level=level)
            answer = rng.random()
            if answer < 0.55 or level >= 4:
                return self.taken(at + rng.randint(10, 120), sitting)
            if answer < 0.8:
                self.add("snoozed", at + 20, duration=SNOOZE)
                at += SNOOZE
            elif answer < 0.9:
                self.add("skipped", at + 15, sitting=sitting)
                at += REPEAT * 3
            else:
                at += REPEAT
            level += 1

    def work(self, weekday):
        rng = self.rng
        at = self.boot_zero + rng.randint(60, 600)
        self.add("daemon_started", at, detail="0.9.0")
        lunch, end = at + rng.randint(3 * 3600, 4 * 3600), at + rng.randint(8 * 3600, 9 * 3600 + 1800)
        lunched = False
        while at < end:
            at = self.sit(at)
            if not lunched and at > lunch:
                at = self.natural(at + 60, None, rng.randint(35 * 60, 60 * 60), "locked")
                lunched = True
            if rng.random() < 0.05:
                stood = rng.randint(10 * 60, 40 * 60)
                self.add("stood_up", at + 60)
                self.add("sat_down", at + 60 + stood, duration=stood)
                at += stood
            if weekday in (1, 3) and rng.random() < 0.1:
                self.add("routine_done", at + 30, detail="hip_flexor_lunge,glute_bridge,couch_stretch")
        self.add("day_ended", at + 60, sitting=float(rng.randint(4 * 3600, 7 * 3600)),
                 detail=(datetime.date(1970, 1, 1) + datetime.timedelta(days=self.local_day)).isoformat())
        self.add("daemon_stopped", at + 120)


def days(years, today):
    first = today.replace(year=today.year - years) + datetime.timedelta(days=1)
    day = first
    while day <= today:
        yield day
        day += datetime.timedelta(days=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--years", type=int, required=True)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    connection = sqlite3.connect(arguments.db)
    insert = f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    rows = 0
    with connection:
        # The rows of the start that made the file are today's: appended before years of older
        # ones, they would be a history no daemon writes (one whose clock went back years).
        connection.execute("DELETE FROM events")
        # The daemon summarizes the days again when it next tidies the file.
        connection.execute("DELETE FROM day_summaries")
        connection.execute("DELETE FROM day_breaks_by_evidence")
        for date in days(arguments.years, arguments.today):
            # Weekends, and about 25 days off a year.
            if date.weekday() >= 5 or rng.random() < 0.1:
                continue
            day = Day(rng, date)
            day.work(date.weekday())
            connection.executemany(insert, day.rows)
            rows += len(day.rows)
    connection.close()
    print(rows)


if __name__ == "__main__":
    main()
