"""Benchmark of the public reads: `.venv/bin/python bench/public_reads.py`.

On PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/sirius_bench_reads,
created if missing) with 50,000 formations and 1,000,000 submitted responses (built once by
bench/public_reads_data.py, reused when the sizes match), serves Sirius with gunicorn and the
production settings (config.settings.base, DEBUG off) and drives it with `wrk` (Debian package,
installed if missing) over random formation keys (bench/public_reads.lua picks one per request):

- `api`: GET /api/v1/formations/{cle}, anonymous;
- `api-key`: the same with the bench's API key in `X-Api-Key`;
- `api-304`: the same with `If-None-Match` set to the ETag the server gave for that key;
- `page`: the public formation page /formations/{cle}/;
- `healthz`: /healthz (the middleware stack and one `SELECT 1`), the ceiling of any Django view
  on this machine, for comparison.

The rate limit stays on: the bench raises SIRIUS_API_ANONYMOUS_RATE and SIRIUS_API_KEY_RATE to
10,000,000/min so that every request is counted but none is refused (one client address).

Options: --workers 2,4 and --threads 1 (each combination in turn; threads > 1: gthread),
--connections, --duration, --scenarios api,api-key,api-304,page,healthz.
"""

import argparse
import http.client
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from common import (
    ROOT,
    SECRET_KEY,
    django_environment,
    ensure_postgres_database,
    free_port,
    gunicorn_start,
)

BENCH_DIR = ROOT / "bench"
DATA_DIR = BENCH_DIR / "data"
VAR_DIR = ROOT / "var" / "bench-reads"
LUA = BENCH_DIR / "public_reads.lua"
POSTGRES_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sirius_bench_reads"
)
HOST = "127.0.0.1"
UNLIMITED = "10000000/min"
ETAG_SAMPLE = 3000


def django_env():
    return django_environment(
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=POSTGRES_URL,
        SIRIUS_VAR_DIR=str(VAR_DIR),
        SIRIUS_LOG_LEVEL="WARNING",
        SIRIUS_API_ANONYMOUS_RATE=UNLIMITED,
        SIRIUS_API_KEY_RATE=UNLIMITED,
        PYTHONPATH=str(ROOT),
    )


def wrk_ensure():
    if shutil.which("wrk"):
        return
    print("Installation de wrk (paquet Debian)…", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        check=True,
    )


def data_build():
    """Build or reuse the bench database; its sizes, timings, keys and API key."""
    output = subprocess.run(
        [sys.executable, str(BENCH_DIR / "public_reads_data.py")],
        env=django_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode != 0:
        sys.exit(f"La construction des données a échoué.\n{output.stdout}\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def api_path(key):
    return "/api/v1/formations/" + quote(key, safe="")


def page_path(key):
    return "/formations/" + quote(key, safe="") + "/"


def etags_fetch(port, keys):
    """[(path, ETag)] of the API detail of `keys`, read once from the server."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    pairs = []
    for key in keys:
        connection.request("GET", api_path(key), headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            pairs.append((api_path(key), response.getheader("ETag")))
    connection.close()
    return pairs


def requests_file(name, lines):
    """A file of requests for the Lua script: « path<TAB>header: value » per line."""
    path = DATA_DIR / f"reads-{name}.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def check(port, path, headers, expected):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", path, headers={"Host": HOST, **headers})
    response = connection.getresponse()
    response.read()
    if response.status != expected:
        raise SystemExit(f"{path} : {response.status} au lieu de {expected}")


TICK = os.sysconf("SC_CLK_TCK")


def _process_seconds(stat_path):
    fields = Path(stat_path).read_text().rsplit(")", 1)[1].split()
    return fields[0], int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK  # state, ppid, cpu


def cpu_seconds(server_pid):
    """CPU seconds used so far by gunicorn's workers, by PostgreSQL, by the whole machine."""
    django = postgres = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            _state, ppid, seconds = _process_seconds(stat)
            comm = (stat.parent / "comm").read_text().strip()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == server_pid:
            django += seconds
        elif comm == "postgres":
            postgres += seconds
    busy = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    machine = (sum(map(int, busy[:3])) + sum(map(int, busy[5:8]))) / TICK  # less idle, iowait
    wrk = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "django": django,
        "postgres": postgres,
        "wrk": wrk.ru_utime + wrk.ru_stime,
        "machine": machine,
    }


def cpu_per_request(before, after, requests):
    """Milliseconds of CPU per request: gunicorn workers, PostgreSQL, wrk, everything else."""
    spent = {name: after[name] - before[name] for name in before}
    spent["others"] = spent["machine"] - spent["django"] - spent["postgres"] - spent["wrk"]
    return {
        f"cpu_ms_{name}": round(seconds * 1000 / max(1, requests), 2)
        for name, seconds in spent.items()
        if name != "machine"
    }


LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1, "s": 1000}


