#!/usr/bin/python3
"""hostpulse beside the agents it replaces: steady RSS, CPU per cycle and time to first data, one agent at a time.

usage: bench/run.sh [--duration S] [--interval S] [--steady S] [AGENT ...]      (see bench/README.md)

Every agent gathers the same common set (cpu, mem, swap, load, file systems, disk I/O, network) on the same interval;
`hostpulse_default` adds hostpulse's full default (host collector with every part, Docker, SMART, self-metrics).
For each agent, one after the other: wait for a quiet machine, start it as a child (t0 just before exec), poll for
its first data, sample its whole process tree once a second (RSS = sum of VmRSS; CPU = utime+stime+cutime+cstime
from /proc/PID/stat and, ns-precise, the threads' /proc/PID/task/TID/schedstat), stop it by PID (SIGTERM, SIGKILL
after 10 s). Everything it writes stays under the work folder it is given.
"""
import csv
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

TCK = os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------------------------------------ /proc sampling
def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    rest = s[s.rindex(")") + 2:].split()     # rest[0] is field 3 (state)
    return int(rest[1]), [int(x) for x in rest[11:15]]   # ppid, utime stime cutime cstime


def descendants(root):
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                kids.setdefault(stat_fields(int(d))[0], []).append(int(d))
            except (OSError, ValueError):
                pass
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def sched_s(pid, seen):
    """ns-precise CPU of pid's threads. A thread's schedstat vanishes with it (the JVM starts and ends compiler
    threads), so each thread's last value is kept in `seen`: a thread that ends loses at most its last second."""
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                seen[(pid, tid)] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return sum(v for (p, _), v in seen.items() if p == pid) / 1e9


def sample(root, seen):
    rss = 0
    ticks = 0
    precise = 0.0
    threads = 0
    for p in descendants(root):
        try:
            _, (ut, st, cut, cst) = stat_fields(p)
            rss += rss_kb(p)
            precise += sched_s(p, seen) + (cut + cst) / TCK
            threads += len(os.listdir(f"/proc/{p}/task"))
        except OSError:
            continue
        ticks += ut + st + cut + cst
    return {"rss_kb": rss, "cpu_s": ticks / TCK, "sched_s": precise, "threads": threads}


def busy_pct(seconds=5):
    def read():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        return sum(v) - v[3] - v[4], sum(v)
    b0, t0 = read()
    time.sleep(seconds)
    b1, t1 = read()
    return 100.0 * (b1 - b0) / max(1, t1 - t0)


def wait_quiet(log, limit_s=300, threshold=15.0):
    waited = 0
    while True:
        b = busy_pct()
        if b < threshold or waited >= limit_s:
            log(f"machine busy {b:.1f}% over 5 s (waited {waited} s for < {threshold}%)")
            return round(b, 1), waited
        log(f"machine busy {b:.1f}%: waiting for a quiet machine")
        waited += 5


def port_open(port):
    with socket.socket() as s:
        s.settimeout(0.05)
        return s.connect_ex(("127.0.0.1", port)) == 0


