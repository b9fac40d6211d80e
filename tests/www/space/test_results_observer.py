"""The observers' dashboard and its CSV: scope, threshold, figures, queries."""

import csv
import io

import pytest
from django.urls import reverse

from sirius.moderation.enums import ModerationStatus
from sirius.referentiel.models import Formation
from sirius.stats.read import labels_forget
from tests.factories import invitation_create_for_test, verbatim_create_for_test
from tests.www.space.results_data import responses_create

PAGE = reverse("space:observer")
CSV = reverse("space:observer_export")


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = 5
    labels_forget()


def seen(response):
    return " ".join(response.text.split())


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


@pytest.fixture
def scored(world):
    """Alpha (Île-de-France, CAP) and Bravo (Auvergne-Rhône-Alpes) with diplomas and reviews."""
    Formation.objects.filter(pk=world.formations.a.pk).update(diplome="CAP Boulanger")
    Formation.objects.filter(pk=world.formations.b.pk).update(diplome="CAP Cuisine")
    campaign = responses_create(world.formations.a, 5, recompute=False)
    invitation = invitation_create_for_test(campaign)[0]
    invitation.sent_at = invitation.created_at
    invitation.save()
    responses_create(world.formations.b, 6, satisfaction_globale=2)
    verbatim_create_for_test("Refusé en Rhône.", formation=world.formations.b, status="rejected")
    verbatim_create_for_test(
        "Publié en IDF.", formation=world.formations.a, status=ModerationStatus.PUBLISHED
    )
    return world


def test_region_observer_sees_only_its_region(client, scored):
    client.force_login(scored.users.observer_region)
    page = seen(client.get(PAGE))
    assert "CAP Boulanger" in page
    assert "CAP Cuisine" not in page
    assert "Formations avec une note publique</th> <td> 1 (50 %)" in page
    assert "0 refusés." in page


def test_departement_observer_sees_only_its_departement(client, scored):
    client.force_login(scored.users.observer_departement)
    page = seen(client.get(PAGE))
    assert "CAP Cuisine" in page
    assert "CAP Boulanger" not in page
    assert "1 refusé." in page


@pytest.mark.parametrize(("count", "public"), [(4, False), (5, True)])
def test_only_public_scores_count(client, world, count, public):
    Formation.objects.filter(pk=world.formations.a.pk).update(diplome="CAP Boulanger")
    responses_create(world.formations.a, count)
    client.force_login(world.users.observer_region)
    page = seen(client.get(PAGE))
    assert ("CAP Boulanger" in page) is public
    assert ("4,0/5" in page) is public
    rows = csv_rows(client.get(CSV))
    assert (["CAP Boulanger", "1", str(count), "4,0/5"] in rows) is public


def test_csv_has_a_bom_semicolons_and_the_figures(client, scored):
    client.force_login(scored.users.observer_national)
    response = client.get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert ["Périmètre", "National"] in rows
    assert ["Formations", "5"] in rows
    assert ["Formations avec une note publique", "2"] in rows
    assert ["Invitations envoyées", "1"] in rows
    assert ["Commentaires refusés", "1"] in rows
    assert ["CAP Cuisine", "1", "6", "2,0/5"] in rows
    assert ["Négatif", "Décidés", "Refusés", "Taux de refus"] not in rows


@pytest.mark.parametrize("user", ["staff_a", "no_establishment"])
def test_cfa_staff_are_refused(client, world, user):
    client.force_login(getattr(world.users, user))
    assert client.get(PAGE).status_code == 403
    assert client.get(CSV).status_code == 403


def test_the_dashboard_links_it_for_observers_only(client, world):
    client.force_login(world.users.observer_region)
    assert PAGE in client.get(reverse("space:dashboard")).text
    client.force_login(world.users.staff_a)
    assert PAGE not in client.get(reverse("space:dashboard")).text


def test_queries(client, scored, django_assert_num_queries):
    client.force_login(scored.users.observer_national)
    client.get(PAGE)
    # session, user, aggregates, formations, invitations, responses, verbatim counts, by tone.
    with django_assert_num_queries(8):
        assert client.get(PAGE).status_code == 200
    with django_assert_num_queries(8):
        assert client.get(CSV).status_code == 200