def wrk_run(port, requests, connections, duration, threads=2):
    run = subprocess.run(
        [
            "wrk",
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={duration}s",
            "--timeout=10s",
            "--latency",
            f"--script={LUA}",
            f"http://{HOST}:{port}",
        ],
        env={**os.environ, "SIRIUS_REQUESTS": str(requests)},
        capture_output=True,
        text=True,
        check=True,
    )
    text = run.stdout
    latency = {f"p{p}_ms": round(float(v) * UNITS[u], 1) for p, v, u in LATENCY.findall(text)}
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: (.*)", text)
    return {
        "per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        **latency,
        "requests": total,
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def one_configuration(data, workers, threads, options):
    port = free_port(HOST)
    server = gunicorn_start(
        workers=workers,
        threads=threads,
        host=HOST,
        port=port,
        env=django_env(),
        extra=["--backlog=2048"],
    )
    results = {}
    try:
        keys = data["keys"]
        key_header = f"X-Api-Key: {data['api_key']}"
        files = {
            "api": requests_file("api", [api_path(key) for key in keys]),
            "api-key": requests_file("api-key", [f"{api_path(key)}\t{key_header}" for key in keys]),
            "page": requests_file("page", [page_path(key) for key in keys]),
            "healthz": requests_file("healthz", ["/healthz"]),
        }
        if "api-304" in options.scenarios:
            pairs = etags_fetch(port, keys[:ETAG_SAMPLE])
            files["api-304"] = requests_file(
                "api-304", [f"{path}\tIf-None-Match: {etag}" for path, etag in pairs]
            )
            check(port, pairs[0][0], {"If-None-Match": pairs[0][1]}, 304)
        check(port, page_path(keys[0]), {}, 200)
        for scenario in options.scenarios:
            wrk_run(port, files[scenario], options.connections, 3)  # warm up every worker
            before = cpu_seconds(server.pid)
            result = wrk_run(port, files[scenario], options.connections, options.duration)
            result.update(
                cpu_per_request(before, cpu_seconds(server.pid), result["requests"]),
                load_average=Path("/proc/loadavg").read_text().split()[0],
            )
            results[scenario] = result
            line = json.dumps(results[scenario], ensure_ascii=False)
            print(f"  {workers} workers × {threads} threads  {scenario:<8} {line}", flush=True)
    finally:
        server.terminate()
        server.wait()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="2,4")
    parser.add_argument("--threads", default="1")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--scenarios", default="api,api-key,api-304,page,healthz")
    options = parser.parse_args()
    options.scenarios = options.scenarios.split(",")
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not ensure_postgres_database(POSTGRES_URL):
        sys.exit(f"PostgreSQL injoignable ({POSTGRES_URL}) : mesure non lancée.")
    wrk_ensure()
    start = time.perf_counter()
    data = data_build()
    sizes = {name: value for name, value in data.items() if name not in ("keys", "api_key")}
    print(
        f"Données prêtes en {time.perf_counter() - start:.0f} s : {json.dumps(sizes)}", flush=True
    )
    summary = []
    for workers in options.workers.split(","):
        for threads in options.threads.split(","):
            results = one_configuration(data, int(workers), int(threads), options)
            summary.append({"workers": int(workers), "threads": int(threads), **results})
    (DATA_DIR / "public_reads_results.json").write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