def http_get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def version(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        text = (r.stdout + r.stderr).strip().splitlines()
        return text[0] if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"


# ------------------------------------------------------------------------------------------------ the agents
class Agent:
    name = ""
    what = ""
    env = {}

    def __init__(self, work, interval):
        self.work = work
        self.interval = interval
        self.dir = os.path.join(work, self.name)
        os.makedirs(self.dir, exist_ok=True)

    def first_data(self):
        raise NotImplementedError

    def periodic(self, t):
        pass

    def prime(self, log):
        """Anything the agent does once after installation, before it is measured."""

    def cmd(self):
        raise NotImplementedError


class Collectd(Agent):
    name = "collectd"
    what = "collectd-core: cpu, memory, swap, load, df, disk, interface; CSV to files"

    def version(self):
        return version(["collectd", "-h"]).replace("Usage: collectd [OPTIONS]", "") or version(["dpkg-query", "-W", "collectd-core"])

    def cmd(self):
        conf = os.path.join(self.dir, "collectd.conf")
        with open(conf, "w") as f:
            f.write(f"""Hostname "bench"
FQDNLookup false
BaseDir "{self.dir}"
PIDFile "{self.dir}/collectd.pid"
PluginDir "/usr/lib/collectd"
TypesDB "/usr/share/collectd/types.db"
Interval {self.interval}
LoadPlugin cpu
LoadPlugin memory
LoadPlugin swap
LoadPlugin load
LoadPlugin df
LoadPlugin disk
LoadPlugin interface
LoadPlugin csv
<Plugin csv>
  DataDir "{self.dir}/csv"
  StoreRates false
</Plugin>
""")
        return ["collectd", "-f", "-C", conf]

    def first_data(self):
        for root, _, files in os.walk(os.path.join(self.dir, "csv")):
            if any(n.startswith("memory") for n in files):
                return True
        return False


class NodeExporter(Agent):
    name = "node_exporter"
    what = "prometheus-node-exporter: cpu, meminfo, loadavg, filesystem, diskstats, netdev; scraped every interval"
    port = 19100

    def version(self):
        return version(["prometheus-node-exporter", "--version"])

    def cmd(self):
        self.next_scrape = 0.0
        return ["prometheus-node-exporter", f"--web.listen-address=127.0.0.1:{self.port}", "--log.level=warn",
                "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo", "--collector.loadavg",
                "--collector.filesystem", "--collector.diskstats", "--collector.netdev"]

    def first_data(self):
        try:
            return b"node_memory_MemTotal_bytes" in http_get(f"http://127.0.0.1:{self.port}/metrics")
        except OSError:
            return False

    def periodic(self, t):
        # a Prometheus server would scrape it once per interval: the scrape is node_exporter's collection
        if t >= self.next_scrape:
            self.next_scrape = t + self.interval
            try:
                http_get(f"http://127.0.0.1:{self.port}/metrics")
            except OSError:
                pass


class Glances(Agent):
    name = "glances"
    what = "glances: cpu, mem, memswap, load, fs, diskio, network plugins; CSV export"

    def version(self):
        return version(["glances", "-V"])

    def cmd(self):
        self.csv = os.path.join(self.dir, "glances.csv")
        if os.path.exists(self.csv):
            os.remove(self.csv)
        self.env = {"TMPDIR": self.dir, "HOME": self.dir}
        return ["glances", "--export", "csv", "--export-csv-file", self.csv, "--export-csv-overwrite",
                "-t", str(self.interval), "--quiet", "--disable-check-update", "--disable-webui",
                "--disable-plugin", "all", "--enable-plugin", "cpu,mem,memswap,load,fs,diskio,network"]

    def first_data(self):
        try:
            with open(self.csv) as f:
                return len(f.read().splitlines()) >= 2
        except OSError:
            return False


class Hostpulse(Agent):
    name = "hostpulse"
    what = "hostpulse host collector: cpu, mem, swap, system (load), disk, diskio, net (no process list, no live view); line protocol to a file"
    parts = "[cpu, mem, swap, system, disk, diskio, net]"
    # the common set only: no process list and no live view (the peers have neither), no other collector
    extra = ("    procstat: {enabled: false}\n  docker: {enabled: false}\n  smart: {enabled: false}\n"
             "  sensors: {enabled: false}\n  nvidia_smi: {enabled: false}\n"
             "outputs:\n  - type: stdout\n  - type: liveview\n    enabled: false\n")
    port = 19366

    def version(self):
        return version([os.environ["HOSTPULSE_BIN"], "--version"])

    def config(self):
        return (f"agent:\n  interval: {self.interval}s\n  data_dir: {self.dir}/data\n"
                f"  http: {{listen: \"127.0.0.1:{self.port}\"}}\n"
                f"collectors:\n  host:\n    parts: {self.parts}\n{self.extra}")

    def cmd(self):
        conf = os.path.join(self.dir, "hostpulse.yaml")
        with open(conf, "w") as f:
            f.write(self.config())
        self.out = os.path.join(self.dir, "stdout.lp")
        return [os.environ["HOSTPULSE_BIN"], "run", "-c", conf]

    def first_data(self):
        try:
            with open(self.out) as f:
                return any(line.startswith(("cpu,", "mem,")) for line in f)
        except OSError:
            return False

    def prime(self, log):
        # bin/hostpulse writes its class-data archive when the first `run` stops; an installed agent has one from
        # then on, so a 15 s run that is not measured stands for that first start (HOSTPULSE_CDS=off skips it)
        if os.environ.get("HOSTPULSE_CDS", "on") == "off":
            return
        self.env = dict(self.env, HOSTPULSE_CDS_DIR=os.path.join(self.work, "cds"))
        cmd = self.cmd()
        log("prime (class-data archive, not measured): " + " ".join(cmd))
        with open(os.path.join(self.dir, "prime.log"), "w") as err:
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=dict(os.environ, **self.env),
                                 cwd=self.dir, start_new_session=True)
            time.sleep(15)
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


class HostpulseDefault(Hostpulse):
    name = "hostpulse_default"
    what = "hostpulse full default: host (every part), Docker, SMART, self-metrics; line protocol to a file"
    port = 19367

    def config(self):
        docker = os.environ.get("BENCH_DOCKER_HOST", "")
        d = f"  docker:\n    endpoint: {docker}\n" if docker else ""
        return (f"agent:\n  interval: {self.interval}s\n  data_dir: {self.dir}/data\n"
                f"  http: {{listen: \"127.0.0.1:{self.port}\"}}\n" + (f"collectors:\n{d}" if d else ""))


AGENTS = {a.name: a for a in (Collectd, NodeExporter, Glances, Hostpulse, HostpulseDefault)}


