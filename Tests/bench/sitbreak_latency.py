#!/usr/bin/env python3
"""sitbreak's own latencies, each measured from outside the way a user or systemd meets them.

usage: sitbreak_latency.py --bin DIR --work DIR --config CONFIG.toml --out FILE.json

- exec -> exit of `sitbreakctl status` (200 calls) against a running daemon, beside the same
  measurement of /bin/true: the floor of this harness (posix_spawn + waitpid) on this machine;
- exec -> exit of `sitbreakctl status --format prompt` with no daemon: no socket file, a stale
  socket file (nobody listening), and a socket that accepts but never answers (a hung daemon);
- exec -> `READY=1` on NOTIFY_SOCKET (20 starts), received on a datagram socket of our own;
- reminder lateness over 50 reminders (see `lateness` below for exactly what is measured).
Times come from CLOCK_MONOTONIC in this process.
"""

import argparse
import json
import os
import signal
import socket
import statistics
import time

STATUS_CALLS = 200
PROMPT_CALLS = 20
READY_STARTS = 20
REMINDERS = 50


def now():
    return time.monotonic()


def summary(samples):
    ordered = sorted(samples)
    return {
        "count": len(ordered),
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))],
        "min": ordered[0],
        "max": ordered[-1],
    }


class Home:
    """A home of sitbreak's own: config, state and runtime dirs, and the environment to run in it."""

    def __init__(self, root, config_text):
        self.root = root
        for sub in (".config/sitbreak", ".local/state", ".cache"):
            os.makedirs(os.path.join(root, sub), exist_ok=True)
        os.makedirs(os.path.join(root, "runtime"), mode=0o700, exist_ok=True)
        with open(os.path.join(root, ".config/sitbreak/config.toml"), "w") as file:
            file.write(config_text)
        self.environment = dict(os.environ)
        self.environment.update(
            HOME=root,
            XDG_CONFIG_HOME=os.path.join(root, ".config"),
            XDG_STATE_HOME=os.path.join(root, ".local/state"),
            XDG_CACHE_HOME=os.path.join(root, ".cache"),
            XDG_RUNTIME_DIR=os.path.join(root, "runtime"),
        )
        self.environment.pop("NOTIFY_SOCKET", None)
        self.socket_path = os.path.join(root, "runtime/sitbreak/control.sock")


def spawn(argv, environment, log=os.devnull):
    return os.posix_spawn(
        argv[0], argv, environment,
        file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
            (os.POSIX_SPAWN_OPEN, 2, log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
        ])


def exec_to_exit(argv, environment):
    """Seconds from just before posix_spawn to waitpid's return, and the exit status."""
    started = now()
    pid = spawn(argv, environment)
    _, status = os.waitpid(pid, 0)
    return now() - started, os.waitstatus_to_exitcode(status)


def stop(pid):
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)


class Daemon:
    """sitbreakd started in a home, with an optional NOTIFY_SOCKET."""

    def __init__(self, bin_dir, home, notify_socket=None):
        environment = dict(home.environment)
        if notify_socket:
            environment["NOTIFY_SOCKET"] = notify_socket
        self.started = now()
        self.pid = spawn([os.path.join(bin_dir, "sitbreakd")], environment, log=os.path.join(home.root, "sitbreakd.log"))
        self.home = home

    def wait_for_socket(self, timeout=10):
        deadline = now() + timeout
        while now() < deadline:
            if os.path.exists(self.home.socket_path):
                return
            time.sleep(0.005)
        raise SystemExit(f"sitbreakd did not open {self.home.socket_path}")

    def stop(self):
        stop(self.pid)


def status_latency(bin_dir, home):
    daemon = Daemon(bin_dir, home)
    daemon.wait_for_socket()
    ctl = os.path.join(bin_dir, "sitbreakctl")
    exec_to_exit([ctl, "status"], home.environment)
    load = os.getloadavg()
    samples, failures = [], 0
    for _ in range(STATUS_CALLS):
        seconds, code = exec_to_exit([ctl, "status"], home.environment)
        samples.append(seconds)
        failures += code != 0
    floor = [exec_to_exit(["/bin/true"], home.environment)[0] for _ in range(STATUS_CALLS)]
    daemon.stop()
    return {
        "status": summary(samples),
        "status_failures": failures,
        "true_floor": summary(floor),
        "load_average": load,
    }


