"""Published reviews on the formation page, « Signaler cet avis », and how reviews work."""

from html import unescape

import pytest
from django.urls import reverse

from sirius.moderation.enums import ModerationStatus, RejectionReason, ReportReason
from sirius.moderation.models import EstablishmentReply, Report
from sirius.stats.read import labels_definition
from sirius.stats.recompute import aggregates_recompute
from tests.factories import FormationFactory, UserFactory, verbatim_create_for_test
from tests.www.reviews_data import reviews_create

THRESHOLD = 3
HOW = reverse("public:how_reviews_work")


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD


def seen(response):
    """The page's text as a reader sees it: entities decoded, whitespace squashed."""
    return " ".join(unescape(response.text).split())


def formation_url(formation):
    return reverse("public:formation", args=[formation.cle_ministere_educatif])


def formation_page(client, formation, params=None):
    """The formation page once the aggregates count the responses written directly."""
    aggregates_recompute()
    return client.get(formation_url(formation), params or {})


def report_url(verbatim):
    return reverse("public:review_report", kwargs={"public_id": verbatim.public_id})


@pytest.fixture
def formation(db):
    return FormationFactory(intitule="Pâtisserie")


@pytest.fixture
def verified(formation):
    """A verified review with a published reply, among THRESHOLD published reviews."""
    reviews_create(formation, THRESHOLD - 1, text="Avis ouvert {n}.")
    review = verbatim_create_for_test(
        "Les formateurs sont passionnés.",
        formation=formation,
        invitation=True,
        status=ModerationStatus.PUBLISHED,
    )
    EstablishmentReply.objects.create(
        verbatim=review,
        establishment=formation.formateur,
        author=UserFactory(establishments=[formation.formateur]),
        text="Merci, nous transmettons à l'équipe.",
        status=ModerationStatus.PUBLISHED,
        published_at=review.published_at,
    )
    aggregates_recompute()
    return review


