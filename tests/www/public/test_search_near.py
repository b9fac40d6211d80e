"""Search around a postcode: a radius around the formations of that postcode, nearest first."""

import pytest

from sirius.www.public.formation_search import distance_km
from tests.factories import FormationFactory
from tests.www.public.aggregates import scored
from tests.www.public.html import texts
from tests.www.public.test_search import result_titles, search


def flat(response):
    return " ".join(response.content.decode().split())


@pytest.fixture
def around_lyon():
    def at(intitule, code_postal, localite, latitude, longitude):
        return FormationFactory(
            intitule=intitule,
            code_postal=code_postal,
            localite=localite,
            departement=code_postal[:2],
            latitude=latitude,
            longitude=longitude,
        )

    return {
        "lyon": at("Pâtissier", "69003", "Lyon", 45.7597, 4.8522),
        # Two more at the same postcode, as far north as south: the centre stays on the first.
        "north": at("Boucher", "69003", "Lyon", 45.7797, 4.8522),
        "south": at("Poissonnier", "69003", "Lyon", 45.7397, 4.8522),
        "villeurbanne": at("Cuisinier", "69100", "Villeurbanne", 45.7719, 4.8902),
        "vienne": at("Boulanger", "38200", "Vienne", 45.5255, 4.8740),
        "saint_etienne": at("Charcutier", "42000", "Saint-Étienne", 45.4397, 4.3872),
        "paris": at("Traiteur", "75011", "Paris", 48.8589, 2.3790),
    }


def test_haversine_distance_between_paris_and_lyon():
    assert distance_km((48.8566, 2.3522), 45.7640, 4.8357) == pytest.approx(392, abs=2)


@pytest.mark.django_db
class TestNearAPostcode:
    def test_lists_the_formations_within_the_radius_nearest_first(self, client, around_lyon):
        response = search(client, lieu="69003", rayon=30)

        assert result_titles(response) == [
            "Pâtissier",
            "Boucher",
            "Poissonnier",
            "Cuisinier",
            "Boulanger",
        ]
        content = flat(response)
        assert "Villeurbanne (69100) — à 3 km" in content
        assert "Vienne (38200) — à 26 km" in content

    def test_a_smaller_radius_keeps_fewer_formations(self, client, around_lyon):
        assert result_titles(search(client, lieu="69003", rayon=10)) == [
            "Pâtissier",
            "Boucher",
            "Poissonnier",
            "Cuisinier",
        ]

    def test_a_larger_radius_reaches_further(self, client, around_lyon):
        titles = result_titles(search(client, lieu="69003", rayon=100))

        assert titles[-1] == "Charcutier"
        assert "Traiteur" not in titles

    def test_other_criteria_still_apply(self, client, around_lyon):
        assert result_titles(search(client, lieu="69003", rayon=30, q="boulanger")) == ["Boulanger"]

    def test_can_be_ordered_by_score_within_the_radius(self, client, around_lyon):
        scored(around_lyon["vienne"], {5: 40})
        scored(around_lyon["paris"], {5: 50})

        response = search(client, lieu="69003", rayon=30, tri="note")

        titles = result_titles(response)
        # The only scored formation within the radius comes first; the better one in Paris is
        # out of the radius; the others follow by intitulé.
        assert titles[0] == "Boulanger"
        assert sorted(titles[1:]) == ["Boucher", "Cuisinier", "Poissonnier", "Pâtissier"]

    def test_distance_is_the_default_order_and_offered_only_around_a_postcode(
        self, client, around_lyon
    ):
        near = search(client, lieu="69003", rayon=30)
        plain = search(client, lieu="69003")

        assert near.context["form"].cleaned_data["tri"] == "distance"
        assert "Distance" in flat(near)
        assert plain.context["form"].cleaned_data["tri"] == "pertinence"
        assert '<option value="distance"' not in plain.content.decode()

    def test_a_radius_needs_a_postcode(self, client, around_lyon):
        response = search(client, lieu="Lyon", rayon=30)

        assert "Votre recherche n’a pas pu être lancée" in texts(response, "h2")
        assert "saisissez un code postal à 5 chiffres" in flat(response)

    def test_a_postcode_without_any_formation_finds_nothing(self, client, around_lyon):
        response = search(client, lieu="01000", rayon=30)

        assert "Aucune formation ne correspond à votre recherche" in texts(response, "h2")

    def test_pagination_follows_the_distance(self, client, around_lyon):
        for index in range(21):
            FormationFactory(
                intitule=f"Formation {index:02d}",
                code_postal="69001",
                latitude=45.7597 + (index + 1) * 0.0005,
                longitude=4.8522,
            )

        second = search(client, lieu="69003", rayon=30, page=2)

        assert result_titles(second) == [
            "Formation 19",
            "Formation 20",
            "Boucher",
            "Poissonnier",
            "Cuisinier",
            "Boulanger",
        ]

    def test_query_count(self, client, around_lyon, django_assert_num_queries):
        # The postcode's centre, the formations in the box, the page, their summaries.
        with django_assert_num_queries(4):
            search(client, lieu="69003", rayon=30)
        # By score: the national mean, the count and the page ordered in SQL, the summaries.
        with django_assert_num_queries(6):
            search(client, lieu="69003", rayon=30, tri="note")