def prompt_with_daemon_down(bin_dir, home):
    ctl = [os.path.join(bin_dir, "sitbreakctl"), "status", "--format", "prompt"]
    os.makedirs(os.path.dirname(home.socket_path), mode=0o700, exist_ok=True)
    if os.path.exists(home.socket_path):
        os.unlink(home.socket_path)

    def run_cases():
        samples = []
        for _ in range(PROMPT_CALLS):
            seconds, _ = exec_to_exit(ctl, home.environment)
            samples.append(seconds)
        return summary(samples)

    results = {"load_average": os.getloadavg(), "no_socket": run_cases()}
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(home.socket_path)
    stale.close()
    results["stale_socket"] = run_cases()
    os.unlink(home.socket_path)
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    silent.bind(home.socket_path)
    silent.listen(PROMPT_CALLS + 8)
    results["silent_socket"] = run_cases()
    silent.close()
    os.unlink(home.socket_path)
    results["worst"] = max(results[case]["max"] for case in ("no_socket", "stale_socket", "silent_socket"))
    return results


def ready_latency(bin_dir, home):
    path = os.path.join(home.root, "notify.sock")
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(path)
    receiver.settimeout(10)
    load = os.getloadavg()
    samples = []
    for _ in range(READY_STARTS):
        daemon = Daemon(bin_dir, home, notify_socket=path)
        while True:
            message = receiver.recv(4096).decode(errors="replace")
            if "READY=1" in message.split("\n"):
                samples.append(now() - daemon.started)
                break
        daemon.stop()
        # What it said while stopping (STOPPING=1) must not be taken for the next start's.
        receiver.setblocking(False)
        while True:
            try:
                receiver.recv(4096)
            except BlockingIOError:
                break
        receiver.settimeout(10)
    receiver.close()
    return {"ready": summary(samples), "load_average": load}


def lateness(bin_dir, root, sit_limit, length, repeat):
    """Reminders as a `watch` client receives them, against when the model makes them due.

    Sitting counts from the daemon's start (the `manual` source: always at the desk), so
    reminder 1 is due at sit_limit after it; exec time stands in for that start, which makes
    reminder 1's lateness an upper bound (start-up time included). Each later reminder is due
    `repeat` after the one before it (SittingModel.remindIfDue schedules it from the moment it
    reminded), so its lateness is the gap between consecutive arrivals minus `repeat`. The
    drift column compares arrival k with the fixed grid start + sit_limit + (k-1)*repeat: the
    lateness summed over all reminders so far, what a stopwatch would show.
    """
    config = f"""[break]
sit_limit = "{sit_limit}s"
length = "{length}s"
repeat = "{repeat}s"
[activity]
sources = ["manual"]
"""
    home = Home(root, config)
    load = os.getloadavg()
    daemon = Daemon(bin_dir, home)
    daemon.wait_for_socket()
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(home.socket_path)
    client.settimeout(sit_limit + 10 * repeat + 10)
    reader = client.makefile("rb")
    client.sendall(b'{"command": "watch"}\n')
    reply = json.loads(reader.readline())
    if not reply.get("ok"):
        raise SystemExit(f"watch refused: {reply}")
    arrivals = []
    while len(arrivals) < REMINDERS:
        line = reader.readline()
        if not line:
            raise SystemExit("sitbreakd closed the watch stream")
        if json.loads(line).get("event") == "reminder":
            arrivals.append(now())
    client.close()
    daemon.stop()
    late = [arrivals[0] - (daemon.started + sit_limit)]
    late += [later - earlier - repeat for earlier, later in zip(arrivals, arrivals[1:])]
    drift = arrivals[-1] - (daemon.started + sit_limit + (REMINDERS - 1) * repeat)
    return {
        "sit_limit": sit_limit,
        "length": length,
        "repeat": repeat,
        "timer_slack": min(0.5, length / 10),  # as sitbreakd.Daemon.timerSlack
        "lateness": summary(late),
        "first": late[0],
        "drift_after_last": drift,
        "load_average": load,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--config", required=True, help="the config of the side-by-side run")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.config) as file:
        config = file.read()

    def timed(title, measure):
        started = now()
        print(f"   {title} ...", end=" ", flush=True)
        result = measure()
        print(f"{now() - started:.0f} s", flush=True)
        return result

    results = {}
    results["status"] = timed("status latency", lambda: status_latency(args.bin, Home(os.path.join(args.work, "status"), config)))
    results["prompt_daemon_down"] = timed(
        "prompt, daemon down", lambda: prompt_with_daemon_down(args.bin, Home(os.path.join(args.work, "status"), config)))
    results["ready"] = timed("READY", lambda: ready_latency(args.bin, Home(os.path.join(args.work, "ready"), config)))
    # The daemon's timers may fire up to min(1 s, length / 10) late, so coalescing is seen
    # at its largest (1 s, as with the default 3m break) and at a tenth of a second.
    results["lateness"] = [
        timed(f"lateness ({name})", lambda name=name, limits=limits: lateness(args.bin, os.path.join(args.work, f"lateness-{name}"), *limits))
        for name, limits in (("short", (2, 1, 1)), ("default-slack", (12, 10, 2)))
    ]
    with open(args.out, "w") as file:
        json.dump(results, file, indent=2)


if __name__ == "__main__":
    main()
