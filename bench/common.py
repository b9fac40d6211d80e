"""What the benchmark scripts share: the PostgreSQL database, the child processes' environment,
running a child process, starting gunicorn, emptying tables, timing three imports and the peak
memory."""

import http.client
import json
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRET_KEY = "bench-only-not-secret-" + "x" * 40


def ensure_postgres_database(url):
    """Create the benchmark database when missing; False when PostgreSQL does not answer."""
    parts = urlsplit(url)
    server = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    server += ["-U", parts.username or "postgres"]
    name = parts.path.lstrip("/")
    listed = subprocess.run(
        ["psql", *server, "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        return False
    if listed.stdout.strip() != "1":
        subprocess.run(["createdb", *server, name], check=True)
    return True


def django_environment(**variables):
    """The environment of a child process running Django with the production settings."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.setdefault("DJANGO_SECRET_KEY", SECRET_KEY)
    env.update(variables)
    return env


def database_environment(database_url, sqlite_dir):
    """Django on PostgreSQL at `database_url`, or on a fresh SQLite file under `sqlite_dir`."""
    env = django_environment()
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        sqlite_dir.mkdir(parents=True, exist_ok=True)
        for stale in sqlite_dir.glob("sirius.sqlite3*"):
            stale.unlink()
        env["SIRIUS_VAR_DIR"] = str(sqlite_dir)
    return env


def run_child(script, args, env, failure):
    """Run `script` with `args` in a child Python; the JSON of its last line of output.

    Exits with `failure` and the child's output when the child fails."""
    child = subprocess.run(
        [sys.executable, str(script), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if child.returncode != 0:
        sys.exit(f"{failure}\n{child.stdout}\n{child.stderr}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def free_port(host="127.0.0.1"):
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def migrate_and_empty(*models, statement="DELETE FROM"):
    """In a child process, after `django.setup()`: migrate, then empty the tables of `models`."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"{statement} {model._meta.db_table}")


def time_imports(import_file, path, modified_path):
    """Time a first import, the same file again and the modified file; label → seconds, summary."""
    timings = {}
    steps = (
        ("premier import", path),
        ("même fichier", path),
        ("10 % modifiées", modified_path),
    )
    for label, file in steps:
        start = time.perf_counter()
        summary = import_file(file)
        timings[label] = {"seconds": round(time.perf_counter() - start, 2), "summary": str(summary)}
    return timings


def peak_mib():
    """The peak resident memory of this process, in MiB (Linux reports kibibytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def databases(postgres_url):
    """SQLite, and PostgreSQL at `postgres_url` (created if missing) when it answers."""
    found = [("SQLite", "")]
    if ensure_postgres_database(postgres_url):
        found.append(("PostgreSQL", postgres_url))
    else:
        print(f"PostgreSQL injoignable ({postgres_url}) : mesure PostgreSQL non lancée.")
    return found


def print_timings(timings):
    for label, timing in timings.items():
        print(f"  {label:<15} {timing['seconds']:6.2f} s  {timing['summary']}")


def gunicorn_start(*, workers, threads, host, port, env, extra=()):
    """gunicorn serving the project on host:port (sync workers when threads is 1, else gthread),
    returned once /healthz answers 200; exits the bench when it does not start in 30 s."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            f"--workers={workers}",
            "--worker-class=gthread" if threads > 1 else "--worker-class=sync",
            f"--threads={threads}",
            f"--bind={host}:{port}",
            "--keep-alive=30",
            "--log-level=warning",
            *extra,
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(host, port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": host})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn ne démarre pas")
