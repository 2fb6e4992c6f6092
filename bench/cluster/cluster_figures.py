#!/usr/bin/env python3
"""Cluster figures by hand (not a CI test): failover time over repeated kill -9 (or SIGSTOP), API latency through each
silo, and ingest throughput with 1, 2 and 3 silos.

Starts silo processes (dotnet Monitor.Silo.dll serve, cluster mode: one Orleans cluster over the given PostgreSQL
database) on loopback, with the silo's own membership defaults (probe every 1 s, dead after 2 missed probes by 1 voter)
unless --membership overrides them (Orleans ClusterMembershipOptions names, e.g. --membership ProbeTimeout=00:00:02).
Ingest throughput runs bench/Monitor.LoadGen with --server repeated (round robin over the silos).

  python3 bench/cluster/cluster_figures.py --silo-dll <dir>/Monitor.Silo.dll --postgres "Host=...;Database=..." --psql postgresql://... failover --runs 5
  python3 bench/cluster/cluster_figures.py --silo-dll ... --postgres ... --psql ... failover --signal STOP --runs 3
  python3 bench/cluster/cluster_figures.py --silo-dll ... --postgres ... --psql ... latency --calls 500
  python3 bench/cluster/cluster_figures.py --silo-dll ... --postgres ... --psql ... throughput --loadgen <dir>/Monitor.LoadGen.dll
"""
import argparse, json, os, signal, statistics, subprocess, sys, threading, time, urllib.request, urllib.error
from datetime import datetime, timedelta, timezone

SERVICE = "monitor"
CLUSTER = "figures"
DEAD = 6  # Orleans SiloStatus.Dead in OrleansMembershipTable.Status


