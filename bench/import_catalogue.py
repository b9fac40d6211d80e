"""Benchmark of the catalogue import: `make bench`.

Generates a deterministic 50,000-formation catalogue (about 5,000 establishments) under
bench/data/, then times on SQLite (a fresh file under var/bench/) and on PostgreSQL
(DATABASE_URL, default postgres://postgres@127.0.0.1:5432/sirius_bench, created if missing):
a first import (all created), the same file again (all unchanged), and a file with 10% of the
rows modified. Each database runs in its own process, which reports its peak memory.
"""

import csv
import json
import os
import random
import sys
import time

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

from sirius.referentiel.validators import complete_siret, complete_uai

DATA_DIR = ROOT / "bench" / "data"
SQLITE_DIR = ROOT / "var" / "bench"
POSTGRES_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sirius_bench"
)
FORMATIONS = 50_000
ESTABLISHMENTS = 5_000
MODIFIED_SHARE = 10  # percent
FIELDS = [
    "cle_ministere_educatif", "cfd", "rncp_code", "intitule_long", "intitule_court", "diplome",
    "niveau", "code_postal", "code_commune_insee", "num_departement", "region", "localite",
    "lieu_formation_adresse", "lieu_formation_geo_coordonnees", "etablissement_formateur_siret",
    "etablissement_formateur_uai", "etablissement_formateur_enseigne",
    "etablissement_formateur_entreprise_raison_sociale", "etablissement_formateur_adresse",
    "etablissement_formateur_code_postal", "etablissement_formateur_localite",
    "etablissement_gestionnaire_siret", "etablissement_gestionnaire_uai",
    "etablissement_gestionnaire_enseigne", "etablissement_gestionnaire_entreprise_raison_sociale",
    "duree", "onisep_url", "nom_academie",
]  # fmt: skip
CITIES = [
    ("75011", "75111", "Paris", "Île-de-France", "Paris", 48.8589, 2.3790),
    ("69003", "69383", "Lyon", "Auvergne-Rhône-Alpes", "Lyon", 45.7597, 4.8422),
    ("13001", "13201", "Marseille", "Provence-Alpes-Côte d'Azur", "Aix-Marseille", 43.2999, 5.3841),
    ("31000", "31555", "Toulouse", "Occitanie", "Toulouse", 43.6045, 1.4440),
    ("59000", "59350", "Lille", "Hauts-de-France", "Lille", 50.6292, 3.0573),
    ("33000", "33063", "Bordeaux", "Nouvelle-Aquitaine", "Bordeaux", 44.8378, -0.5792),
    ("44000", "44109", "Nantes", "Pays de la Loire", "Nantes", 47.2184, -1.5536),
    ("67000", "67482", "Strasbourg", "Grand Est", "Strasbourg", 48.5734, 7.7521),
    ("35000", "35238", "Rennes", "Bretagne", "Rennes", 48.1173, -1.6778),
    ("21000", "21231", "Dijon", "Bourgogne-Franche-Comté", "Dijon", 47.3220, 5.0415),
    ("45000", "45234", "Orléans", "Centre-Val de Loire", "Orléans-Tours", 47.9030, 1.9093),
    ("76000", "76540", "Rouen", "Normandie", "Normandie", 49.4432, 1.0999),
    ("20000", "2A004", "Ajaccio", "Corse", "Corse", 41.9192, 8.7386),
    ("97400", "97411", "Saint-Denis", "La Réunion", "La Réunion", -20.8821, 55.4507),
    ("01000", "01053", "Bourg-en-Bresse", "Auvergne-Rhône-Alpes", "Lyon", 46.2052, 5.2255),
]
DIPLOMAS = [
    (
        "CAP",
        3,
        "3 (CAP...)",
        ["Cuisine", "Boulanger", "Électricien", "Coiffure", "Menuisier fabricant"],
    ),
    ("BAC PRO", 4, "4 (BAC...)", ["Commerce", "Maintenance des véhicules", "Métiers de l'accueil"]),
    (
        "BTS",
        5,
        "5 (BTS, DEUST...)",
        [
            "Management commercial opérationnel",
            "Comptabilité et gestion",
            "Services informatiques aux organisations",
        ],
    ),
    (
        "LICENCE PROFESSIONNELLE",
        6,
        "6 (Licence, BUT...)",
        ["Métiers du numérique", "Logistique et transports"],
    ),
    (
        "TITRE INGENIEUR",
        7,
        "7 (Master, titre ingénieur...)",
        ["Génie industriel", "Informatique et réseaux"],
    ),
]


