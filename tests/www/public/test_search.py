import factory
import pytest

from sirius.referentiel.enums import Niveau
from tests.factories import EstablishmentFactory, FormationFactory
from tests.www.public.html import elements, parse, texts


def result_titles(response):
    return texts(response, "h3")


def search(client, **params):
    response = client.get("/formations/", params)
    assert response.status_code == 200
    return response


@pytest.fixture
def catalogue():
    """A few formations in different places, levels and centres."""
    lyon_cfa = EstablishmentFactory(
        enseigne="CFA Hôtellerie Lyon", raison_sociale="ASSOCIATION ECOLE HOTELIERE", uai="0693456Z"
    )
    paris_cfa = EstablishmentFactory(enseigne="Campus des Métiers de Paris")
    gestionnaire = EstablishmentFactory(enseigne="Chambre de Métiers Loire")
    return {
        "patissier": FormationFactory(
            intitule="Pâtissier",
            diplome="CAP",
            niveau=Niveau.CAP,
            formateur=lyon_cfa,
            code_postal="69003",
            localite="Lyon",
            departement="69",
        ),
        "cuisine": FormationFactory(
            intitule="Cuisine",
            diplome="CAP",
            niveau=Niveau.CAP,
            formateur=paris_cfa,
            code_postal="75011",
            localite="Paris",
            departement="75",
        ),
        "mco": FormationFactory(
            intitule="Management commercial opérationnel",
            diplome="BTS",
            niveau=Niveau.BAC_2,
            formateur=paris_cfa,
            code_postal="95240",
            localite="Cormeilles-en-Parisis",
            departement="95",
        ),
        "boulanger": FormationFactory(
            intitule="Boulanger",
            diplome="Brevet professionnel",
            niveau=Niveau.BAC,
            formateur=EstablishmentFactory(enseigne="Lycée des métiers"),
            gestionnaire=gestionnaire,
            code_postal="42000",
            localite="Saint-Étienne",
            departement="42",
        ),
    }


@pytest.mark.django_db
class TestSearchByDiploma:
    @pytest.mark.parametrize("q", ["pâtissier", "PATISSIER", "Patiss", "cap pâtissier"])
    def test_ignores_accents_and_case_and_matches_every_word(self, client, catalogue, q):
        assert result_titles(search(client, q=q)) == ["Pâtissier"]

    def test_matches_the_diploma_name(self, client, catalogue):
        assert result_titles(search(client, q="cap")) == ["Cuisine", "Pâtissier"]

    def test_every_word_must_match(self, client, catalogue):
        assert result_titles(search(client, q="cap boulanger")) == []

    def test_matches_the_rncp_code(self, client, catalogue):
        rncp = catalogue["mco"].rncp

        assert result_titles(search(client, q=rncp.lower())) == [
            "Management commercial opérationnel"
        ]

    def test_an_empty_search_lists_every_formation_by_title(self, client, catalogue):
        assert result_titles(search(client)) == [
            "Boulanger",
            "Cuisine",
            "Management commercial opérationnel",
            "Pâtissier",
        ]


@pytest.mark.django_db
class TestSearchByPlace:
    def test_a_postcode_matches_exactly(self, client, catalogue):
        assert result_titles(search(client, lieu="69003")) == ["Pâtissier"]
        assert result_titles(search(client, lieu="69004")) == []

    def test_a_departement_code(self, client, catalogue):
        assert result_titles(search(client, lieu="95")) == ["Management commercial opérationnel"]

    @pytest.mark.parametrize("lieu", ["Val-d’Oise", "val d'oise", "VAL D OISE"])
    def test_a_departement_name_ignores_accents_case_and_punctuation(self, client, catalogue, lieu):
        assert result_titles(search(client, lieu=lieu)) == ["Management commercial opérationnel"]

    def test_a_departement_name_also_finds_the_commune_of_that_name(self, client, catalogue):
        FormationFactory(
            intitule="Plombier", localite="Vienne", code_postal="38200", departement="38"
        )
        FormationFactory(
            intitule="Maçon", localite="Poitiers", code_postal="86000", departement="86"
        )

        assert result_titles(search(client, lieu="vienne")) == ["Maçon", "Plombier"]

    @pytest.mark.parametrize("lieu", ["Saint-Étienne", "saint etienne", "SAINT-ETIENNE", "st-eti"])
    def test_a_commune_ignores_accents_case_and_hyphens(self, client, catalogue, lieu):
        expected = [] if lieu == "st-eti" else ["Boulanger"]

        assert result_titles(search(client, lieu=lieu)) == expected

    def test_a_whole_commune_name_wins_over_a_longer_name(self, client, catalogue):
        assert result_titles(search(client, lieu="paris")) == ["Cuisine"]
        assert result_titles(search(client, lieu="pari")) == [
            "Cuisine",
            "Management commercial opérationnel",
        ]

    def test_an_unknown_commune_finds_nothing(self, client, catalogue):
        assert result_titles(search(client, lieu="Trifouilly")) == []


