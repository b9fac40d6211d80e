import pytest

from sirius.referentiel.enums import Niveau
from tests.factories import EstablishmentFactory, FormationFactory
from tests.www.public.html import links, texts


def flat(response):
    return " ".join(response.content.decode().split())


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
        cle_ministere_educatif="088281P01111887650960000000001",
        intitule="Ébéniste",
        diplome="CAP",
        niveau=Niveau.CAP,
        cfd="50023401",
        rncp="RNCP34567",
        duree=2,
        adresse="3 impasse du Bois",
        code_postal="75012",
        localite="Paris",
        formateur=cfa,
        gestionnaire=EstablishmentFactory(enseigne="Fédération des Compagnons"),
        onisep_url="https://www.onisep.fr/http/redirection/formation/slug/FOR.1234",
    )


@pytest.mark.django_db
class TestFormationPage:
    def test_shows_the_formation(self, client, formation):
        response = client.get(f"/formations/{formation.cle_ministere_educatif}/")

        assert response.status_code == 200
        assert texts(response, "h1") == ["Ébéniste"]
        content = flat(response)
        for expected in [
            "Niveau 3 (CAP, BEP…)",
            "50023401",
            "RNCP34567",
            "2 ans",
            "3 impasse du Bois",
            "75012 Paris",
        ]:
            assert expected in content
        assert texts(response, "title")[0] == "Ébéniste — CFA des Compagnons — Sirius"

    def test_links_both_establishments_and_onisep(self, client, formation):
        response = client.get(f"/formations/{formation.cle_ministere_educatif}/")

        page_links = links(response)
        assert page_links["CFA des Compagnons"] == f"/etablissements/{formation.formateur.siret}/"
        assert (
            page_links["Fédération des Compagnons"]
            == f"/etablissements/{formation.gestionnaire.siret}/"
        )
        assert page_links["Voir la fiche Onisep de cette formation"] == formation.onisep_url

    def test_hides_the_gestionnaire_when_it_is_the_formateur(self, client, cfa):
        formation = FormationFactory(formateur=cfa, onisep_url="")

        response = client.get(f"/formations/{formation.cle_ministere_educatif}/")

        assert "Organisme responsable de la formation" not in flat(response)
        assert "Onisep" not in flat(response)

    def test_says_reviews_are_not_available_yet(self, client, formation):
        response = client.get(f"/formations/{formation.cle_ministere_educatif}/")

        assert "Avis des apprentis" in texts(response, "h2")
        assert "ne sont pas encore disponibles" in flat(response)

    def test_unknown_key_is_a_404(self, client, formation):
        response = client.get("/formations/INCONNUE/")

        assert response.status_code == 404
        assert texts(response, "h1") == ["Page non trouvée"]

    def test_query_count(self, client, formation, django_assert_num_queries):
        # The formation, its aggregate (below the threshold: no review query), the other
        # formations of the same offer.
        with django_assert_num_queries(3):
            client.get(f"/formations/{formation.cle_ministere_educatif}/")


@pytest.mark.django_db
class TestEstablishmentPage:
    def test_shows_the_establishment_and_its_formations(self, client, cfa, formation):
        managed = FormationFactory(
            intitule="Charpentier", formateur=EstablishmentFactory(), gestionnaire=cfa
        )
        FormationFactory(intitule="Ailleurs")

        response = client.get(f"/etablissements/{cfa.siret}/")

        assert response.status_code == 200
        assert texts(response, "h1") == ["CFA des Compagnons"]
        content = flat(response)
        for expected in [cfa.siret, "0754321X", "12 rue des Ateliers", "75011 Paris"]:
            assert expected in content
        assert "ASSOCIATION OUVRIERE DES COMPAGNONS" in content
        assert "2 formations en apprentissage" in texts(response, "h2")
        assert texts(response, "h3") == ["Charpentier", "Ébéniste"]
        assert links(response)["Charpentier"] == f"/formations/{managed.cle_ministere_educatif}/"

    def test_without_formation(self, client, cfa):
        response = client.get(f"/etablissements/{cfa.siret}/")

        assert "Aucune formation en apprentissage" in flat(response)

    def test_paginates_its_formations(self, client, cfa):
        FormationFactory.create_batch(25, formateur=cfa)

        first = client.get(f"/etablissements/{cfa.siret}/")
        second = client.get(f"/etablissements/{cfa.siret}/", {"page": 2})
        too_far = client.get(f"/etablissements/{cfa.siret}/", {"page": "x"})

        assert len(texts(first, "h3")) == 20
        assert len(texts(second, "h3")) == 5
        assert len(texts(too_far, "h3")) == 20

    def test_unknown_siret_is_a_404(self, client):
        assert client.get("/etablissements/13000000000000/").status_code == 404
        assert client.get("/etablissements/pas-un-siret/").status_code == 404

    def test_query_count(self, client, cfa, django_assert_num_queries):
        FormationFactory.create_batch(25, formateur=cfa)

        # The establishment, the count, one page of formations with their formateur.
        with django_assert_num_queries(3):
            client.get(f"/etablissements/{cfa.siret}/")
