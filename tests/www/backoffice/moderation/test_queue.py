from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sirius.accounts.enums import Role
from sirius.moderation.enums import ModerationStatus, Theme, Tone
from sirius.moderation.models import ModerationDecision, VerbatimTheme
from sirius.referentiel.enums import Region
from tests.factories import FormationFactory, UserFactory, verbatim_create_for_test

from .texts import analysed_verbatim

QUEUE = reverse("backoffice:moderation_queue")


def _text(response):
    """The page's HTML with whitespace runs collapsed to one space."""
    return " ".join(response.content.decode().split())


def _titles(response):
    return [card.text for card in response.context["cards"]]


@pytest.mark.django_db
class TestAccess:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        response = client.get(QUEUE)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))

    @pytest.mark.parametrize("traits", [{"role": Role.ESTABLISHMENT}, {"observer_national": True}])
    def test_establishment_staff_and_observers_are_refused(self, client, traits):
        verbatim = analysed_verbatim()
        client.force_login(UserFactory(**traits))
        assert client.get(QUEUE).status_code == 403
        detail = reverse("backoffice:verbatim_detail", kwargs={"public_id": verbatim.public_id})
        assert client.get(detail).status_code == 403
        decide = reverse("backoffice:verbatim_decide", kwargs={"public_id": verbatim.public_id})
        response = client.post(decide, {"decision": "published", "seen_status": "pending"})
        assert response.status_code == 403
        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.PENDING

    @pytest.mark.parametrize("traits", [{"moderator": True}, {"admin": True}])
    def test_moderators_and_admins_open_the_queue(self, client, traits):
        analysed_verbatim("Super ambiance à l'atelier.")
        client.force_login(UserFactory(**traits))
        response = client.get(QUEUE)
        assert response.status_code == 200
        assert "Super ambiance à l&#x27;atelier." in response.content.decode()

    def test_the_dashboard_links_moderators_to_the_queue(self, client):
        client.force_login(UserFactory(moderator=True))
        response = client.get(reverse("space:dashboard"))
        assert f'href="{QUEUE}"' in response.content.decode()

    def test_the_dashboard_has_no_queue_link_for_establishment_staff(self, client):
        client.force_login(UserFactory(role=Role.ESTABLISHMENT))
        response = client.get(reverse("space:dashboard"))
        assert QUEUE not in response.content.decode()


@pytest.mark.django_db
class TestFilters:
    def test_pending_texts_oldest_first_by_default(self, moderator_client):
        newer = analysed_verbatim("Récent.")
        older = analysed_verbatim("Ancien.")
        older.created_at = timezone.now() - timedelta(days=3)
        older.save(update_fields=["created_at"])
        verbatim_create_for_test("Déjà publié.", status=ModerationStatus.PUBLISHED)

        response = moderator_client.get(QUEUE)

        assert _titles(response) == [older.text, newer.text]
        assert "2 textes — page 1 sur 1" in _text(response)

    def test_status_filter(self, moderator_client):
        analysed_verbatim("En attente.")
        verbatim_create_for_test("Refusé.", status=ModerationStatus.REJECTED)
        assert _titles(moderator_client.get(QUEUE, {"statut": "rejected"})) == ["Refusé."]
        assert len(_titles(moderator_client.get(QUEUE, {"statut": "tous"}))) == 2

    @pytest.mark.parametrize(
        ("signal", "expected"),
        [
            ("personal_data", "Appelle Julie."),
            ("insult", "Insulte."),
            ("alert", "Alerte."),
            ("pepite", "Pépite."),
            ("none", "Rien à signaler."),
        ],
    )
    def test_signal_filter(self, moderator_client, signal, expected):
        analysed_verbatim("Appelle Julie.", spans=[("name", "Julie")])
        analysed_verbatim("Insulte.", flags=["insult"])
        analysed_verbatim("Alerte.", flags=["alert"])
        analysed_verbatim("Pépite.", flags=["pepite"])
        analysed_verbatim("Rien à signaler.")
        titles = _titles(moderator_client.get(QUEUE, {"signal": signal}))
        if signal == "none":
            assert titles == ["Pépite.", "Rien à signaler."]
        else:
            assert titles == [expected]

    def test_theme_filter(self, moderator_client):
        about_pay = analysed_verbatim("Le salaire arrive en retard.")
        VerbatimTheme.objects.create(
            verbatim=about_pay, theme=Theme.REMUNERATION, tone=Tone.NEGATIVE
        )
        analysed_verbatim("Les cours sont clairs.")
        titles = _titles(moderator_client.get(QUEUE, {"theme": Theme.REMUNERATION}))
        assert titles == [about_pay.text]

    def test_region_filter(self, moderator_client):
        breton = FormationFactory(region=Region.BRETAGNE)
        analysed_verbatim("À Rennes.", formation=breton)
        analysed_verbatim("Ailleurs.", formation=FormationFactory(region=Region.ILE_DE_FRANCE))
        assert _titles(moderator_client.get(QUEUE, {"region": Region.BRETAGNE})) == ["À Rennes."]

    def test_formation_filter_matches_free_text(self, moderator_client):
        bakery = FormationFactory(intitule="CAP Boulanger")
        analysed_verbatim("Le pain.", formation=bakery)
        analysed_verbatim("Le code.", formation=FormationFactory(intitule="BTS Informatique"))
        assert _titles(moderator_client.get(QUEUE, {"formation": "boulanger"})) == ["Le pain."]

    def test_date_filters(self, moderator_client):
        old = analysed_verbatim("Le mois dernier.")
        old.created_at = timezone.now() - timedelta(days=30)
        old.save(update_fields=["created_at"])
        analysed_verbatim("Aujourd'hui.")
        since = (timezone.localdate() - timedelta(days=2)).isoformat()
        until = (timezone.localdate() - timedelta(days=10)).isoformat()
        assert _titles(moderator_client.get(QUEUE, {"du": since})) == ["Aujourd'hui."]
        assert _titles(moderator_client.get(QUEUE, {"au": until})) == ["Le mois dernier."]

    def test_pagination_keeps_twenty_cards_a_page(self, moderator_client):
        formation = FormationFactory()
        for number in range(21):
            analysed_verbatim(f"Texte {number}.", formation=formation)
        first = moderator_client.get(QUEUE)
        assert len(first.context["cards"]) == 20
        assert "21 textes — page 1 sur 2" in _text(first)
        assert len(moderator_client.get(QUEUE, {"page": 2}).context["cards"]) == 1


