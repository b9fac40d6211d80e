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
        # The formation with its establishments, its aggregate (below the threshold: no review
        # query) and whether its offer has other years (none).
        with django_assert_num_queries(1):
            client.get(f"/formations/{formation.cle_ministere_educatif}/")
