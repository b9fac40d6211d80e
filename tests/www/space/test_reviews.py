"""Reviews in the CFA space: reading, replying once, reporting, and who may do what."""

import pytest
from django.urls import reverse

from sirius.moderation.enums import ModerationStatus, RejectionReason, ReportReason, Theme, Tone
from sirius.moderation.models import EstablishmentReply, Report, VerbatimTheme
from tests.factories import verbatim_create_for_test
from tests.www.reviews_data import reviews_create

LIST = reverse("space:reviews")
THRESHOLD = 3


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD


def seen(response):
    """The page's HTML with its whitespace squashed, as a reader sees the sentences."""
    return " ".join(response.text.split())


def url(name, verbatim):
    return reverse(f"space:{name}", kwargs={"public_id": verbatim.public_id})


@pytest.fixture
def reviews(world):
    """Formation A above the threshold: three published reviews, one pending, one rejected, one
    alert; formation B (of CFA Bravo) above it too."""
    published = reviews_create(world.formations.a, 2)
    verified = verbatim_create_for_test(
        "Avis vérifié de A.", formation=world.formations.a, invitation=True, status="published"
    )
    pending = verbatim_create_for_test("Texte en attente de A.", formation=world.formations.a)
    rejected = verbatim_create_for_test(
        "Texte refusé de A.", formation=world.formations.a, status=ModerationStatus.REJECTED
    )
    alert = verbatim_create_for_test(
        "Texte en alerte de A.", formation=world.formations.a, status=ModerationStatus.ALERT
    )
    other = reviews_create(world.formations.b, THRESHOLD, text="Avis de Bravo {n}.")
    return {
        "a": [*published, verified],
        "verified": verified,
        "pending": pending,
        "rejected": rejected,
        "alert": alert,
        "b": other,
    }


def reply_create(verbatim, user, status=ModerationStatus.PENDING, **fields):
    return EstablishmentReply.objects.create(
        verbatim=verbatim,
        establishment=user.establishments.get(),
        author=user,
        text="Merci pour votre avis.",
        status=status,
        **fields,
    )


