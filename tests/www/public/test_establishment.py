"""The public page of an establishment: identity, its own summary, its formations with scores."""

import re

import pytest

from sirius.stats.enums import Scope
from sirius.stats.read import labels_definition
from tests.factories import EstablishmentFactory, FormationFactory
from tests.www.public.aggregates import aggregate_create, scored
from tests.www.public.html import links, texts


def flat(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def cfa():
    return EstablishmentFactory(
        enseigne="CFA des Compagnons",
        raison_sociale="ASSOCIATION OUVRIERE DES COMPAGNONS",
        uai="0754321X",
        adresse="12 rue des Ateliers",
        code_postal="75011",
        localite="Paris",
    )


@pytest.fixture
def formation(cfa):
    return FormationFactory(
        intitule="Ébéniste",
        formateur=cfa,
        gestionnaire=EstablishmentFactory(enseigne="Fédération des Compagnons"),
    )


def page(client, establishment, **params):
    response = client.get(f"/etablissements/{establishment.siret}/", params)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
class TestEstablishmentPage:
    def test_shows_the_establishment_and_its_formations(self, client, cfa, formation):
        managed = FormationFactory(
            intitule="Charpentier", formateur=EstablishmentFactory(), gestionnaire=cfa
        )
        FormationFactory(intitule="Ailleurs")

        response = page(client, cfa)

        assert texts(response, "h1") == ["CFA des Compagnons"]
        content = flat(response)
        for expected in [cfa.siret, "0754321X", "12 rue des Ateliers", "75011 Paris"]:
            assert expected in content
        assert "ASSOCIATION OUVRIERE DES COMPAGNONS" in content
        assert "2 formations en apprentissage" in texts(response, "h2")
        assert texts(response, "h3") == ["Charpentier", "Ébéniste"]
        assert links(response)["Charpentier"] == f"/formations/{managed.cle_ministere_educatif}/"

    def test_each_formation_shows_its_score_or_that_it_has_too_few(self, client, cfa, formation):
        managed = FormationFactory(
            intitule="Charpentier", formateur=EstablishmentFactory(), gestionnaire=cfa
        )
        scored(managed, {5: 20, 4: 17})  # 168 / 37 = 4.54
        scored(formation, {5: 4})

        content = flat(page(client, cfa))

        assert "Charpentier" in content
        assert "4,5/5 — 37 avis" in content
        assert "Pas encore assez d’avis" in content
        assert "5,0/5 — 4 avis" not in content

    def test_shows_its_own_summary_above_the_threshold(self, client, cfa, formation):
        aggregate_create(scope=Scope.ESTABLISHMENT, key=cfa.siret, notes={4: 6, 3: 2})

        response = page(client, cfa)

        assert "Avis des apprentis sur l’établissement" in texts(response, "h2")
        assert "3,8/5 — 8 avis" in flat(response)

    def test_below_the_threshold_says_how_many_answers_are_missing(self, client, cfa, formation):
        aggregate_create(scope=Scope.ESTABLISHMENT, key=cfa.siret, notes={5: 3})

        content = flat(page(client, cfa))

        assert "publiés à partir de 5 réponses" in content
        assert "Il manque encore 2 réponses." in content
        assert "5,0/5" not in content

    def test_another_establishment_summary_is_not_shown(self, client, cfa, formation):
        other = EstablishmentFactory()
        aggregate_create(scope=Scope.ESTABLISHMENT, key=other.siret, notes={2: 9})

        content = flat(page(client, cfa))

        assert "2,0/5" not in content
        assert "Il manque encore 5 réponses." in content

    def test_without_formation(self, client, cfa):
        assert "Aucune formation en apprentissage" in flat(page(client, cfa))

    def test_paginates_its_formations(self, client, cfa):
        FormationFactory.create_batch(25, formateur=cfa)

        first = page(client, cfa)
        second = page(client, cfa, page=2)
        too_far = page(client, cfa, page="x")

        assert len(texts(first, "h3")) == 20
        assert len(texts(second, "h3")) == 5
        assert len(texts(too_far, "h3")) == 20

    def test_unknown_siret_is_a_404(self, client):
        assert client.get("/etablissements/13000000000000/").status_code == 404
        assert client.get("/etablissements/pas-un-siret/").status_code == 404

    def test_query_count(self, client, cfa, django_assert_num_queries):
        for formation in FormationFactory.create_batch(25, formateur=cfa):
            scored(formation, {4: 6})
        aggregate_create(scope=Scope.ESTABLISHMENT, key=cfa.siret, notes={4: 150})
        labels_definition()  # kept a minute in the process, as on a warm server

        # The establishment, its summary, the count, one page of formations with their
        # formateur, the page's summaries.
        with django_assert_num_queries(5):
            page(client, cfa)
