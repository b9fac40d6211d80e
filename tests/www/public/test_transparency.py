"""« Comment fonctionnent les avis »: what D111-17 and D111-18 of the Code de la consommation ask,
printed from the code that applies it."""

import html
import re

import pytest
from django.urls import reverse

from sirius.moderation.enums import RejectionReason, ReportReason
from sirius.stats.enums import NATION_KEY, Scope
from sirius.stats.ranking import PRIOR_WEIGHT
from sirius.stats.read import labels_definition
from sirius.www.public.review_orders import ORDERS
from tests.www.public.aggregates import aggregate_create
from tests.www.public.html import texts

URL = reverse("public:how_reviews_work")


def seen(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.mark.django_db
class TestTransparencyPage:
    def test_says_how_reviews_are_checked_and_that_there_is_no_counterpart(self, client):
        text = seen(client.get(URL))

        assert "Avis vérifié" in text
        assert "Recueilli par le centre de formation" in text
        assert "Les avis font l’objet d’un contrôle." in text
        assert "aucune contrepartie" in text

    def test_lists_every_rejection_and_report_reason(self, client):
        text = seen(client.get(URL))

        for reason in [*RejectionReason.labels, *ReportReason.labels]:
            assert reason in text

    def test_explains_the_score_with_the_live_threshold(self, client, settings):
        settings.SIRIUS_PUBLICATION_THRESHOLD = 7
        labels_definition()

        text = seen(client.get(URL))

        assert "Dans l'ensemble, es-tu satisfait ou satisfaite de ta formation ?" in text
        assert "La note n’est publiée qu’à partir de 7 réponses" in text
        assert "« 4,2/5 — 37 avis »" in text

    def test_prints_the_ranking_formula_with_the_constants_of_the_code(self, client):
        aggregate_create(scope=Scope.NATION, key=NATION_KEY, notes={4: 3, 3: 1})

        text = seen(client.get(URL))

        assert PRIOR_WEIGHT == 10
        assert (
            "note de classement = (10 × moyenne nationale + somme des notes)"
            " ÷ (10 + nombre de notes)" in text
        )
        assert "La moyenne nationale est aujourd’hui de 3,75/5." in text
        # (10 × 4 + 25) / 15 and (10 × 4 + 920) / 210
        assert "a une note de classement de 4,33" in text
        assert "a une note de classement de 4,57" in text

    def test_explains_the_orders_of_results_and_reviews(self, client):
        response = client.get(URL)

        text = seen(response)
        for heading in [
            "Comment la note est-elle calculée ?",
            "Comment les formations sont-elles classées ?",
            "Dans quel ordre les avis sont-ils affichés ?",
        ]:
            assert heading in texts(response, "h2")
        assert "affichés par défaut du plus récent au plus ancien" in text
        for order in ORDERS:
            assert order.label in text
            assert order.explanation in text

    def test_no_longer_says_scores_are_not_published(self, client):
        assert "ne publie pas encore de notes" not in seen(client.get(URL))

    def test_says_how_to_report_and_withdraw_and_how_long_reviews_are_kept(self, client):
        text = seen(client.get(URL))

        assert "Signaler cet avis" in text
        assert "retirer sa réponse à tout moment" in text
        assert "gardés 3 ans" in text

    def test_query_count(self, client, django_assert_num_queries):
        labels_definition()

        # The national mean.
        with django_assert_num_queries(1):
            client.get(URL)


@pytest.mark.django_db
class TestAccessibilityStatement:
    def test_follows_the_rgaa_model(self, client):
        response = client.get(reverse("public:accessibility"))

        assert texts(response, "h1") == ["Déclaration d’accessibilité"]
        for heading in [
            "État de conformité",
            "Résultats des tests",
            "Contenus non accessibles",
            "Établissement de cette déclaration d’accessibilité",
            "Retour d’information et contact",
            "Voies de recours",
        ]:
            assert heading in texts(response, "h2")
        for heading in ["Non-conformités", "Technologies utilisées pour la réalisation du site"]:
            assert heading in texts(response, "h3")
        assert "Environnement de test" in texts(response, "h3")

    def test_states_non_compliance_how_it_is_tested_and_what_the_owner_must_fill(self, client):
        text = seen(client.get(reverse("public:accessibility")))

        assert "Sirius est non conforme" in text
        assert "Chromium" in text
        assert "axe-core" in text
        assert "ne sont pas des PDF balisés" in text
        assert "Défenseur des droits" in text
        assert "À compléter par le responsable du service" in text
        assert "Adresse électronique ou formulaire de contact" in text

    def test_is_linked_from_the_footer(self, client):
        response = client.get(reverse("public:home"))

        assert (
            'href="/accessibilite/">Accessibilité : non conforme</a>' in response.content.decode()
        )
