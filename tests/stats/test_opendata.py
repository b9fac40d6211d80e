import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from sirius.campaigns.scheduler import daily_run
from sirius.referentiel.enums import Region
from sirius.stats import opendata
from sirius.stats.enums import Scope
from sirius.stats.models import Aggregate
from sirius.stats.opendata import HEADER, opendata_path, opendata_write
from tests.factories import EstablishmentFactory, FormationFactory

pytestmark = pytest.mark.django_db


def formation_with(ratings, *, responses=None, published=0, **formation_fields):
    formation = FormationFactory(**formation_fields)
    dist = {}
    for rating in ratings:
        dist[str(rating)] = dist.get(str(rating), 0) + 1
    Aggregate.objects.create(
        scope=Scope.FORMATION,
        key=formation.cle_ministere_educatif,
        responses=len(ratings) if responses is None else responses,
        score_sum=sum(ratings),
        score_count=len(ratings),
        published_verbatims=published,
        answers={"satisfaction_globale": {"n": len(ratings), "sum": sum(ratings), "dist": dist}},
    )
    return formation


def read(path):
    raw = path.read_bytes()
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_the_file_lists_public_formations_with_their_figures_for_a_french_spreadsheet(tmp_path):
    formateur = EstablishmentFactory(enseigne="CFA Pâtisserie ; Boulangerie", uai="0751234A")
    shown = formation_with(
        [5, 5, 4, 4, 3, 2],
        published=3,
        formateur=formateur,
        intitule="CAP Pâtissier",
        diplome="CAP",
        niveau=3,
        cfd="50022137",
        rncp="RNCP37859",
        localite="Lyon 3e",
        code_postal="69003",
        departement="69",
        region=Region.AUVERGNE_RHONE_ALPES,
    )
    path = tmp_path / "avis.csv"

    lines = opendata_write(path, generated_on=date(2026, 11, 28))

    raw, rows = read(path)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.splitlines()[0].decode("utf-8-sig").split(";") == HEADER
    assert lines == 1
    assert rows == [
        {
            "cle_ministere_educatif": shown.cle_ministere_educatif,
            "intitule": "CAP Pâtissier",
            "diplome": "CAP",
            "niveau": "3",
            "cfd": "50022137",
            "rncp": "RNCP37859",
            "formateur_siret": formateur.siret,
            "formateur_uai": "0751234A",
            "formateur_nom": "CFA Pâtisserie ; Boulangerie",
            "commune": "Lyon 3e",
            "code_postal": "69003",
            "departement": "69",
            "code_region": "84",
            "region": "Auvergne-Rhône-Alpes",
            "reponses": "6",
            "note_moyenne": "3,8",
            "nombre_notes": "6",
            "notes_1_pct": "0",
            "notes_2_pct": "17",
            "notes_3_pct": "17",
            "notes_4_pct": "33",
            "notes_5_pct": "33",
            "commentaires_publies": "3",
            "date_generation": "2026-11-28",
        }
    ]


def test_formations_below_the_threshold_are_left_out(tmp_path, settings):
    four = formation_with([5, 5, 5, 5])
    five = formation_with([1, 2, 3, 4, 5])
    unscored = formation_with([4, 4], responses=7)  # public, but its score is not
    path = tmp_path / "avis.csv"

    opendata_write(path)

    rows = {row["cle_ministere_educatif"]: row for row in read(path)[1]}
    assert four.cle_ministere_educatif not in rows
    assert rows[five.cle_ministere_educatif]["note_moyenne"] == "3,0"
    assert rows[unscored.cle_ministere_educatif]["reponses"] == "7"
    assert rows[unscored.cle_ministere_educatif]["note_moyenne"] == ""
    assert rows[unscored.cle_ministere_educatif]["notes_5_pct"] == ""

    settings.SIRIUS_PUBLICATION_THRESHOLD = 4
    opendata_write(path)
    assert four.cle_ministere_educatif in {row["cle_ministere_educatif"] for row in read(path)[1]}


def test_a_failed_run_leaves_the_previous_file_and_no_temporary_file(tmp_path, monkeypatch):
    formation_with([4, 4, 4, 4, 4])
    path = tmp_path / "avis.csv"
    opendata_write(path)
    before = path.read_bytes()
    formation_with([1, 1, 1, 1, 1])

    def broken_lines(**kwargs):
        yield ["a line"]
        raise RuntimeError("database gone")

    monkeypatch.setattr(opendata, "opendata_lines", broken_lines)
    with pytest.raises(RuntimeError):
        opendata_write(path)

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["avis.csv"]


def test_the_command_and_the_daily_scheduler_run_write_the_file_in_its_directory():
    formation_with([5, 4, 5, 4, 5])
    out = io.StringIO()

    call_command("export_opendata", stdout=out)

    assert f"1 formation écrite dans {opendata_path()}" in out.getvalue()
    opendata_path().unlink()
    assert daily_run(now=timezone.now())["opendata_lines"] == 1
    assert len(read(opendata_path())[1]) == 1
