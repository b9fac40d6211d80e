import csv
import io

import pytest

from sirius.stats.enums import Scope
from sirius.stats.models import Aggregate
from sirius.stats.opendata import COLUMNS, opendata_path, opendata_write
from tests.browser import assert_accessible, requires_chromium
from tests.factories import FormationFactory
from tests.www.public.html import parse, texts

pytestmark = pytest.mark.django_db

LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def public_formation():
    formation = FormationFactory()
    Aggregate.objects.create(
        scope=Scope.FORMATION,
        key=formation.cle_ministere_educatif,
        responses=5,
        score_sum=20,
        score_count=5,
        answers={"satisfaction_globale": {"n": 5, "sum": 20, "dist": {"4": 5}}},
    )
    return formation


def test_the_page_documents_the_file_and_links_it(client, django_assert_num_queries):
    opendata_write()

    with django_assert_num_queries(0):
        response = client.get("/donnees/")

    assert response.status_code == 200
    assert texts(response, "h1") == ["Données ouvertes"]
    content = response.content.decode()
    for name, description in COLUMNS:
        assert f"<code>{name}</code>" in content
        assert description in content
    assert "au moins 5 réponses" in content
    assert "chaque jour" in content
    assert "moyenne simple" in content
    links = {attrs.get("href"): attrs for tag, attrs in parse(response).elements if tag == "a"}
    assert "/donnees/avis-formations.csv" in links
    assert "Licence Ouverte / Open Licence version 2.0" in texts(response, "a")
    assert LICENCE in links
    assert "mis à jour le" in content


def test_the_footer_links_the_page(client):
    response = client.get("/")

    assert "Données ouvertes" in texts(response, "a")
    assert any(
        attrs.get("href") == "/donnees/" for tag, attrs in parse(response).elements if tag == "a"
    )


def test_the_download_serves_the_daily_file_as_is(client, django_assert_num_queries):
    formation = public_formation()
    opendata_write()
    written = opendata_path().read_bytes()
    public_formation()  # counted tomorrow: the file is served as it was written

    with django_assert_num_queries(0):
        response = client.get("/donnees/avis-formations.csv")

    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="avis-formations.csv"' in response["Content-Disposition"]
    assert "Last-Modified" in response
    assert body == written
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [formation.cle_ministere_educatif]


def test_the_download_writes_the_file_when_it_does_not_exist_yet(client):
    formation = public_formation()
    assert not opendata_path().exists()

    response = client.get("/donnees/avis-formations.csv")

    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert formation.cle_ministere_educatif in body
    assert opendata_path().exists()


@pytest.mark.browser
@requires_chromium
@pytest.mark.django_db(transaction=True)
def test_the_page_is_accessible(live_server, browser_page):
    browser_page.goto(live_server.url + "/donnees/")

    assert_accessible(browser_page)