# ------------------------------------------------------------------------------------------------ one run
def run_one(cls, work, interval, duration, steady, quiet_wait, log):
    agent = cls(work, interval)
    agent.prime(log)
    busy, waited = wait_quiet(log, quiet_wait)
    cmd = agent.cmd()
    log("start: " + " ".join(cmd))
    out = open(getattr(agent, "out", os.path.join(agent.dir, "stdout.txt")), "w")
    err = open(os.path.join(agent.dir, "stderr.txt"), "w")
    env = dict(os.environ, **agent.env)
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=agent.dir, start_new_session=True)
    first = None
    samples = []
    seen = {}
    next_sample = 0.0
    while True:
        t = time.monotonic() - t0
        if proc.poll() is not None:
            raise SystemExit(f"{agent.name} exited early with {proc.returncode}; see {agent.dir}/stderr.txt")
        if first is None and agent.first_data():
            first = t
        agent.periodic(t)
        if t >= next_sample:
            s = sample(proc.pid, seen)
            s["t"] = t
            samples.append(s)
            next_sample += 1.0
        if t >= duration:
            break
        time.sleep(0.01 if first is None else 0.05)
    s = sample(proc.pid, seen)
    s["t"] = time.monotonic() - t0
    samples.append(s)
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    out.close()
    err.close()
    window = [s for s in samples if s["t"] >= samples[-1]["t"] - steady]
    a, b = window[0], window[-1]
    span = b["t"] - a["t"]
    cycles = span / interval
    res = {
        "agent": agent.name, "what": agent.what, "version": agent.version(), "command": " ".join(cmd),
        "busy_before_pct": busy, "waited_s": waited,
        "rss_mib": round(statistics.mean(s["rss_kb"] for s in window) / 1024, 1),
        "rss_max_mib": round(max(s["rss_kb"] for s in window) / 1024, 1),
        "cpu_ms_per_cycle_ticks": round(1000 * (b["cpu_s"] - a["cpu_s"]) / cycles, 1),
        "cpu_ms_per_cycle": round(1000 * (b["sched_s"] - a["sched_s"]) / cycles, 1),
        "threads": b["threads"], "first_data_s": round(first, 3) if first is not None else None,
        "window_s": round(span, 1),
    }
    with open(os.path.join(agent.dir, "samples.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["t", "rss_kb", "cpu_s", "sched_s", "threads"])
        w.writeheader()
        w.writerows(samples)
    log(json.dumps(res))
    return res


def machine():
    def first(cmd):
        return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip()
    return {
        "cpu": first("lscpu | sed -n 's/^Model name: *//p'") + f" x {os.cpu_count()}",
        "memory": first("free -h | awk '/^Mem:/ {print $2}'"),
        "kernel": first("uname -r"),
        "os": first(". /etc/os-release && echo $PRETTY_NAME"),
        "java": first("java -version 2>&1 | head -1"),
    }


def main(argv):
    import argparse
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True)
    p.add_argument("--duration", type=int, default=120)
    p.add_argument("--interval", type=int, default=10)
    p.add_argument("--steady", type=int, default=60)
    p.add_argument("--quiet-wait", type=int, default=300, help="seconds to wait at most for a quiet machine")
    p.add_argument("agents", nargs="*", default=list(AGENTS))
    a = p.parse_args(argv)
    os.makedirs(a.work, exist_ok=True)
    logf = open(os.path.join(a.work, "bench.log"), "a")

    def log(msg):
        line = time.strftime("%H:%M:%S ") + msg
        print(line, file=sys.stderr, flush=True)
        logf.write(line + "\n")
        logf.flush()

    m = machine()
    log("machine: " + json.dumps(m))
    results = [run_one(AGENTS[n], a.work, a.interval, a.duration, a.steady, a.quiet_wait, log) for n in a.agents]
    with open(os.path.join(a.work, "results.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(results[0]))
        w.writeheader()
        w.writerows(results)
    lines = [f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {m['os']}, {m['cpu']}, {m['memory']} RAM, "
             f"kernel {m['kernel']}, {m['java']}. {a.duration} s per agent at a {a.interval} s interval, steady window "
             f"= the last {a.steady} s; CPU from schedstat (ticks in brackets).", "",
             "| agent | version | steady RSS | CPU per cycle | first data | threads | machine busy before |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['agent']} | {r['version']} | {r['rss_mib']} MiB (max {r['rss_max_mib']}) | "
                     f"{r['cpu_ms_per_cycle']} ms ({r['cpu_ms_per_cycle_ticks']}) | {r['first_data_s']} s | "
                     f"{r['threads']} | {r['busy_before_pct']} % |")
    lines += ["", "What each ran:", ""] + [f"- `{r['agent']}`: {r['what']}. Command: `{r['command']}`" for r in results]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(a.work, "results.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
