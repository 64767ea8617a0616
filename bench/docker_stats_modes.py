#!/usr/bin/python3
"""One-shot stats requests every interval against one stats stream kept open per container: the cycle's wall time,
dockerd's CPU and this client's CPU, over the same window on the same engine.

usage: bench/docker_stats_modes.py SOCKET [--seconds 60] [--interval 10] [--parallelism 16]

SOCKET is a dockerd's unix socket with running containers (bench/run.sh's private dockerd, or DockerDaemon's).
The client only reads and counts the replies (it does not parse JSON), so "client CPU" is the transport's share;
the mapping cost per reply is StatsMapperBench's figure. Changes nothing: GET requests only.
"""
import argparse
import http.client
import json
import os
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

TCK = os.sysconf("SC_CLK_TCK")


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=30):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


def get(path, url):
    c = UnixConnection(path)
    c.request("GET", url)
    r = c.getresponse()
    body = r.read()
    c.close()
    return body


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        rest = f.read().rsplit(")", 1)[1].split()
    return (int(rest[11]) + int(rest[12])) / TCK


def engine_pids(sock):
    """dockerd's pid (the socket's owner) and its containerd, from /proc."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if ("dockerd" in cmd or "containerd" in cmd) and os.path.dirname(sock) in cmd:
            out.append(int(d))
    return out


def oneshot(sock, ids, seconds, interval, parallelism):
    walls = []
    replies = 0
    t_end = time.monotonic() + seconds
    with ThreadPoolExecutor(parallelism) as pool:
        while time.monotonic() < t_end:
            t0 = time.monotonic()
            bodies = list(pool.map(lambda i: get(sock, f"/v1.41/containers/{i}/stats?stream=false&one-shot=true"), ids))
            replies += len(bodies)
            walls.append(time.monotonic() - t0)
            time.sleep(max(0.0, interval - (time.monotonic() - t0)))
    return {"cycles": len(walls), "cycle_wall_s_max": round(max(walls), 3),
            "cycle_wall_s_median": round(sorted(walls)[len(walls) // 2], 3), "replies": replies}


def stream(sock, ids, seconds):
    stop = time.monotonic() + seconds
    counts = {}

    def reader(i):
        c = UnixConnection(sock, timeout=seconds + 10)
        c.request("GET", f"/v1.41/containers/{i}/stats?stream=true")
        r = c.getresponse()
        n = 0
        while time.monotonic() < stop:
            line = r.readline()  # through the response, so chunk framing is not counted
            if not line:
                break
            n += line.startswith(b"{")
        counts[i] = n
        c.close()

    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 15)
    # an open stream always holds a sample at most 1 s old: a cycle reads the latest without waiting
    return {"replies": sum(counts.values()), "replies_per_container_per_s": round(sum(counts.values()) / len(ids) / seconds, 2)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("socket")
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--interval", type=int, default=10)
    p.add_argument("--parallelism", type=int, default=16)
    a = p.parse_args()
    ids = [c["Id"] for c in json.loads(get(a.socket, "/v1.41/containers/json"))]
    pids = engine_pids(a.socket)
    results = []
    for mode in ("oneshot", "stream"):
        e0 = sum(cpu_s(x) for x in pids)
        s0 = time.process_time()
        r = oneshot(a.socket, ids, a.seconds, a.interval, a.parallelism) if mode == "oneshot" else stream(a.socket, ids, a.seconds)
        r.update(mode=mode, containers=len(ids), seconds=a.seconds,
                 engine_cpu_ms_per_10s=round(1000 * (sum(cpu_s(x) for x in pids) - e0) / (a.seconds / 10), 1),
                 client_cpu_ms_per_10s=round(1000 * (time.process_time() - s0) / (a.seconds / 10), 1))
        print(json.dumps(r), flush=True)
        results.append(r)
        time.sleep(3)
    return results


if __name__ == "__main__":
    main()
    sys.exit(0)