class TestList:
    def test_staff_read_the_published_reviews_of_their_formations(self, client, world, reviews):
        client.force_login(world.users.staff_a)

        response = client.get(LIST)

        assert response.status_code == 200
        assert {v.pk for v in response.context["page_obj"]} == {v.pk for v in reviews["a"]}
        text = seen(response)
        assert "Avis vérifié de A." in text
        assert "Avis vérifié" in text and "Recueilli par le centre de formation" in text
        assert "Formation commencée en 2025" in text
        assert "Avis de Bravo" not in text
        for hidden in ("Texte en attente", "Texte refusé", "Texte en alerte"):
            assert hidden not in text
        assert "1 commentaire en cours de relecture" in text
        assert "2 commentaires non publiés" in text
        assert url("review_reply", reviews["verified"]) in text
        assert url("review_report", reviews["verified"]) in text

    def test_observers_read_without_actions(self, client, world, reviews):
        client.force_login(world.users.observer_region)

        response = client.get(LIST)

        assert "Avis vérifié de A." in seen(response)
        assert url("review_reply", reviews["verified"]) not in seen(response)
        assert url("review_report", reviews["verified"]) not in seen(response)

    def test_reviews_of_a_formation_below_the_threshold_stay_hidden(self, client, world):
        reviews_create(world.formations.a, THRESHOLD - 1, text="Avis caché {n}.")
        client.force_login(world.users.staff_a)

        response = client.get(LIST)

        assert "Avis caché" not in seen(response)
        assert response.context["page_obj"].paginator.count == 0
        assert "moins de 3 réponses complètes" in seen(response)
        assert "2 réponses complètes, encore 1 réponse nécessaire." in seen(response)

    def test_shows_the_reply_and_its_status(self, client, world, reviews):
        staff = world.users.staff_a
        first, second, _verified = reviews["a"]
        reply_create(first, staff)
        reply_create(
            second,
            staff,
            status=ModerationStatus.REJECTED,
            rejection_reason=RejectionReason.ABUSIVE,
        )
        client.force_login(staff)

        response = client.get(LIST)

        assert "Réponse du centre — En cours de relecture" in seen(response)
        assert "Non publiée : propos injurieux ou diffamatoires" in seen(response)
        # A live reply: no second one. A rejected reply: a new one may be written.
        assert url("review_reply", first) not in seen(response)
        assert url("review_reply", second) in seen(response)

    def test_shows_the_reports_made(self, client, world, reviews):
        staff = world.users.staff_a
        Report.objects.create(
            verbatim=reviews["verified"],
            source="establishment",
            reason=ReportReason.AUTHENTICITY,
            explanation="Nous n'avons pas d'apprenti de ce nom.",
            reporter=staff,
            establishment=world.establishments.a,
        )
        client.force_login(staff)

        response = client.get(LIST)

        assert "(doute sur l&#x27;authenticité) :" in seen(response)
        assert "en cours d’examen" in seen(response)

    def test_filters_by_theme_and_by_reply(self, client, world, reviews):
        staff = world.users.staff_a
        first, second, verified = reviews["a"]
        VerbatimTheme.objects.create(verbatim=first, theme=Theme.EQUIPEMENTS, tone=Tone.NEGATIVE)
        reply_create(second, staff)
        client.force_login(staff)

        by_theme = client.get(LIST, {"theme": Theme.EQUIPEMENTS})
        with_reply = client.get(LIST, {"reponse": "avec"})
        without_reply = client.get(LIST, {"reponse": "sans"})

        assert [v.pk for v in by_theme.context["page_obj"]] == [first.pk]
        assert [v.pk for v in with_reply.context["page_obj"]] == [second.pk]
        assert {v.pk for v in without_reply.context["page_obj"]} == {first.pk, verified.pk}

    def test_filters_by_formation_text(self, client, world, reviews):
        client.force_login(world.users.observer_national)

        response = client.get(LIST, {"formation": "cuisine"})

        assert {v.pk for v in response.context["page_obj"]} == {v.pk for v in reviews["b"]}

    def test_paginates(self, client, world):
        reviews_create(world.formations.a, 21)
        client.force_login(world.users.staff_a)

        first = client.get(LIST)
        second = client.get(LIST, {"page": 2})

        assert len(first.context["page_obj"]) == 20
        assert len(second.context["page_obj"]) == 1

    def test_query_count(self, client, world, reviews, django_assert_num_queries):
        reply_create(reviews["verified"], world.users.staff_a)
        client.force_login(world.users.staff_a)
        client.get(LIST)  # the session and the user are cached from here

        # session, user, counts, page count, page, themes, replies, reports, waiting formations
        with django_assert_num_queries(9):
            response = client.get(LIST)
        assert response.status_code == 200


class TestReply:
    def test_form_explains_the_rules(self, client, world, reviews):
        client.force_login(world.users.staff_a)

        response = client.get(url("review_reply", reviews["verified"]))

        assert response.status_code == 200
        assert "Avis vérifié de A." in seen(response)
        assert "Votre réponse est publique" in seen(response)
        assert 'maxlength="1000"' in seen(response)
        assert "0 caractère sur 1000" in seen(response)

    def test_staff_reply(self, client, world, reviews):
        verbatim = reviews["verified"]
        client.force_login(world.users.staff_a)

        response = client.post(
            url("review_reply", verbatim), {"text": "Merci,\r\nnous en tenons compte."}
        )

        assert response.status_code == 302
        reply = EstablishmentReply.objects.get(verbatim=verbatim)
        assert reply.text == "Merci,\nnous en tenons compte."
        assert (reply.establishment, reply.author) == (world.establishments.a, world.users.staff_a)
        page = client.get(response.url)
        assert "Votre réponse est envoyée" in seen(page)

    def test_second_reply_is_refused(self, client, world, reviews):
        verbatim = reviews["verified"]
        reply_create(verbatim, world.users.staff_a)
        client.force_login(world.users.staff_a)

        response = client.post(url("review_reply", verbatim), {"text": "Encore merci."})

        assert response.status_code == 200
        assert "Votre centre a déjà répondu à cet avis." in seen(response)
        assert EstablishmentReply.objects.filter(verbatim=verbatim).count() == 1

    def test_too_long_reply_is_refused_and_kept(self, client, world, reviews):
        client.force_login(world.users.staff_a)
        text = "Merci " + "x" * 1000

        response = client.post(url("review_reply", reviews["verified"]), {"text": text})

        assert response.status_code == 200
        assert "Votre réponse fait 1006 caractères : 1000 au plus." in seen(response)
        assert f"{text}</textarea>" in seen(response)
        assert "1006 caractères sur 1000" in seen(response)
        assert not EstablishmentReply.objects.exists()

    def test_empty_reply_is_refused(self, client, world, reviews):
        client.force_login(world.users.staff_a)

        response = client.post(url("review_reply", reviews["verified"]), {"text": "  "})

        assert "Écrivez votre réponse avant de l" in seen(response)
        assert not EstablishmentReply.objects.exists()


