"""GET /api/v1/formations/{cle}/avis and GET /api/v1/etablissements/{siret}."""

from urllib.parse import quote

from sirius.stats.read import labels_definition

from .data import CLE_WITH_HASH, HIDDEN_TEXTS


def reviews_url(cle):
    return f"/api/v1/formations/{quote(cle, safe='')}/avis"


class TestReviews:
    def test_published_reviews_newest_first_with_labels_dates_and_reply(self, client, world):
        body = client.get(reviews_url(CLE_WITH_HASH)).json()

        assert body["publie"] is True and body["count"] == 5
        texts = [review["texte"] for review in body["results"]]
        assert texts == [
            "Avis publié récent.",
            "Les formateurs sont passionnés.",
            "Merci [prénom] pour tout.",
            "Avis ouvert numéro 1.",
            "Avis ouvert numéro 0.",
        ]
        verified = body["results"][1]
        assert verified["avis_verifie"] is True
        assert verified["libelle_verification"] == "Avis vérifié"
        assert verified["debut_formation"] == "2025"
        assert verified["periode_formation"] == "Formation commencée en 2025"
        assert verified["themes"] == [
            {
                "theme": "pedagogie",
                "libelle": "Formateurs et pédagogie",
                "tonalite": "positive",
                "tonalite_libelle": "Positif",
            }
        ]
        assert verified["reponse_etablissement"]["texte"] == "Merci, nous transmettons à l'équipe."
        assert verified["date_publication"] < verified["reponse_etablissement"]["date_publication"]
        assert verified["signaler"].startswith("https://sirius.example/avis/")
        opened = body["results"][3]
        assert opened["avis_verifie"] is False
        assert opened["libelle_verification"] == "Recueilli par le centre de formation"
        assert body["results"][0]["reponse_etablissement"] is None  # its reply is not published

    def test_masked_review_never_shows_its_original(self, client, world):
        assert "Julie" not in client.get(reviews_url(CLE_WITH_HASH)).content.decode()

    def test_hidden_texts_are_never_listed(self, client, world):
        content = client.get(reviews_url(CLE_WITH_HASH), {"limit": 100}).content.decode()

        for text in HIDDEN_TEXTS.values():
            assert text not in content

    def test_below_the_threshold_the_list_is_empty(self, client, world):
        _public, hidden = world

        body = client.get(reviews_url(hidden.cle_ministere_educatif)).json()

        assert body == {"publie": False, "count": 0, "next": None, "previous": None, "results": []}

    def test_pages(self, client, world):
        body = client.get(reviews_url(CLE_WITH_HASH), {"limit": 2, "offset": 2}).json()

        assert [review["texte"] for review in body["results"]] == [
            "Merci [prénom] pour tout.",
            "Avis ouvert numéro 1.",
        ]
        assert body["next"].endswith("limit=2&offset=4")

    def test_unknown_formation_is_a_404(self, client, db):
        response = client.get(reviews_url("inconnue"))

        assert response.status_code == 404
        assert response.json() == {"detail": "Formation inconnue : inconnue"}

    def test_query_count(self, client, world, django_assert_num_queries):
        labels_definition()
        # rate counter, formation, aggregate, count, page, themes, replies
        with django_assert_num_queries(7):
            assert client.get(reviews_url(CLE_WITH_HASH)).json()["count"] == 5


class TestEstablishment:
    def test_names_address_and_formations_with_summaries(self, client, world):
        public, hidden = world
        siret = public.formateur.siret

        response = client.get(f"/api/v1/etablissements/{siret}")

        assert response.status_code == 200
        body = response.json()
        assert body["siret"] == siret and body["uai"] == public.formateur.uai
        assert body["nom"] == public.formateur.enseigne
        assert body["region"] == "Île-de-France"
        assert body["page"] == f"https://sirius.example/etablissements/{siret}/"
        assert body["synthese"]["publie"] is True
        assert body["synthese"]["reponses"] == 9
        by_key = {row["cle_ministere_educatif"]: row for row in body["formations"]}
        assert by_key[CLE_WITH_HASH]["role"] == "formateur et gestionnaire"
        assert by_key[CLE_WITH_HASH]["synthese"]["score"] == 4.0
        assert by_key[hidden.cle_ministere_educatif]["synthese"]["publie"] is False
        assert by_key[hidden.cle_ministere_educatif]["synthese"]["reponses"] == 1

    def test_unknown_siret_is_a_404(self, client, db):
        response = client.get("/api/v1/etablissements/12345678901234")

        assert response.status_code == 404
        assert response.json() == {"detail": "Établissement inconnu : 12345678901234"}

    def test_query_count(self, client, world, django_assert_num_queries):
        public, _hidden = world
        labels_definition()
        # rate counter, establishment, formations, their aggregates, establishment aggregate
        with django_assert_num_queries(5):
            client.get(f"/api/v1/etablissements/{public.formateur.siret}")