class Silo:
    def __init__(self, args, index, service=SERVICE, cluster=CLUSTER):
        self.index, self.name = index, f"silo-{index}"
        self.url = f"http://127.0.0.1:{18180 + index}"
        self.silo_port = 18280 + index
        env = dict(os.environ)
        env.update({
            "Logging__LogLevel__Default": "Warning",
            "Monitor__Storage__ServiceId": service,
            "Monitor__Cluster__Enabled": "true",
            "Monitor__Cluster__ClusterId": cluster,
            "Monitor__Cluster__SiloPort": str(self.silo_port),
            "Monitor__Cluster__GatewayPort": "0",
            "Monitor__Cluster__AdvertisedAddress": "127.0.0.1",
            "Monitor__Collectors__Enabled": "false",
        })
        for setting in args.membership:
            key, _, value = setting.partition("=")
            env[f"Monitor__Cluster__Membership__{key}"] = value
        self.log = open(f"/tmp/cluster-figures-{self.name}.log", "a")
        self.process = subprocess.Popen(["dotnet", args.silo_dll, "serve", "--urls", self.url, "--storage", "postgres", "--postgres", args.postgres],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def signal(self, sig):
        self.process.send_signal(sig)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
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
                sys.exit(f"{silo.name} not ready in {timeout} s; see /tmp/cluster-figures-{silo.name}.log")
            time.sleep(0.1)


def membership_status(args, silo):
    """The statuses of the silo's rows in Orleans' membership table (one per incarnation on its port)."""
    out = subprocess.run(["psql", args.psql, "-Atc",
                          f"SELECT status FROM orleansmembershiptable WHERE deploymentid = '{CLUSTER}' AND port = {silo.silo_port}"],
                         capture_output=True, text=True, check=True).stdout.split()
    return [int(status) for status in out]


def create_accounts(via, serial, count):
    keys = [f"x:{7_000_000_000 + serial * 10_000 + i}" for i in range(count)]
    for key in keys:
        status, _ = request("PUT", f"{via.url}/api/accounts/{key}", {"groups": ["figures"]})
        assert status in (200, 201), status
    return keys


def failover(args):
    """Where a grain lives is not visible from outside: the cluster has failed over once every account took a write sent after the fault."""
    silos = [Silo(args, i) for i in (1, 2, 3)]
    fault = signal.SIGKILL if args.signal == "KILL" else signal.SIGSTOP
    try:
        wait_ready(silos)
        results, deaths = [], []
        for run in range(args.runs):
            victim = silos[2]
            survivors = silos[:2]
            keys = create_accounts(survivors[0], run, args.accounts)
            start = datetime.now(timezone.utc) - timedelta(days=1)
            faulted_at, written = [None], {}
            stop = threading.Event()

            def write(slice_keys, target):
                step = 0
                while not stop.is_set():
                    step += 1
                    sent = time.monotonic()
                    batch = [{"account": key, "timestamp": (start + timedelta(seconds=step)).isoformat(), "followers": 1000 + step} for key in slice_keys]
                    status, _ = request("POST", target.url + "/api/observations", batch)
                    if status == 200 and faulted_at[0] is not None and sent > faulted_at[0]:
                        for key in slice_keys:
                            written.setdefault(key, time.monotonic())
                    elif status != 200:
                        time.sleep(0.05)  # a client's pause before retrying a refused write

            writers = [threading.Thread(target=write, args=(keys[i::4], survivors[i % 2])) for i in range(4)]
            for writer in writers:
                writer.start()
            time.sleep(1)
            if fault == signal.SIGKILL:
                victim.kill()
            else:
                victim.signal(signal.SIGSTOP)
            faulted_at[0] = time.monotonic()
            dead_at = None
            deadline = faulted_at[0] + 120
            while time.monotonic() < deadline and (len(written) < len(keys) or dead_at is None):
                if dead_at is None and DEAD in membership_status(args, victim):
                    dead_at = time.monotonic()
                time.sleep(0.1)
            stop.set()
            for writer in writers:
                writer.join(60)
            if len(written) < len(keys):
                sys.exit(f"run {run + 1}: {len(keys) - len(written)} accounts took no write within 120 s")
            seconds = max(written.values()) - faulted_at[0]
            results.append(seconds)
            dead = "" if dead_at is None else f"; Dead in the membership table after {dead_at - faulted_at[0]:.2f} s"
            if dead_at is not None:
                deaths.append(dead_at - faulted_at[0])
            print(f"run {run + 1}: {args.signal} of {victim.name} -> every account written again after {seconds:.2f} s{dead}", flush=True)
            if fault == signal.SIGSTOP:
                victim.signal(signal.SIGCONT)  # it learns it was declared dead and stops
                try:
                    victim.process.wait(30)
                except subprocess.TimeoutExpired:
                    victim.kill()
            silos[2] = Silo(args, 3)
            wait_ready(silos)
        print(f"failover over {len(results)} x {args.signal}: median {statistics.median(results):.2f} s, worst {max(results):.2f} s"
              + (f"; declared dead: median {statistics.median(deaths):.2f} s" if deaths else "")
              + f" (membership overrides: {args.membership or 'none'})")
    finally:
        for silo in silos:
            silo.stop()


def latency(args):
    """GET summary through each silo: some accounts' grains are local to it, the others' a silo-to-silo call away."""
    silos = [Silo(args, i) for i in (1, 2)]
    try:
        wait_ready(silos)
        keys = create_accounts(silos[0], 99, 20)
        start = datetime.now(timezone.utc) - timedelta(days=1)
        request("POST", silos[0].url + "/api/observations", [{"account": key, "timestamp": start.isoformat(), "followers": 5} for key in keys])
        for silo in silos:
            for key in keys:
                request("GET", f"{silo.url}/api/accounts/{key}/summary")
            times = []
            for call in range(args.calls):
                t = time.perf_counter()
                status, _ = request("GET", f"{silo.url}/api/accounts/{keys[call % len(keys)]}/summary")
                times.append((time.perf_counter() - t) * 1000)
                assert status == 200, status
            times.sort()
            print(f"GET summary via {silo.name} (20 accounts, wherever Orleans placed them): {args.calls} calls, "
                  f"p50 {times[len(times) // 2]:.2f} ms, p99 {times[int(len(times) * 0.99)]:.2f} ms, mean {statistics.mean(times):.2f} ms")
    finally:
        for silo in silos:
            silo.stop()


def throughput(args):
    for count in (1, 2, 3):
        # A service and cluster of their own per size: the load generator's rows would otherwise all be duplicates of the last run's.
        silos = []
        try:
            for index in range(1, count + 1):
                silos.append(Silo(args, index, f"throughput-{count}", f"throughput-{count}"))
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
    parser.add_argument("--psql", required=True, help="the same database as a libpq URI, for psql (reads Orleans' membership table)")
    parser.add_argument("--membership", action="append", default=[], metavar="NAME=VALUE",
                        help="an Orleans ClusterMembershipOptions override (Monitor:Cluster:Membership), repeatable")
    sub = parser.add_subparsers(dest="figure", required=True)
    f = sub.add_parser("failover"); f.add_argument("--runs", type=int, default=5); f.add_argument("--accounts", type=int, default=30)
    f.add_argument("--signal", choices=["KILL", "STOP"], default="KILL")
    g = sub.add_parser("latency"); g.add_argument("--calls", type=int, default=500)
    t = sub.add_parser("throughput"); t.add_argument("--loadgen", required=True); t.add_argument("--clients", type=int, default=8); t.add_argument("--duration", type=int, default=20)
    parsed = parser.parse_args()
    {"failover": failover, "latency": latency, "throughput": throughput}[parsed.figure](parsed)
