"""Benchmark of the roster import (`manage.py import_contacts`).

Generates a deterministic file of 100,000 contacts (fixed seed) under bench/data/, spread over
3,000 formations, and a copy where one row in ten changes (first name or phone). Then, for SQLite
(a fresh file under var/bench-contacts/) and PostgreSQL (BENCH_CONTACTS_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/sirius_bench_contacts, created if missing), in a child process
each: migrate, empty the tables, create the 3,000 formations, then time `contacts_import_file` on
the file (all created), the same file again (all unchanged) and the modified copy (10 % updated).
"""

import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sirius.referentiel.validators import complete_siret  # noqa: E402

DATA_DIR = ROOT / "bench" / "data"
SQLITE_DIR = ROOT / "var" / "bench-contacts"
POSTGRES_URL = os.environ.get(
    "BENCH_CONTACTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sirius_bench_contacts"
)
CONTACTS = 100_000
FORMATIONS = 3_000
ESTABLISHMENTS = 300
MODIFIED_SHARE = 10  # percent
HEADER = ["email", "téléphone", "prénom", "formation", "début du contrat", "fin du contrat"]
FIRST_NAMES = ["Léa", "Tom", "Inès", "Lucas", "Chloé", "Hugo", "Manon", "Yanis", "Jade", "Noah"]


def formation_key(index):
    return f"{index:06d}PBENCH{index % 97:02d}#L01"


def formation_cfd(index):
    return f"{40000000 + index:08d}"


def generate(path, modified_path):
    rng = random.Random(2026)
    rows = []
    for index in range(CONTACTS):
        formation = rng.randrange(FORMATIONS)
        start = date(2025, 9, 1) + timedelta(days=rng.randrange(0, 90))
        end = start + timedelta(days=365 * rng.choice([1, 2, 3]))
        rows.append(
            [
                f"apprenti.{index}@exemple.fr" if rng.random() < 0.95 else "",
                f"06 {rng.randrange(10**8):08d}" if rng.random() < 0.7 else "",
                rng.choice(FIRST_NAMES),
                formation_cfd(formation) if rng.random() < 0.1 else formation_key(formation),
                start.strftime("%d/%m/%Y"),
                end.isoformat(),
            ]
        )
    for row in rows:
        if not row[0] and not row[1]:
            row[1] = f"07 {rng.randrange(10**8):08d}"
    write_csv(path, rows)
    for row in rng.sample(rows, CONTACTS * MODIFIED_SHARE // 100):
        row[2] += "-Marie"  # a new first name: an update
    write_csv(modified_path, rows)


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)


def formations_create():
    from django.utils import timezone

    from sirius.referentiel.models import Establishment, Formation

    Establishment.objects.bulk_create(
        Establishment(
            siret=complete_siret(f"{290000000 + index:09d}0001"), raison_sociale=f"CFA {index}"
        )
        for index in range(ESTABLISHMENTS)
    )
    establishments = list(Establishment.objects.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    Formation.objects.bulk_create(
        (
            Formation(
                cle_ministere_educatif=formation_key(index),
                cfd=formation_cfd(index),
                intitule=f"Formation {index}",
                formateur_id=establishments[index % ESTABLISHMENTS],
                gestionnaire_id=establishments[index % ESTABLISHMENTS],
                catalogue_hash="bench",
                created_at=now,
                updated_at=now,
            )
            for index in range(FORMATIONS)
        ),
        batch_size=1000,
    )


def run_on_current_database(path, modified_path):
    """In a child process: migrate, empty the tables, time the three imports, print JSON."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from sirius.campaigns.models import Contact
    from sirius.campaigns.roster.services import contacts_import_file
    from sirius.referentiel.models import Establishment, Formation

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        for model in (Contact, Formation, Establishment):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
    formations_create()
    timings = {}
    steps = (
        ("premier import", path),
        ("même fichier", path),
        ("10 % modifiées", modified_path),
    )
    for label, file in steps:
        start = time.perf_counter()
        summary = contacts_import_file(file)
        timings[label] = {"seconds": round(time.perf_counter() - start, 2), "summary": str(summary)}
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "timings": timings,
                "peak_mib": peak_mib,
                "contacts": Contact.objects.count(),
            }
        )
    )


def ensure_postgres_database(url):
    """Create the benchmark database when missing; False when PostgreSQL does not answer."""
    from urllib.parse import urlsplit

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


def child_environment(database_url):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        SQLITE_DIR.mkdir(parents=True, exist_ok=True)
        for stale in SQLITE_DIR.glob("sirius.sqlite3*"):
            stale.unlink()
        env["SIRIUS_VAR_DIR"] = str(SQLITE_DIR)
    return env


def main():
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / f"contacts-{CONTACTS}.csv"
    modified_path = DATA_DIR / f"contacts-{CONTACTS}-modified.csv"
    start = time.perf_counter()
    generate(path, modified_path)
    size_mib = path.stat().st_size / 2**20
    print(f"Données : {CONTACTS} contacts, {FORMATIONS} formations, {size_mib:.1f} Mio ({path}), ")
    print(f"générées en {time.perf_counter() - start:.1f} s")
    databases = [("SQLite", "")]
    if ensure_postgres_database(POSTGRES_URL):
        databases.append(("PostgreSQL", POSTGRES_URL))
    else:
        print(f"PostgreSQL injoignable ({POSTGRES_URL}) : mesure PostgreSQL non lancée.")
    for name, url in databases:
        child = subprocess.run(
            [sys.executable, __file__, "--run", str(path), str(modified_path)],
            env=child_environment(url),
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        if child.returncode != 0:
            sys.exit(f"{name} : la mesure a échoué.\n{child.stderr}")
        result = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"\n{name} (pic mémoire du processus : {result['peak_mib']:.0f} Mio, ", end="")
        print(f"{result['contacts']} contacts en base)")
        for label, timing in result["timings"].items():
            print(f"  {label:<15} {timing['seconds']:6.2f} s  {timing['summary']}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        run_on_current_database(sys.argv[2], sys.argv[3])
    else:
        main()
