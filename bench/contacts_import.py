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
import sys
import time
from datetime import date, timedelta

from common import (
    ROOT,
    database_environment,
    databases,
    migrate_and_empty,
    peak_mib,
    print_timings,
    run_child,
    time_imports,
)

from sirius.referentiel.validators import complete_siret

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
    from django.db import connection

    from sirius.campaigns.models import Contact
    from sirius.campaigns.roster.services import contacts_import_file
    from sirius.referentiel.models import Establishment, Formation

    migrate_and_empty(Contact, Formation, Establishment)
    formations_create()
    timings = time_imports(contacts_import_file, path, modified_path)
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "timings": timings,
                "peak_mib": peak_mib(),
                "contacts": Contact.objects.count(),
            }
        )
    )


def main():
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / f"contacts-{CONTACTS}.csv"
    modified_path = DATA_DIR / f"contacts-{CONTACTS}-modified.csv"
    start = time.perf_counter()
    generate(path, modified_path)
    size_mib = path.stat().st_size / 2**20
    print(f"Données : {CONTACTS} contacts, {FORMATIONS} formations, {size_mib:.1f} Mio ({path}), ")
    print(f"générées en {time.perf_counter() - start:.1f} s")
    for name, url in databases(POSTGRES_URL):
        result = run_child(
            __file__,
            ["--run", str(path), str(modified_path)],
            database_environment(url, SQLITE_DIR),
            f"{name} : la mesure a échoué.",
        )
        print(f"\n{name} (pic mémoire du processus : {result['peak_mib']:.0f} Mio, ", end="")
        print(f"{result['contacts']} contacts en base)")
        print_timings(result["timings"])


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        run_on_current_database(sys.argv[2], sys.argv[3])
    else:
        main()
