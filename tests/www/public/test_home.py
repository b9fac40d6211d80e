import pytest

from sirius.referentiel.enums import Niveau
from tests.www.public.html import elements, parse, texts


@pytest.mark.django_db
def test_home_explains_the_service_and_offers_the_search_form(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/")

    assert response.status_code == 200
    assert texts(response, "h1") == [
        "Choisir sa formation en apprentissage avec l’avis des apprentis"
    ]
    assert texts(response, "title")[0] == "Accueil — Sirius"
    (form,) = elements(response, "form", role="search")
    assert form["action"] == "/formations/"
    assert form["method"] == "get"
    labels = dict(
        zip(
            [attrs["for"] for attrs in elements(response, "label")],
            texts(response, "label"),
            strict=True,
        )
    )
    assert labels["recherche-q"].startswith("Diplôme ou métier")
    assert labels["recherche-lieu"].startswith("Ville, code postal ou département")
    assert labels["recherche-centre"].startswith("Centre de formation")
    assert labels["recherche-niveau"].startswith("Niveau du diplôme")
    options = [attrs["value"] for tag, attrs in parse(response).elements if tag == "option"]
    assert options == ["", *[str(value) for value in Niveau.values]]
