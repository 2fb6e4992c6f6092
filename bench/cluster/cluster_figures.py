#!/usr/bin/env python3
"""Cluster figures by hand (not a CI test): failover time over repeated kill -9, and forwarding overhead per call.

Starts silo processes (dotnet Monitor.Silo.dll serve, cluster mode) on loopback over the given PostgreSQL database,
with the production timeouts (heartbeat 1 s, death 5 s) unless told otherwise; ingest throughput with 1, 2 and 3 silos
runs bench/Monitor.LoadGen with --server repeated (round robin over the silos).

  python3 bench/cluster/cluster_figures.py --silo-dll <dir>/Monitor.Silo.dll --postgres "Host=...;Database=..." failover --runs 5
  python3 bench/cluster/cluster_figures.py --silo-dll ... --postgres ... forwarding --calls 500
  python3 bench/cluster/cluster_figures.py --silo-dll ... --postgres ... throughput --loadgen <dir>/Monitor.LoadGen.dll
"""
import argparse, json, os, signal, statistics, subprocess, sys, threading, time, urllib.request, urllib.error
from datetime import datetime, timedelta, timezone

SERVICE = "monitor"


def fnv1a(key: str) -> int:
    h = 2166136261
    for b in key.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


class Silo:
    def __init__(self, args, index, service=SERVICE):
        self.index, self.silo_id = index, f"silo-{index}"
        self.url = f"http://127.0.0.1:{18180 + index}"
        env = dict(os.environ)
        env.update({
            "Logging__LogLevel__Default": "Warning",
            "Monitor__Storage__ServiceId": service,
            "Monitor__Cluster__Enabled": "true",
            "Monitor__Cluster__SiloId": self.silo_id,
            "Monitor__Cluster__InternalUrls": f"http://127.0.0.1:{18280 + index}",
            "Monitor__Cluster__AdvertisedAddress": f"http://127.0.0.1:{18280 + index}",
            "Monitor__Cluster__ClusterSecret": "figures",
            "Monitor__Cluster__Partitions": str(args.partitions),
            "Monitor__Cluster__HeartbeatPeriod": args.heartbeat,
            "Monitor__Cluster__DeathTimeout": args.death,
        })
        self.log = open(f"/tmp/cluster-figures-{self.silo_id}.log", "a")
        self.process = subprocess.Popen(["dotnet", args.silo_dll, "serve", "--urls", self.url, "--storage", "postgres", "--postgres", args.postgres],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


def request(method, url, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return 0, str(error).encode()


def wait_ready(silos, timeout=90):
    deadline = time.monotonic() + timeout
    for silo in silos:
        while request("GET", silo.url + "/health/ready", timeout=5)[0] != 200:
            if time.monotonic() > deadline:
                sys.exit(f"{silo.silo_id} not ready in {timeout} s; see /tmp/cluster-figures-{silo.silo_id}.log")
            time.sleep(0.1)


def owner(args, key):
    partition = fnv1a(key) % args.partitions
    out = subprocess.run(["psql", args.psql, "-Atc",
                          f"SELECT owner_silo FROM partition_lease WHERE service_id = '{SERVICE}' AND partition = {partition}"],
                         capture_output=True, text=True, check=True).stdout.strip()
    return out or None


def account_owned_by(args, silo, via, serial):
    for i in range(2000):
        key = f"x:{7_000_000_000 + serial * 10_000 + i}"
        if owner(args, key) == silo.silo_id:
            status, _ = request("PUT", f"{via.url}/api/accounts/{key}", {"groups": ["figures"]})
            assert status in (200, 201), status
            return key
    sys.exit("no account key found for " + silo.silo_id)


def failover(args):
    silos = [Silo(args, i) for i in (1, 2, 3)]
    try:
        wait_ready(silos)
        results = []
        for run in range(args.runs):
            victim = silos[2]
            survivor = silos[run % 2]
            key = account_owned_by(args, victim, survivor, run)
            start = datetime.now(timezone.utc) - timedelta(days=1)
            killed_at, first_success = [None], [None]
            stop = threading.Event()

            def write():
                step = 0
                while not stop.is_set():
                    step += 1
                    sent = time.monotonic()
                    point = [{"account": key, "timestamp": (start + timedelta(seconds=step)).isoformat(), "followers": 1000 + step}]
                    status, _ = request("POST", survivor.url + "/api/observations", point)
                    if status == 200 and killed_at[0] is not None and sent > killed_at[0] and first_success[0] is None:
                        first_success[0] = time.monotonic()
                        return
                    if status != 200:
                        time.sleep(0.05)  # a client's pause before retrying a refused write

            writer = threading.Thread(target=write)
            writer.start()
            time.sleep(1)
            victim.kill()
            killed_at[0] = time.monotonic()
            writer.join(120)
            stop.set()
            if first_success[0] is None:
                sys.exit(f"run {run + 1}: no successful write to the moved account within 120 s")
            seconds = first_success[0] - killed_at[0]
            results.append(seconds)
            print(f"run {run + 1}: kill -9 of {victim.silo_id} -> first acknowledged write of a moved account: {seconds:.2f} s", flush=True)
            silos[2] = Silo(args, 3)
            wait_ready(silos)
        print(f"failover over {len(results)} kills: median {statistics.median(results):.2f} s, worst {max(results):.2f} s "
              f"(heartbeat {args.heartbeat}, death timeout {args.death})")
    finally:
        for silo in silos:
            silo.stop()


def forwarding(args):
    silos = [Silo(args, i) for i in (1, 2)]
    try:
        wait_ready(silos)
        key = account_owned_by(args, silos[0], silos[0], 99)
        start = datetime.now(timezone.utc) - timedelta(days=1)
        request("POST", silos[0].url + "/api/observations", [{"account": key, "timestamp": start.isoformat(), "followers": 5}])
        for name, silo in (("local (owner)", silos[0]), ("forwarded (other silo)", silos[1])):
            for _ in range(50):
                request("GET", f"{silo.url}/api/accounts/{key}/summary")
            times = []
            for _ in range(args.calls):
                t = time.perf_counter()
                status, _ = request("GET", f"{silo.url}/api/accounts/{key}/summary")
                times.append((time.perf_counter() - t) * 1000)
                assert status == 200, status
            times.sort()
            print(f"GET summary via {name}: {args.calls} calls, p50 {times[len(times) // 2]:.2f} ms, p99 {times[int(len(times) * 0.99)]:.2f} ms, mean {statistics.mean(times):.2f} ms")
    finally:
        for silo in silos:
            silo.stop()


def throughput(args):
    for count in (1, 2, 3):
        # A service of its own per size: the load generator's rows would otherwise all be duplicates of the last run's.
        silos = []
        try:
            for index in range(1, count + 1):
                silos.append(Silo(args, index, f"throughput-{count}"))
            wait_ready(silos)
            command = ["dotnet", args.loadgen, "--clients", str(args.clients), "--duration", str(args.duration),
                       "--batch-size", "500", "--accounts", "200"]
            for silo in silos:
                command += ["--server", silo.url + "/"]
            result = subprocess.run(command, capture_output=True, text=True)
            lines = [line for line in result.stdout.splitlines() if line.startswith("ingest:")]
            print(f"{count} silo(s): " + " | ".join(lines) + f" | load average {os.getloadavg()[0]:.1f}", flush=True)
        finally:
            for silo in silos:
                silo.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--silo-dll", required=True)
    parser.add_argument("--postgres", required=True, help="Npgsql connection string of an empty database")
    parser.add_argument("--psql", required=True, help="the same database as a libpq URI, for psql")
    parser.add_argument("--partitions", type=int, default=4096)
    parser.add_argument("--heartbeat", default="00:00:01")
    parser.add_argument("--death", default="00:00:05")
    sub = parser.add_subparsers(dest="figure", required=True)
    f = sub.add_parser("failover"); f.add_argument("--runs", type=int, default=5)
    g = sub.add_parser("forwarding"); g.add_argument("--calls", type=int, default=500)
    t = sub.add_parser("throughput"); t.add_argument("--loadgen", required=True); t.add_argument("--clients", type=int, default=8); t.add_argument("--duration", type=int, default=20)
    parsed = parser.parse_args()
    {"failover": failover, "forwarding": forwarding, "throughput": throughput}[parsed.figure](parsed)