class TestReport:
    def test_staff_report_with_an_explanation(self, client, world, reviews):
        verbatim = reviews["verified"]
        client.force_login(world.users.staff_a)

        form = client.get(url("review_report", verbatim))
        response = client.post(
            url("review_report", verbatim),
            {"reason": ReportReason.AUTHENTICITY, "explanation": "Aucun apprenti cette année."},
        )

        assert "ne masque jamais un avis à lui seul" in seen(form)
        assert response.status_code == 302
        report = Report.objects.get()
        assert (report.verbatim, report.source, report.establishment) == (
            verbatim,
            "establishment",
            world.establishments.a,
        )
        assert report.explanation == "Aucun apprenti cette année."
        assert "vous recevrez sa décision par e-mail" in seen(client.get(response.url))

    def test_report_without_explanation_is_refused(self, client, world, reviews):
        client.force_login(world.users.staff_a)

        response = client.post(
            url("review_report", reviews["verified"]),
            {"reason": ReportReason.DEFAMATION, "explanation": ""},
        )

        assert response.status_code == 200
        assert "Expliquez en quelques mots ce qui pose problème" in seen(response)
        assert not Report.objects.exists()

    def test_report_without_reason_is_refused(self, client, world, reviews):
        client.force_login(world.users.staff_a)

        response = client.post(
            url("review_report", reviews["verified"]), {"explanation": "Faux avis."}
        )

        assert "Choisissez un motif de signalement." in seen(response)
        assert not Report.objects.exists()


@pytest.mark.parametrize("name", ["review_reply", "review_report"])
class TestScoping:
    def test_another_cfa_gets_a_404(self, client, world, reviews, name):
        client.force_login(world.users.staff_b)
        verbatim = reviews["verified"]

        assert client.get(url(name, verbatim)).status_code == 404
        data = {"text": "Hop", "reason": "other", "explanation": "Hop"}
        assert client.post(url(name, verbatim), data).status_code == 404
        assert not EstablishmentReply.objects.exists() and not Report.objects.exists()

    @pytest.mark.parametrize("user_name", ["observer_region", "moderator", "admin"])
    def test_readers_get_a_403(self, client, world, reviews, name, user_name):
        client.force_login(getattr(world.users, user_name))
        data = {"text": "Hop", "reason": "other", "explanation": "Hop"}

        response = client.post(url(name, reviews["verified"]), data)

        assert response.status_code == 403
        assert "Action réservée" in seen(response)
        assert not EstablishmentReply.objects.exists() and not Report.objects.exists()

    @pytest.mark.parametrize("status", ["pending", "rejected", "alert"])
    def test_unpublished_review_is_a_404(self, client, world, reviews, name, status):
        client.force_login(world.users.staff_a)

        assert client.get(url(name, reviews[status])).status_code == 404

    def test_review_below_the_threshold_is_a_404(self, client, world, name):
        verbatim = verbatim_create_for_test(formation=world.formations.a, status="published")
        client.force_login(world.users.staff_a)

        assert client.get(url(name, verbatim)).status_code == 404

    def test_anonymous_visitors_sign_in_first(self, client, reviews, name):
        response = client.get(url(name, reviews["verified"]))

        assert response.status_code == 302
        assert "/compte/" in response.url


def test_the_dashboard_links_to_the_reviews_with_the_actions_for_staff_only(client, world):
    reviews_url = reverse("space:reviews")

    client.force_login(world.users.staff_a)
    staff_link = [
        a for a in client.get(reverse("space:dashboard")).text.split("<a ") if reviews_url in a
    ]
    client.force_login(world.users.observer_region)
    observer_link = [
        a for a in client.get(reverse("space:dashboard")).text.split("<a ") if reviews_url in a
    ]

    assert len(staff_link) == 1 and "répondre, signaler" in staff_link[0]
    assert len(observer_link) == 1 and "répondre" not in observer_link[0]