def generate(path, modified_path):
    """The benchmark files: the catalogue, and a copy with one row in ten changed."""
    rng = random.Random(2026)
    establishments = [establishment(index, rng) for index in range(ESTABLISHMENTS)]
    gestionnaires = establishments[:1_000]
    rows = []
    for index in range(FORMATIONS):
        formateur = rng.choice(establishments)
        gestionnaire = formateur if rng.random() < 0.6 else rng.choice(gestionnaires)
        rows.append(formation(index, rng, formateur, gestionnaire))
    write_csv(path, rows)
    for row in rng.sample(rows, FORMATIONS * MODIFIED_SHARE // 100):
        row["intitule_long"] += " (session 2027)"
        row["duree"] = "3"
    write_csv(modified_path, rows)


def establishment(index, rng):
    city = rng.choice(CITIES)
    kind = rng.choice(["CFA", "Lycée professionnel", "CFA interprofessionnel", "Université"])
    return {
        "siret": complete_siret(f"{190000000 + index * 7:09d}{index % 10000:04d}"),
        "uai": complete_uai(f"{index % 100:02d}{index:05d}"[:7]),
        "enseigne": f"{kind} de {city[2]} n° {index}",
        "entreprise_raison_sociale": f"ASSOCIATION {kind.upper()} {index}",
        "adresse": f"{rng.randint(1, 200)} rue de la République",
        "code_postal": city[0],
        "localite": city[2],
        "city": city,
    }


def formation(index, rng, formateur, gestionnaire):
    diplome, _, niveau, titles = rng.choice(DIPLOMAS)
    title = rng.choice(titles)
    city = formateur["city"]
    has_cfd = rng.random() < 0.85
    row = {
        "cle_ministere_educatif": f"{index:06d}P{formateur['siret']}{index % 97:02d}#L01",
        "cfd": f"{rng.randint(30000000, 50099999):08d}" if has_cfd else "",
        "rncp_code": str(rng.randint(30000, 39999)) if not has_cfd or rng.random() < 0.7 else "",
        "intitule_long": f"{diplome} {title}".upper(),
        "intitule_court": title,
        "diplome": diplome,
        "niveau": niveau,
        "code_postal": city[0],
        "code_commune_insee": city[1],
        "num_departement": "",
        "region": city[3],
        "localite": city[2],
        "lieu_formation_adresse": formateur["adresse"],
        "lieu_formation_geo_coordonnees": f"{city[5] + rng.uniform(-0.05, 0.05):.5f},"
        f"{city[6] + rng.uniform(-0.05, 0.05):.5f}",
        "duree": str(rng.choice([1, 2, 2, 3])),
        "onisep_url": f"https://www.onisep.fr/http/redirection/formation/slug/FOR.{index}",
        "nom_academie": city[4],
    }
    for role, place in (("formateur", formateur), ("gestionnaire", gestionnaire)):
        for key in ("siret", "uai", "enseigne", "entreprise_raison_sociale"):
            row[f"etablissement_{role}_{key}"] = place[key]
    for key in ("adresse", "code_postal", "localite"):
        row[f"etablissement_formateur_{key}"] = formateur[key]
    return row


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=FIELDS, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)


def run_on_current_database(path, modified_path):
    """In a child process: migrate, empty the tables, time the three imports, print JSON."""
    import django

    django.setup()
    from django.db import connection

    from sirius.referentiel.catalogue.services import catalogue_import_file
    from sirius.referentiel.models import Establishment, Formation

    migrate_and_empty(Formation, Establishment)
    timings = time_imports(catalogue_import_file, path, modified_path)
    print(json.dumps({"vendor": connection.vendor, "timings": timings, "peak_mib": peak_mib()}))


def main():
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / f"catalogue-{FORMATIONS}.csv"
    modified_path = DATA_DIR / f"catalogue-{FORMATIONS}-modified.csv"
    start = time.perf_counter()
    generate(path, modified_path)
    size_mib = path.stat().st_size / 2**20
    print(f"Données : {FORMATIONS} formations, {ESTABLISHMENTS} établissements au plus, ", end="")
    print(f"{size_mib:.1f} Mio ({path}), générées en {time.perf_counter() - start:.1f} s")
    for name, url in databases(POSTGRES_URL):
        result = run_child(
            __file__,
            ["--run", str(path), str(modified_path)],
            database_environment(url, SQLITE_DIR),
            f"{name} : la mesure a échoué.",
        )
        print(f"\n{name} (pic mémoire du processus : {result['peak_mib']:.0f} Mio)")
        print_timings(result["timings"])


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        run_on_current_database(sys.argv[2], sys.argv[3])
    else:
        main()