@pytest.mark.django_db
class TestCard:
    def test_spans_are_marked_and_the_text_stays_escaped(self, moderator_client):
        analysed_verbatim("<script>alert(1)</script> Julie est top", spans=[("name", "Julie")])
        html = moderator_client.get(QUEUE).content.decode()
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert '<mark>Julie</mark><span class="fr-sr-only"> (Nom ou prénom)</span>' in html

    def test_card_shows_suggestion_masked_preview_and_history(self, moderator_client, moderator):
        verbatim = analysed_verbatim(
            "Julie nous traite de nuls.",
            spans=[("name", "Julie")],
            flags=["insult"],
            invitation=True,
            analysis={
                "insult_terms": ["nuls"],
                "themes": [{"theme": "pedagogie", "tone": "negative"}],
            },
        )
        ModerationDecision.objects.create(
            verbatim=verbatim, actor=None, from_status="pending", to_status="alert"
        )
        ModerationDecision.objects.create(
            verbatim=verbatim,
            actor=moderator,
            from_status="alert",
            to_status="pending",
            note="Fausse alerte",
        )
        html = _text(moderator_client.get(QUEUE))
        assert "Données personnelles : Nom ou prénom" in html
        assert "« nuls »" in html
        assert "Formateurs et pédagogie (négatif)" in html
        assert "[prénom] nous traite de nuls." in html
        assert "Avis vérifié" in html
        assert "automatique : En attente de modération → Alerte" in html
        assert "Alex Modo : Alerte → En attente de modération" in html
        assert "« Fausse alerte »" in html

    def test_card_shows_the_question_label(self, moderator_client):
        analysed_verbatim("Bien.")
        assert "Qu&#x27;as-tu le plus aimé ?" in _text(moderator_client.get(QUEUE))

    def test_detail_page_shows_one_card(self, moderator_client):
        verbatim = analysed_verbatim("Un seul texte.")
        analysed_verbatim("Un autre.")
        url = reverse("backoffice:verbatim_detail", kwargs={"public_id": verbatim.public_id})
        html = moderator_client.get(url).content.decode()
        assert "Un seul texte." in html
        assert "Un autre." not in html


@pytest.mark.django_db
def test_queue_query_count_does_not_grow_with_cards(moderator_client, django_assert_num_queries):
    formation = FormationFactory()
    for number in range(20):
        verbatim = analysed_verbatim(
            f"Texte {number} de Julie.", spans=[("name", "Julie")], formation=formation
        )
        ModerationDecision.objects.create(
            verbatim=verbatim, actor=None, from_status="pending", to_status="pending"
        )
    # session, user, count, page of cards, their decisions (with actors), questionnaire
    # versions, the count of unflagged pending texts
    with django_assert_num_queries(7):
        response = moderator_client.get(QUEUE)
    assert len(response.context["cards"]) == 20