def report_data(**overrides):
    data = {
        "reason": ReportReason.PERSONAL_DATA,
        "explanation": "Le texte donne le nom complet d'une formatrice.",
        "email": "parent@example.org",
        "good_faith": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class TestFormationPage:
    def test_shows_the_published_reviews_with_their_labels_and_reply(
        self, client, formation, verified
    ):
        pending = verbatim_create_for_test("Texte en relecture.", formation=formation)
        EstablishmentReply.objects.create(
            verbatim=verbatim_create_for_test(
                "Avis publié récent.", formation=formation, status="published"
            ),
            establishment=formation.formateur,
            text="Réponse pas encore relue.",
        )

        response = formation_page(client, formation)

        text = seen(response)
        assert "Les formateurs sont passionnés." in text
        assert "Avis vérifié" in text and "Recueilli par le centre de formation" in text
        assert "Formation commencée en 2025" in text
        assert f"Réponse de {formation.formateur.name}" in text
        assert "Merci, nous transmettons à l'équipe." in text
        assert "Réponse pas encore relue." not in text
        assert pending.text not in text
        assert report_url(verified) in text
        assert HOW in text
        reviews = list(response.context["reviews_page"])
        assert reviews[0].text == "Avis publié récent."  # newest first
        assert len(reviews) == THRESHOLD + 1

    def test_masked_review_shows_its_masked_copy(self, client, formation):
        reviews_create(formation, THRESHOLD - 1)
        masked = verbatim_create_for_test(
            "Merci Julie !", formation=formation, status=ModerationStatus.PUBLISHED_MASKED
        )
        masked.masked_text = "Merci [prénom] !"
        masked.save(update_fields=["masked_text"])

        text = seen(formation_page(client, formation))

        assert "Merci [prénom] !" in text
        assert "Julie" not in text

    def test_below_the_threshold_nothing_is_shown(self, client, formation):
        reviews_create(formation, THRESHOLD - 1, text="Avis trop tôt {n}.")

        response = formation_page(client, formation)

        assert "Avis trop tôt" not in seen(response)
        assert "au moins 3, pour que personne ne puisse être reconnu" in seen(response)
        assert not response.context["reviews_shown"]

    def test_paginates_ten_per_page(self, client, formation):
        reviews_create(formation, 11)

        first = formation_page(client, formation)
        second = formation_page(client, formation, {"page": 2})

        assert len(first.context["reviews_page"]) == 10
        assert len(second.context["reviews_page"]) == 1
        assert "11 avis publiés" in seen(first)

    def test_query_count(self, client, formation, verified, django_assert_num_queries):
        aggregates_recompute()
        labels_definition()
        # formation with its aggregate (which counts the reviews; no other year), page of
        # reviews with their published replies
        with django_assert_num_queries(2):
            response = client.get(formation_url(formation))
        assert response.status_code == 200


class TestReport:
    def test_form_explains_what_happens_next(self, client, verified):
        response = client.get(report_url(verified))

        assert response.status_code == 200
        text = seen(response)
        assert "Les formateurs sont passionnés." in text
        assert "Un signalement ne masque pas l’avis à lui seul." in text
        assert 'name="site_web"' in text  # the honeypot

    def test_anyone_reports_a_review(self, client, verified):
        response = client.post(report_url(verified), report_data())

        assert response.status_code == 302
        report = Report.objects.get()
        assert (report.verbatim, report.source, report.reason) == (
            verified,
            "public",
            ReportReason.PERSONAL_DATA,
        )
        assert report.reporter_email == "parent@example.org"
        thanks = client.get(response.url)
        assert "Merci, votre signalement est bien enregistré." in seen(thanks)
        assert formation_url(verified.response.formation) in thanks.text

    def test_the_email_is_optional(self, client, verified):
        client.post(report_url(verified), report_data(email=None))

        assert Report.objects.get().reporter_email == ""

    @pytest.mark.parametrize(
        ("missing", "message"),
        [
            ("explanation", "Expliquez ce qui pose problème dans cet avis."),
            ("reason", "Choisissez un motif de signalement."),
            ("good_faith", "Cochez la case pour confirmer votre bonne foi."),
        ],
    )
    def test_incomplete_notice_is_refused(self, client, verified, missing, message):
        response = client.post(report_url(verified), report_data(**{missing: None}))

        assert response.status_code == 200
        assert message in seen(response)
        assert not Report.objects.exists()

    def test_invalid_email_is_refused(self, client, verified):
        response = client.post(report_url(verified), report_data(email="pas-une-adresse"))

        assert "Saisissez une adresse e-mail valide" in seen(response)
        assert not Report.objects.exists()

    def test_robots_are_thanked_but_not_recorded(self, client, verified):
        response = client.post(report_url(verified), report_data(site_web="http://spam.example"))

        assert response.status_code == 302
        assert not Report.objects.exists()

    def test_a_flood_on_one_review_is_refused(self, client, verified, monkeypatch):
        monkeypatch.setattr("sirius.www.public.reviews.REPORTS_PER_REVIEW_PER_HOUR", 2)
        for _ in range(2):
            client.post(report_url(verified), report_data())

        response = client.post(report_url(verified), report_data())

        assert response.status_code == 200
        assert "déjà été signalé de nombreuses fois" in seen(response)
        assert Report.objects.count() == 2

    @pytest.mark.parametrize(
        "status", [ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.ALERT]
    )
    def test_unpublished_review_is_a_404(self, client, formation, verified, status):
        hidden = verbatim_create_for_test(formation=formation, status=status)

        assert client.get(report_url(hidden)).status_code == 404
        assert client.post(report_url(hidden), report_data()).status_code == 404
        assert not Report.objects.exists()

    def test_unknown_review_is_a_404(self, client, db):
        url = reverse(
            "public:review_report", kwargs={"public_id": "00000000-0000-4000-8000-000000000000"}
        )

        assert client.get(url).status_code == 404

    def test_review_below_the_threshold_is_a_404(self, client, formation):
        (review,) = reviews_create(formation, 1)
        aggregates_recompute()

        assert client.get(report_url(review)).status_code == 404


class TestHowReviewsWork:
    def test_explains_the_rules_with_the_live_settings(self, client, db):
        response = client.get(HOW)

        assert response.status_code == 200
        text = seen(response)
        for reason in RejectionReason.labels:
            assert reason in text
        for reason in ReportReason.labels:
            assert reason in text
        assert "Un avis négatif n’est jamais refusé pour cette raison." in text
        assert "qu’à partir de 3 réponses complètes" in text
        assert "supprimées 12 mois après la fin de la campagne" in text
        assert "gardés 3 ans" in text

    def test_is_linked_from_the_footer(self, client, db):
        response = client.get(reverse("public:home"))

        assert HOW in response.text
