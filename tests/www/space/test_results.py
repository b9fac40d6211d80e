"""Results pages of the CFA space: threshold, scoping, charts, comparison, verbatims, queries."""

import pytest
from django.urls import reverse

from sirius.moderation.enums import ModerationStatus, Theme, Tone
from sirius.moderation.models import VerbatimTheme
from sirius.stats.read import labels_forget
from tests.factories import CampaignFactory, FormationFactory, verbatim_create_for_test
from tests.www.space.results_data import responses_create

THRESHOLD = 5


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
    labels_forget()


def seen(response):
    return " ".join(response.text.split())


def formation_url(formation, name="formation_results"):
    return reverse(f"space:{name}", kwargs={"cle": formation.cle_ministere_educatif})


def campaign_url(campaign, name="campaign_results"):
    return reverse(f"space:{name}", kwargs={"public_id": campaign.public_id})


@pytest.fixture
def staff_a(client, world):
    client.force_login(world.users.staff_a)
    return client


class TestThreshold:
    @pytest.mark.parametrize(("count", "public"), [(4, False), (5, True)])
    def test_formation_page(self, staff_a, world, count, public):
        responses_create(world.formations.a, count)
        page = seen(staff_a.get(formation_url(world.formations.a)))
        assert ("Réponses question par question" in page) is public
        assert ("<svg" in page) is public
        assert ("Exporter en tableur" in page) is public
        assert ("encore 1 réponse nécessaire" in page) is not public

    @pytest.mark.parametrize(("count", "public"), [(4, False), (5, True)])
    def test_campaign_page(self, staff_a, world, count, public):
        campaign = responses_create(world.formations.a, count)
        # Other campaigns of the formation do not count for this campaign's threshold.
        responses_create(world.formations.a, 5)
        page = seen(staff_a.get(campaign_url(campaign)))
        assert ("Du questionnaire envoyé à la réponse" in page) is public
        assert ("<svg" in page) is public
        assert ("encore 1 réponse nécessaire" in page) is not public

    @pytest.mark.parametrize(("count", "public"), [(4, False), (5, True)])
    def test_index_shows_the_score_only_above(self, staff_a, world, count, public):
        responses_create(world.formations.a, count)
        page = seen(staff_a.get(reverse("space:results")))
        assert ("4,0/5" in page) is public
        assert ("encore 1 réponse" in page) is not public

    def test_a_question_answered_by_few_is_listed_as_hidden(self, staff_a, world):
        responses_create(world.formations.a, 5, recompute=False, recherche_facilite=None)
        responses_create(world.formations.a, 1)
        page = seen(staff_a.get(formation_url(world.formations.a)))
        assert "Questions masquées parce que moins de 5 personnes y ont répondu" in page


class TestScoping:
    @pytest.mark.parametrize(
        "name", ["formation_results", "formation_results_xlsx", "formation_results_pdf"]
    )
    def test_another_cfas_formation_is_a_404(self, staff_a, world, name):
        responses_create(world.formations.b, 5)
        assert staff_a.get(formation_url(world.formations.b, name)).status_code == 404

    @pytest.mark.parametrize(
        "name", ["campaign_results", "campaign_results_xlsx", "campaign_results_pdf"]
    )
    def test_another_cfas_campaign_is_a_404(self, staff_a, world, name):
        campaign = responses_create(world.formations.b, 5)
        assert staff_a.get(campaign_url(campaign, name)).status_code == 404

    def test_the_index_lists_only_visible_formations(self, staff_a, world):
        page = seen(staff_a.get(reverse("space:results")))
        assert "Boulangerie Alpha" in page
        assert "Cuisine Bravo" not in page

    def test_signed_out_is_sent_to_sign_in(self, client, world):
        response = client.get(formation_url(world.formations.a))
        assert response.status_code == 302


