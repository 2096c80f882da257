#!/usr/bin/env python3
"""Latency of `iris-backup-audit watch` from an appended log line to its output line, and its
CPU use while idle (issue 15). Called by `make bench`; prints one summary block.

    Benchmarks/watch-latency.py BINARY [LINES]

Appends LINES backup events (default 300) to a fresh messages.log at random intervals of 20 to
120 ms, each with a pid of its own, and times how long the matching JSON line takes to come out
of `watch --poll 250ms`; then leaves it idle for 10 s and reads its CPU time from /proc.
"""
import json, os, random, statistics, subprocess, sys, tempfile, threading, time

binary = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
folder = tempfile.mkdtemp(prefix="watch-bench-")
os.makedirs(os.path.join(folder, "vm1"))
log = os.path.join(folder, "vm1", "messages.log")

def stamp():
    now = time.time()
    return time.strftime("%m/%d/%y-%H:%M:%S", time.gmtime(now)) + ":%03d" % int(now * 1000 % 1000)

with open(log, "w") as f:
    f.write("%s (1) 0 [Utility.Event] LMF Info:  Licensed for 16 users.\n" % stamp())

watch = subprocess.Popen(
    [binary, "watch", folder, "--tz", "UTC", "--poll", "250ms", "--format", "json"],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
seen = {}

def reader():
    for line in watch.stdout:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("type") == "event" and record.get("pid") is not None:
            seen.setdefault(record["pid"], time.monotonic())

threading.Thread(target=reader, daemon=True).start()
time.sleep(1.0)
random.seed(7)
written = {}
messages = ["Backup.General.ExternalFreeze: Suspending system",
            "Backup.General.ExternalFreeze: System suspended",
            "Backup.General.ExternalThaw: Resuming system",
            "Backup.General.ExternalThaw: System resumed"]
for index in range(count):
    pid = 10000 + index
    with open(log, "a") as f:
        f.write("%s (%d) 0 [Utility.Event] %s\n" % (stamp(), pid, messages[index % 4]))
    written[pid] = time.monotonic()
    time.sleep(random.uniform(0.02, 0.12))
deadline = time.monotonic() + 5
while len(seen) < count and time.monotonic() < deadline:
    time.sleep(0.05)
latencies = sorted((seen[p] - written[p]) * 1000 for p in written if p in seen)

def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

time.sleep(2)
before = cpu_seconds(watch.pid)
time.sleep(10)
idle = (cpu_seconds(watch.pid) - before) / 10 * 100
watch.terminate()
status = watch.wait(10)
if latencies:
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    print("watch: %d of %d lines seen; latency median %.0f ms, p95 %.0f ms, max %.0f ms (poll 250 ms)"
          % (len(latencies), count, statistics.median(latencies), p95, latencies[-1]))
else:
    print("watch: no line seen")
print("watch: CPU while idle %.2f %% of one core over 10 s; exit status after SIGTERM %d" % (idle, status))
