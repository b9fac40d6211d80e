"""Scores on the search results: the « avec avis » filter, the threshold, the ranking order."""

import re

import pytest

from sirius.stats.enums import NATION_KEY, Scope
from sirius.stats.read import labels_definition
from tests.factories import FormationFactory
from tests.www.public.aggregates import aggregate_create, scored
from tests.www.public.html import links
from tests.www.public.test_search import result_titles, search


def cards(response):
    """{intitulé: the card's score line} of each result."""
    parts = response.content.decode().split('class="fr-card ')[1:]
    found = {}
    for part in parts:
        title = part.split("</a>")[0].rsplit(">", 1)[1].strip()
        score = part.split("data-sirius-score>")[1].split("</p>")[0]
        found[title] = " ".join(re.sub(r"<[^>]+>", "", score).split())
    return found


@pytest.fixture
def scored_catalogue():
    """A long good record, a few perfect answers, one answer too few, and nothing yet."""
    formations = {
        name: FormationFactory(intitule=name)
        for name in ["Boulanger", "Charpentier", "Ébéniste", "Maçon"]
    }
    scored(formations["Boulanger"], {5: 120, 4: 80})  # 200 answers, 4.6
    scored(formations["Charpentier"], {5: 5})  # 5 answers at 5/5
    scored(formations["Ébéniste"], {5: 4})  # below the threshold of 5
    labels_definition()  # kept a minute in the process, as on a warm server
    return formations


@pytest.mark.django_db
class TestScoresOnCards:
    def test_a_public_score_shows_with_its_count(self, client, scored_catalogue):
        shown = cards(search(client))

        assert shown["Boulanger"] == "4,6/5 — 200 avis"
        assert shown["Charpentier"] == "5,0/5 — 5 avis"

    def test_the_score_is_the_rounded_mean(self, client):
        scored(FormationFactory(intitule="Coiffeur"), {4: 30, 5: 7})  # 155 / 37 = 4.19

        assert cards(search(client))["Coiffeur"] == "4,2/5 — 37 avis"

    def test_below_the_threshold_no_score_is_shown(self, client, scored_catalogue):
        response = search(client)

        shown = cards(response)
        assert shown["Ébéniste"] == "Pas encore assez d’avis"
        assert shown["Maçon"] == "Pas encore assez d’avis"
        assert "5,0/5 — 4 avis" not in response.content.decode()


@pytest.mark.django_db
class TestWithReviewsFilter:
    def test_keeps_only_formations_whose_summary_is_public(self, client, scored_catalogue):
        response = search(client, avec_avis="on")

        assert result_titles(response) == ["Boulanger", "Charpentier"]

    def test_the_threshold_is_a_setting(self, client, scored_catalogue, settings):
        settings.SIRIUS_PUBLICATION_THRESHOLD = 4

        assert result_titles(search(client, avec_avis="on")) == [
            "Boulanger",
            "Charpentier",
            "Ébéniste",
        ]
        assert cards(search(client))["Ébéniste"] == "5,0/5 — 4 avis"

    def test_is_kept_by_the_sort_form_and_the_pagination(self, client, scored_catalogue):
        FormationFactory.create_batch(25, intitule="Zingueur")
        for formation in FormationFactory.create_batch(21, intitule="Vitrier"):
            scored(formation, {4: 5})

        response = search(client, avec_avis="on", tri="note")

        assert 'name="avec_avis" value="on"' in response.content.decode()
        assert "?avec_avis=on&tri=note&page=2" in links(response).values()
        assert "Zingueur" not in result_titles(search(client, avec_avis="on", page=2))


@pytest.mark.django_db
class TestRankingOrder:
    def test_few_perfect_answers_rank_below_a_long_good_record(self, client, scored_catalogue):
        titles = result_titles(search(client, tri="note"))

        assert titles[:2] == ["Boulanger", "Charpentier"]
        # No public score: after, by intitulé (a score below the threshold does not count).
        assert sorted(titles[2:]) == ["Maçon", "Ébéniste"]

    def test_the_prior_is_the_national_mean(self, client):
        few = FormationFactory(intitule="Peu d’avis")
        many = FormationFactory(intitule="Beaucoup d’avis")
        scored(few, {5: 4, 2: 1})  # 22 / 5 = 4.4
        scored(many, {5: 60, 3: 40})  # 420 / 100 = 4.2
        aggregate_create(scope=Scope.NATION, key=NATION_KEY, notes={5: 10})

        # Pulled toward a national 5.0, five answers at 4.4 rank above a hundred at 4.2.
        assert result_titles(search(client, tri="note"))[:2] == ["Peu d’avis", "Beaucoup d’avis"]

    def test_relevance_is_the_default_and_puts_titles_starting_with_the_words_first(
        self, client, scored_catalogue
    ):
        FormationFactory(intitule="Apprenti boulanger")

        response = search(client, q="boulanger")

        assert result_titles(response) == ["Boulanger", "Apprenti boulanger"]
        assert response.context["form"].cleaned_data["tri"] == "pertinence"

    def test_the_ranking_is_explained_next_to_the_sort_control(self, client, scored_catalogue):
        response = search(client)

        content = " ".join(response.content.decode().split())
        assert "comme si la formation avait 10 avis de plus à cette moyenne" in content
        assert links(response)["Comment les formations sont classées"] == (
            "/comment-fonctionnent-les-avis/#classement"
        )

    def test_query_count(self, client, scored_catalogue, django_assert_num_queries):
        # The national mean, the count, the page ordered by score, the page's summaries.
        with django_assert_num_queries(4):
            search(client, tri="note", avec_avis="on")