class TestContent:
    def test_charts_have_their_data_table(self, staff_a, world):
        responses_create(world.formations.a, 5)
        response = staff_a.get(formation_url(world.formations.a))
        page = seen(response)
        assert "style=" not in response.text.split("<main", 1)[1]
        assert "<caption>Réponses complètes envoyées chaque mois</caption>" in page
        assert "Moyenne sur 5" in page
        assert '<rect x="0" y="18" width="100%" height="14" fill="#000091" />' in page

    def test_comparison_with_the_region_and_the_nation_of_the_same_niveau(self, client, world):
        # A CAP of the Île-de-France région, another niveau elsewhere.
        formation = FormationFactory(formateur=world.establishments.a, niveau=3, region="11")
        responses_create(formation, 5, recompute=False)
        responses_create(
            FormationFactory(niveau=3, region="11"), 5, recompute=False, satisfaction_globale=2
        )
        responses_create(
            FormationFactory(niveau=3, region="84"), 10, recompute=False, satisfaction_globale=5
        )
        responses_create(FormationFactory(niveau=5, region="11"), 5, satisfaction_globale=1)
        client.force_login(world.users.staff_a)
        page = seen(client.get(formation_url(formation)))
        # Formation 4; région (niveau 3) (5×4 + 5×2) / 10 = 3; nation (50 + 30) / 20 = 4.
        assert (
            '<th scope="row">Satisfaction globale</th> <td>4,0/5</td> <td>3,0/5</td> <td>4,0/5</td>'
        ) in page

    def test_verbatims_published_text_and_counts_only_for_the_others(self, staff_a, world):
        formation = world.formations.a
        responses_create(formation, 5)
        published = verbatim_create_for_test(
            "Super formateurs.", formation=formation, status=ModerationStatus.PUBLISHED
        )
        VerbatimTheme.objects.create(verbatim=published, theme=Theme.PEDAGOGIE, tone=Tone.POSITIVE)
        verbatim_create_for_test("Texte en relecture.", formation=formation)
        verbatim_create_for_test(
            "Texte refusé.", formation=formation, status=ModerationStatus.REJECTED
        )
        verbatim_create_for_test(
            "Texte en alerte.", formation=formation, status=ModerationStatus.ALERT
        )
        page = seen(staff_a.get(formation_url(formation)))
        assert "Super formateurs." in page
        assert "Texte en relecture." not in page
        assert "Texte refusé." not in page
        assert "Texte en alerte." not in page
        assert "1 en relecture" in page
        assert "2 non publiés" in page

    @pytest.mark.parametrize(
        ("query", "shown"),
        [
            ({"theme": "pedagogie"}, {"Super formateurs."}),
            ({"tonalite": "negative"}, {"Trop long."}),
            ({"theme": "pedagogie", "tonalite": "negative"}, set()),
            ({}, {"Super formateurs.", "Trop long."}),
        ],
    )
    def test_verbatims_filter_by_theme_and_tone(self, staff_a, world, query, shown):
        formation = world.formations.a
        responses_create(formation, 5)
        for text, theme, tone in [
            ("Super formateurs.", Theme.PEDAGOGIE, Tone.POSITIVE),
            ("Trop long.", Theme.HORAIRES, Tone.NEGATIVE),
        ]:
            verbatim = verbatim_create_for_test(
                text, formation=formation, status=ModerationStatus.PUBLISHED
            )
            VerbatimTheme.objects.create(verbatim=verbatim, theme=theme, tone=tone)
        page = seen(staff_a.get(formation_url(formation), query))
        assert {text for text in ("Super formateurs.", "Trop long.") if text in page} == shown

    def test_campaign_page_counts_only_its_responses(self, staff_a, world):
        campaign = responses_create(world.formations.a, 5, recompute=False)
        responses_create(world.formations.a, 7)
        page = seen(staff_a.get(campaign_url(campaign)))
        assert "5 réponses complètes." in page
        assert "Questionnaires envoyés" in page

    def test_pages_link_each_other(self, staff_a, world):
        campaign = responses_create(world.formations.a, 5)
        page = staff_a.get(formation_url(world.formations.a)).text
        assert campaign_url(campaign) in page
        assert (
            campaign_url(campaign)
            in staff_a.get(
                reverse("space:campaign_detail", kwargs={"public_id": campaign.public_id})
            ).text
        )
        assert reverse("space:results") in staff_a.get(reverse("space:dashboard")).text


class TestQueries:
    def test_index(self, staff_a, world, django_assert_num_queries):
        responses_create(world.formations.a, 5)
        for _ in range(3):
            FormationFactory(formateur=world.establishments.a)
        staff_a.get(reverse("space:results"))  # labels loaded once per process
        # session, user, count, page, aggregates.
        with django_assert_num_queries(5):
            assert staff_a.get(reverse("space:results")).status_code == 200

    def test_formation_page(self, staff_a, world, django_assert_num_queries):
        for _ in range(3):
            responses_create(world.formations.a, 2, recompute=False)
        for n in range(3):
            verbatim = verbatim_create_for_test(
                f"Avis {n}.", formation=world.formations.a, status=ModerationStatus.PUBLISHED
            )
            VerbatimTheme.objects.create(verbatim=verbatim, theme=Theme.RYTHME, tone=Tone.MIXED)
        responses_create(world.formations.a, 0)
        staff_a.get(formation_url(world.formations.a))  # labels loaded once per process
        # session, user, formation, aggregate, months, areas, campaigns, verbatim counts,
        # verbatims count, page, themes.
        with django_assert_num_queries(11):
            assert staff_a.get(formation_url(world.formations.a)).status_code == 200

    def test_campaign_page(self, staff_a, world, django_assert_num_queries):
        campaign = responses_create(world.formations.a, 5)
        verbatim_create_for_test("Avis.", formation=world.formations.a, status="published")
        staff_a.get(campaign_url(campaign))  # labels loaded once per process
        # session, user, campaign, answers, invitations, responses (follow-up), months, areas,
        # verbatim counts, verbatims count (none published in this campaign).
        with django_assert_num_queries(10):
            assert staff_a.get(campaign_url(campaign)).status_code == 200

    def test_below_the_threshold(self, staff_a, world, django_assert_num_queries):
        campaign = CampaignFactory(formation=world.formations.a)
        with django_assert_num_queries(4):
            assert staff_a.get(formation_url(world.formations.a)).status_code == 200
        with django_assert_num_queries(4):
            assert staff_a.get(campaign_url(campaign)).status_code == 200