@pytest.mark.django_db
class TestSearchByCentre:
    @pytest.mark.parametrize("centre", ["hotellerie", "HÔTELLERIE lyon", "école hôtelière"])
    def test_by_name(self, client, catalogue, centre):
        assert result_titles(search(client, centre=centre)) == ["Pâtissier"]

    def test_by_gestionnaire_name(self, client, catalogue):
        assert result_titles(search(client, centre="chambre métiers")) == ["Boulanger"]

    def test_by_siret_with_or_without_spaces(self, client, catalogue):
        siret = catalogue["cuisine"].formateur.siret
        spaced = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"

        expected = ["Cuisine", "Management commercial opérationnel"]
        assert result_titles(search(client, centre=siret)) == expected
        assert result_titles(search(client, centre=spaced)) == expected

    def test_by_gestionnaire_siret(self, client, catalogue):
        siret = catalogue["boulanger"].gestionnaire.siret

        assert result_titles(search(client, centre=siret)) == ["Boulanger"]

    def test_by_uai_in_any_case(self, client, catalogue):
        assert result_titles(search(client, centre="0693456z")) == ["Pâtissier"]


@pytest.mark.django_db
class TestSearchByLevelAndCombined:
    def test_by_level(self, client, catalogue):
        assert result_titles(search(client, niveau=Niveau.CAP)) == ["Cuisine", "Pâtissier"]
        assert result_titles(search(client, niveau=Niveau.BAC)) == ["Boulanger"]

    def test_combined_criteria_all_apply(self, client, catalogue):
        assert result_titles(search(client, q="cap", lieu="75", niveau=Niveau.CAP)) == ["Cuisine"]
        assert result_titles(search(client, q="cap", centre="campus", lieu="69")) == []

    def test_an_unknown_level_is_an_error_not_a_crash(self, client, catalogue):
        response = search(client, niveau="9")

        assert "Votre recherche n’a pas pu être lancée" in response.content.decode()
        assert result_titles(response) == []


@pytest.mark.django_db
class TestResultsPage:
    def test_shows_what_a_visitor_needs_on_each_result(self, client, catalogue):
        response = search(client, q="patissier")

        formation = catalogue["patissier"]
        content = " ".join(response.content.decode().split())
        assert "1 formation trouvée" in content
        assert f'href="/formations/{formation.cle_ministere_educatif}/"' in content
        assert "CAP" in content
        assert "Niveau 3 (CAP, BEP…)" in content
        assert "Centre de formation : CFA Hôtellerie Lyon" in content
        assert "Lyon (69003)" in content

    def test_keeps_what_was_typed_in_the_form(self, client, catalogue):
        response = search(client, q="Pâtissier", lieu="Lyon", centre="CFA", niveau=Niveau.CAP)

        assert elements(response, "input", name="q", value="Pâtissier")
        assert elements(response, "input", name="lieu", value="Lyon")
        assert elements(response, "input", name="centre", value="CFA")
        selected = [attrs["value"] for attrs in elements(response, "option") if "selected" in attrs]
        # The niveau, no radius, and the default order in the sort form.
        assert selected == ["", "3", "pertinence"]

    def test_no_result_gives_a_helpful_message(self, client, catalogue):
        response = search(client, q="astronaute")

        assert "Aucune formation ne correspond à votre recherche" in texts(response, "h2")
        assert "vérifiez l’orthographe" in response.content.decode()
        assert "Aucune formation trouvée" in texts(response, "title")[0]

    def test_fields_are_labelled(self, client):
        response = search(client)

        for name in ["q", "lieu", "centre", "niveau"]:
            field = next(
                attrs for _, attrs in parse(response).elements if attrs.get("name") == name
            )
            assert elements(response, "label", **{"for": field["id"]}), name


@pytest.mark.django_db
class TestPagination:
    @pytest.fixture
    def many(self):
        establishment = EstablishmentFactory()
        return FormationFactory.create_batch(
            45,
            intitule=factory.Sequence(lambda n: f"Formation {n:03d}"),
            formateur=establishment,
        )

    def test_20_per_page_in_title_order(self, client, many):
        first = search(client, q="formation")
        third = search(client, q="formation", page=3)

        assert len(result_titles(first)) == 20
        assert result_titles(third) == sorted(f.intitule for f in many)[40:]
        assert "45 formations trouvées" in " ".join(first.content.decode().split())
        assert "page 3 sur 3" in " ".join(third.content.decode().split())

    def test_pagination_links_keep_the_criteria(self, client, many):
        response = search(client, q="formation", niveau=Niveau.BAC_2)

        assert elements(response, "a", href="?q=formation&niveau=5&page=2")

    @pytest.mark.parametrize("page", ["abc", "0", "-1", "999"])
    def test_an_invalid_page_number_is_not_an_error(self, client, many, page):
        response = search(client, q="formation", page=page)

        assert len(result_titles(response)) in {20, 5}

    def test_query_count_does_not_grow_with_results(self, client, many, django_assert_num_queries):
        # One count, one page of formations with their formateur, their summaries.
        with django_assert_num_queries(3):
            search(client, q="formation", centre="cfa")
        # A commune name adds one query over the distinct communes.
        with django_assert_num_queries(4):
            search(client, lieu="paris", page=2)
