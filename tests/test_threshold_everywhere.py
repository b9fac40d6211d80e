"""DESIGN rule 4 on every surface at once: with 4 submitted responses nothing about a formation
is published anywhere; with 5, everything is. One formation, one threshold, every reader."""

import io

import openpyxl
import pytest
from django.urls import reverse

from sirius.accounts.enums import Role
from sirius.moderation.enums import ModerationStatus
from sirius.stats.opendata import opendata_lines
from sirius.stats.recompute import aggregates_recompute
from tests.factories import FormationFactory, UserFactory, verbatim_create_for_test

pytestmark = pytest.mark.django_db

REVIEW = "Les formateurs sont patients et les ateliers bien équipés."
SCORE = "4,0/5"  # satisfaction globale of tests/responses/data.py STORED_ANSWERS


@pytest.fixture(params=[4, 5], ids=["4 réponses", "5 réponses"])
def world(request, settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = 5
    formation = FormationFactory()
    for _ in range(request.param):
        verbatim_create_for_test(REVIEW, formation=formation, status=ModerationStatus.PUBLISHED)
    aggregates_recompute()
    return formation, request.param == 5


def test_the_public_formation_page(client, world):
    formation, public = world
    page = client.get(reverse("public:formation", args=[formation.cle_ministere_educatif])).text

    assert (SCORE in page) is public
    assert (REVIEW in page) is public
    assert ('"aggregateRating"' in page) is public


def test_the_search_results(client, world):
    formation, public = world
    page = client.get(reverse("public:search"), {"q": formation.intitule}).text

    assert (SCORE in page) is public


def test_the_widget(client, world):
    formation, public = world
    url = reverse("widget:formation", args=[formation.cle_ministere_educatif])
    card = client.get(url, {"format": "list"}).text

    assert (SCORE in card) is public
    assert (REVIEW in card) is public


def test_the_api(client, world):
    formation, public = world
    key = formation.cle_ministere_educatif.replace("#", "%23")
    detail = client.get(f"/api/v1/formations/{key}").json()
    reviews = client.get(f"/api/v1/formations/{key}/avis").json()

    assert detail["synthese"]["publie"] is public
    assert (detail["synthese"]["score"] is not None) is public
    assert bool(detail["synthese"]["repartition"]) is public
    assert bool(reviews["results"]) is public


def test_the_cfa_results_and_their_export(client, world):
    formation, public = world
    client.force_login(UserFactory(role=Role.ESTABLISHMENT, establishments=[formation.formateur]))
    cle = formation.cle_ministere_educatif
    page = client.get(reverse("space:formation_results", args=[cle])).text
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("space:formation_results_xlsx", args=[cle])).content)
    )
    cells = " ".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
    )

    assert (REVIEW in page) is public
    assert (REVIEW in cells) is public


def test_the_open_data_file(world):
    formation, public = world
    content = " ".join(str(line) for line in opendata_lines())

    assert (formation.cle_ministere_educatif in content) is public
