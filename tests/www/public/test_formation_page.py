"""The public formation page: score, criteria, distribution, themes, reviews and their orders,
earlier years of the same offer, and what stays hidden below the publication threshold."""

import re
from html import unescape

import pytest
from django.urls import reverse

from sirius.moderation.enums import ModerationStatus, Theme, Tone
from sirius.stats.read import labels_definition, labels_forget
from tests.factories import FormationFactory
from tests.www.public.formation_data import campaigns_in, review_create, stats_refresh

THRESHOLD = 5
RATINGS = [5, 5, 4, 4, 3]  # mean 4.2; 40 % of 5, 40 % of 4, 20 % of 3


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
    labels_forget()
    yield
    labels_forget()


def seen(response):
    """The page's text as a reader sees it: tags dropped, entities decoded, spaces squashed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(unescape(text).split())


def page(client, formation, **params):
    stats_refresh()
    return client.get(reverse("public:formation", args=[formation.cle_ministere_educatif]), params)


def reviews_with_ratings(formation, ratings, **kwargs):
    return [
        review_create(formation, f"Avis numéro {n}.", rating=rating, days_ago=n + 1, **kwargs)
        for n, rating in enumerate(ratings)
    ]


@pytest.fixture
def formation(db):
    return FormationFactory(intitule="Pâtisserie", cfd="50022130", code_postal="69003")


class TestThreshold:
    @pytest.mark.parametrize("count", [THRESHOLD - 1, THRESHOLD])
    def test_everything_or_only_what_is_missing(self, client, formation, count):
        verbatims = reviews_with_ratings(
            formation, RATINGS[:count], themes=[(Theme.PEDAGOGIE, Tone.POSITIVE)]
        )

        response = page(client, formation)

        text = seen(response)
        public = count >= THRESHOLD
        assert ("Répartition des notes" in text) is public
        assert ("Ce qu’en disent les apprentis" in text) is public
        assert ("Formateurs et pédagogie" in text) is public
        assert (verbatims[0].text in text) is public
        assert ("Classer les avis" in text) is public
        if public:
            assert f"4,2/5 — {THRESHOLD} avis" in text
        else:
            assert "/5 — " not in text
            assert f"{count} apprentis ont répondu au questionnaire" in text
            assert "il en manque encore 1" in text

    def test_no_response_says_the_whole_threshold_is_missing(self, client, formation):
        text = seen(page(client, formation))

        assert "Aucun apprenti n’a encore répondu au questionnaire" in text
        assert f"à partir de {THRESHOLD} réponses" in text
        assert f"il en manque encore {THRESHOLD}" in text


class TestResults:
    def test_distribution_criteria_and_themes_are_written_next_to_their_bars(
        self, client, formation
    ):
        reviews_with_ratings(formation, RATINGS[:3], themes=[(Theme.AMBIANCE, Tone.POSITIVE)])
        reviews_with_ratings(formation, RATINGS[3:], themes=[(Theme.AMBIANCE, Tone.NEGATIVE)])

        response = page(client, formation)

        text = seen(response)
        assert "5/5 — " in text and "2 avis (40 %)" in text
        assert "1 avis (20 %)" in text
        assert "0 avis (0 %)" in text  # nobody gave 1 or 2
        # STORED_ANSWERS rate « accueil » 5 and « rythme » 2 in every response
        assert "5,0/5 (5 réponses)" in text and "2,0/5 (5 réponses)" in text
        assert "Ambiance et intégration" in text
        assert "3 positifs, 2 négatifs" in text
        html = response.content.decode()
        assert 'width="40%"' in html  # the bar of the 5s
        assert "style=" not in html  # the CSP forbids inline styles

    def test_distribution_lists_the_best_mark_first(self, client, formation):
        reviews_with_ratings(formation, RATINGS)

        distribution = page(client, formation).context["summary"].distribution

        text = seen(page(client, formation))
        marks = [f"{bar.value}/5 — {bar.label}" for bar in reversed(distribution)]
        assert [text.index(mark) for mark in marks] == sorted(text.index(m) for m in marks)


class TestOrders:
    @pytest.fixture
    def reviews(self, formation):
        older_verified = review_create(formation, "Ancien vérifié.", days_ago=30, invitation=True)
        newest = review_create(formation, "Le plus récent.", days_ago=0)
        reviews_with_ratings(formation, [4, 4, 4])  # 1 to 3 days old
        return older_verified, newest

    def order_of(self, client, formation, **params):
        return [
            verbatim.text for verbatim in page(client, formation, **params).context["reviews_page"]
        ]

    def test_newest_first_by_default(self, client, formation, reviews):
        texts = self.order_of(client, formation)

        assert texts[0] == "Le plus récent." and texts[-1] == "Ancien vérifié."

    def test_oldest_first(self, client, formation, reviews):
        texts = self.order_of(client, formation, ordre="anciens")

        assert texts[0] == "Ancien vérifié." and texts[-1] == "Le plus récent."

    def test_verified_first(self, client, formation, reviews):
        texts = self.order_of(client, formation, ordre="verifies")

        assert texts[:2] == ["Ancien vérifié.", "Le plus récent."]

    def test_an_unknown_order_is_the_default_one(self, client, formation, reviews):
        assert self.order_of(client, formation, ordre="note") == self.order_of(client, formation)

    def test_each_order_is_offered_and_explained(self, client, formation, reviews):
        response = page(client, formation, ordre="anciens")

        text = seen(response)
        assert "classés : plus anciens" in text
        assert "c’est l’ordre proposé par défaut" in text
        assert "Les avis publiés en premier d’abord." in text
        assert "Les avis donnés avec un lien personnel d’abord" in text
        assert re.search(r'<option value="anciens"\s+selected>', response.content.decode())

    def test_pages_keep_the_order(self, client, formation):
        reviews_with_ratings(formation, [4] * 11)

        response = page(client, formation, ordre="anciens")

        assert "?ordre=anciens&amp;page=2" in response.content.decode()


class TestReview:
    def test_labels_dates_masked_text_and_report_link(self, client, formation):
        reviews_with_ratings(formation, [4] * (THRESHOLD - 1))
        masked = review_create(
            formation, "Merci Julie !", invitation=True, status=ModerationStatus.PUBLISHED_MASKED
        )
        masked.masked_text = "Merci [prénom] !"
        masked.save(update_fields=["masked_text"])

        response = page(client, formation)

        text = seen(response)
        assert "Merci [prénom] !" in text and "Julie" not in text
        assert "Avis vérifié" in text and "Recueilli par le centre de formation" in text
        assert "Formation commencée en 2025" in text
        assert reverse("public:review_report", args=[masked.public_id]) in response.text


class TestEarlierYears:
    @pytest.fixture
    def last_year(self, formation):
        earlier = FormationFactory(
            intitule="Pâtisserie",
            cfd=formation.cfd,
            code_postal=formation.code_postal,
            formateur=formation.formateur,
        )
        reviews_with_ratings(earlier, [1] * THRESHOLD)
        review_create(earlier, "C’était mieux l’an dernier.", rating=1)
        campaigns_in(earlier, 2024)
        return earlier

    def test_shown_apart_with_their_year_and_not_counted(self, client, formation, last_year):
        reviews_with_ratings(formation, RATINGS)
        campaigns_in(formation, 2025)

        response = page(client, formation)

        text = seen(response)
        assert "Les années précédentes" in text
        assert "Avis recueillis en 2024" in text
        assert "C’était mieux l’an dernier." in text
        assert f"2024 : Pâtisserie — {THRESHOLD + 1} avis publiés" in text
        assert "Ils ne sont comptés ni dans la note ni dans le nombre d’avis" in text
        assert f"4,2/5 — {THRESHOLD} avis" in text  # last year's 1/5 are not in the score
        assert response.context["reviews_page"].paginator.count == THRESHOLD

    def test_shown_even_before_this_year_reaches_the_threshold(self, client, formation, last_year):
        text = seen(page(client, formation))

        assert "il en manque encore 5" in text
        assert "C’était mieux l’an dernier." in text

    def test_another_place_another_centre_or_a_later_year_is_another_offer(
        self, client, formation, last_year
    ):
        elsewhere = FormationFactory(
            cfd=formation.cfd, code_postal="13001", formateur=formation.formateur
        )
        other_centre = FormationFactory(cfd=formation.cfd, code_postal=formation.code_postal)
        for other in (elsewhere, other_centre):
            reviews_with_ratings(other, [4] * THRESHOLD)
        reviews_with_ratings(formation, RATINGS)
        campaigns_in(formation, 2023)  # this page is older than last_year's

        response = page(client, formation)

        assert response.context["earlier_offers"] == []
        assert "Les années précédentes" not in seen(response)

    def test_an_earlier_year_below_its_threshold_stays_hidden(self, client, formation):
        earlier = FormationFactory(
            rncp=formation.rncp, code_postal=formation.code_postal, formateur=formation.formateur
        )
        review_create(earlier, "Trop seul pour être publié.")
        campaigns_in(earlier, 2024)

        text = seen(page(client, formation))

        assert "Trop seul pour être publié." not in text
        assert "Les années précédentes" not in text


class TestQueryCount:
    def query_count_check(self, client, formation, django_assert_num_queries, count, **params):
        stats_refresh()
        labels_definition()  # kept a minute per process: not read on every page
        url = reverse("public:formation", args=[formation.cle_ministere_educatif])
        with django_assert_num_queries(count):
            assert client.get(url, params).status_code == 200

    def test_without_data(self, client, formation, django_assert_num_queries):
        # formation with its establishments, its aggregate and whether its offer has other years
        self.query_count_check(client, formation, django_assert_num_queries, 1)

    def test_the_offer_has_another_year_without_public_results(
        self, client, formation, django_assert_num_queries
    ):
        FormationFactory(
            cfd=formation.cfd, code_postal=formation.code_postal, formateur=formation.formateur
        )
        # formation with its aggregate (the offer has another year), the offer's formations
        self.query_count_check(client, formation, django_assert_num_queries, 2)

    def test_public_results_without_published_reviews(
        self, client, formation, django_assert_num_queries
    ):
        reviews_with_ratings(formation, RATINGS, status=ModerationStatus.PENDING)
        # formation with its aggregate (no published review: none to read, no other year)
        self.query_count_check(client, formation, django_assert_num_queries, 1)
        text = seen(page(client, formation))
        assert "4,2/5" in text
        assert "Aucun commentaire d’apprenti n’est encore publié pour cette formation." in text

    def test_with_reviews_and_earlier_years(self, client, formation, django_assert_num_queries):
        reviews_with_ratings(formation, RATINGS)
        campaigns_in(formation, 2025)
        earlier = FormationFactory(
            cfd=formation.cfd, code_postal=formation.code_postal, formateur=formation.formateur
        )
        reviews_with_ratings(earlier, [4] * THRESHOLD)
        campaigns_in(earlier, 2024)
        # formation with its aggregate (which counts the reviews), page of reviews with their
        # replies (also the JSON-LD's reviews), the offer's formations, their aggregates, their
        # reviews with replies
        self.query_count_check(client, formation, django_assert_num_queries, 5)

    def test_another_order_reads_the_newest_reviews_for_json_ld(
        self, client, formation, django_assert_num_queries
    ):
        reviews_with_ratings(formation, RATINGS)
        # formation with its aggregate (which counts the reviews; no other year), page of reviews
        # with their replies, the newest reviews for the JSON-LD
        self.query_count_check(client, formation, django_assert_num_queries, 3, ordre="anciens")
