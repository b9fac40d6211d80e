"""GET /api/v1/formations and /api/v1/formations/{cle}."""

from urllib.parse import quote

import pytest

from sirius.referentiel.models import Formation
from sirius.stats.formation_read import formation_with_aggregate
from sirius.stats.models import Aggregate
from sirius.stats.read import labels_definition
from tests.factories import EstablishmentFactory, FormationFactory

from .data import CLE_WITH_HASH, THRESHOLD

LIST = "/api/v1/formations"


def detail_url(cle):
    return f"{LIST}/{quote(cle, safe='')}"


class TestDetail:
    def test_key_with_a_hash_is_reached_url_encoded(self, client, world):
        assert "%23" in detail_url(CLE_WITH_HASH)

        response = client.get(detail_url(CLE_WITH_HASH))

        assert response.status_code == 200
        body = response.json()
        assert body["cle_ministere_educatif"] == CLE_WITH_HASH
        assert body["intitule"] == "Pâtisserie"
        assert body["page"] == "https://sirius.example/formations/" + quote(CLE_WITH_HASH) + "/"

    def test_public_summary_has_score_distribution_and_themes(self, client, world):
        synthese = client.get(detail_url(CLE_WITH_HASH)).json()["synthese"]

        assert synthese["publie"] is True
        assert synthese["reponses"] == 8  # every submitted response, whatever its comment became
        assert synthese["reponses_manquantes"] == 0
        assert synthese["score"] == 4.0 and synthese["score_affiche"] == "4,0/5"
        assert synthese["nombre_notes"] == 8
        assert [bar["valeur"] for bar in synthese["repartition"]] == [1, 2, 3, 4, 5]
        assert sum(bar["pourcentage"] for bar in synthese["repartition"]) == 100
        assert synthese["avis_publies"] == 5
        assert synthese["themes"][0]["theme"] == "pedagogie"
        assert synthese["themes"][0]["positifs"] == 1

    def test_below_the_threshold_only_counts_are_given(self, client, world):
        _public, hidden = world

        synthese = client.get(detail_url(hidden.cle_ministere_educatif)).json()["synthese"]

        assert synthese == {
            "publie": False,
            "seuil": THRESHOLD,
            "reponses": 1,
            "reponses_manquantes": THRESHOLD - 1,
            "score": None,
            "score_affiche": None,
            "nombre_notes": 0,
            "repartition": [],
            "criteres": [],
            "themes": [],
            "avis_publies": 0,
        }

    def test_unknown_formation_is_a_french_404(self, client, db):
        response = client.get(detail_url("inconnue#L01"))

        assert response.status_code == 404
        assert response.json() == {"detail": "Formation inconnue : inconnue#L01"}
        assert response["Cache-Control"] == "no-store"

    def test_detail_costs_two_queries(self, client, world, django_assert_num_queries):
        labels_definition()  # kept a minute per process: steady state
        with django_assert_num_queries(2):  # rate counter, formation with centres and aggregate
            assert client.get(detail_url(CLE_WITH_HASH)).status_code == 200

    def test_detail_reads_the_same_as_the_orm(self, world):
        for formation in Formation.objects.select_related("formateur", "gestionnaire"):
            read, aggregate = formation_with_aggregate(formation.cle_ministere_educatif)
            expected = Aggregate.objects.for_formations([formation]).first()
            assert (read.pk, read.latitude, read.niveau) == (
                formation.pk,
                formation.latitude,
                formation.niveau,
            )
            assert read.formateur.siret == formation.formateur.siret
            assert read.gestionnaire.siret == formation.gestionnaire.siret
            assert (aggregate and aggregate.answers) == (expected and expected.answers)
            assert (aggregate and aggregate.updated_at) == (expected and expected.updated_at)
        assert formation_with_aggregate("inconnue#L01") is None


class TestList:
    def test_filters_by_codes_and_place(self, client, world):
        public, hidden = world
        elsewhere = FormationFactory(
            code_postal="35000",
            departement="35",
            formateur=EstablishmentFactory(uai="0350001A", siret="41816609600069"),
        )

        def keys(**params):
            response = client.get(LIST, params)
            assert response.status_code == 200, response.content
            return {row["cle_ministere_educatif"] for row in response.json()["results"]}

        assert keys(cfd=public.cfd) == {CLE_WITH_HASH}
        assert keys(rncp=public.rncp) == {CLE_WITH_HASH}
        assert keys(rncp=public.rncp.removeprefix("RNCP")) == {CLE_WITH_HASH}
        assert keys(uai="0350001a") == {elsewhere.cle_ministere_educatif}
        assert keys(siret=public.formateur.siret) == {CLE_WITH_HASH, hidden.cle_ministere_educatif}
        assert keys(code_postal="35000") == {elsewhere.cle_ministere_educatif}
        assert keys(departement="75") == {CLE_WITH_HASH, hidden.cle_ministere_educatif}
        assert keys(q="patisserie") == {CLE_WITH_HASH}
        assert keys(q="Pâtisserie", departement="35") == set()

    def test_uai_matches_the_gestionnaire_too(self, client, db):
        gestionnaire = EstablishmentFactory(uai="0750002B")
        managed = FormationFactory(gestionnaire=gestionnaire)

        rows = client.get(LIST, {"uai": "0750002B"}).json()["results"]

        assert [row["cle_ministere_educatif"] for row in rows] == [managed.cle_ministere_educatif]
        assert rows[0]["gestionnaire"]["uai"] == "0750002B"

    def test_pages_with_count_and_links(self, client, db):
        FormationFactory.create_batch(5)

        first = client.get(LIST, {"limit": 2}).json()
        last = client.get(LIST, {"limit": 2, "offset": 4}).json()

        assert first["count"] == 5 and len(first["results"]) == 2
        assert first["previous"] is None
        assert first["next"] == "http://testserver/api/v1/formations?limit=2&offset=2"
        assert len(last["results"]) == 1 and last["next"] is None
        assert last["previous"] == "http://testserver/api/v1/formations?limit=2&offset=2"

    @pytest.mark.parametrize(
        "params",
        [
            {"cfd": "123"},
            {"uai": "1234567"},
            {"siret": "1234"},
            {"code_postal": "7500"},
            {"departement": "750"[:1]},
            {"limit": "0"},
            {"limit": "1000"},
            {"offset": "-1"},
            {"limit": "dix"},
        ],
    )
    def test_bad_filters_are_a_french_400(self, client, db, params):
        response = client.get(LIST, params)

        assert response.status_code == 400
        body = response.json()
        assert body["detail"] == "Paramètres invalides."
        assert body["erreurs"][0]["champ"] == next(iter(params))

    def test_list_costs_four_queries(self, client, world, django_assert_num_queries):
        FormationFactory.create_batch(10)
        labels_definition()
        with django_assert_num_queries(4):  # rate counter, count, page with centres, aggregates
            assert len(client.get(LIST).json()["results"]) == 12
