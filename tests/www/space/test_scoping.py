"""Every list and detail page of the space, for every kind of user: nobody sees beyond scope."""

import pytest
from django.urls import reverse

from tests.accounts.world import (
    ALL_ESTABLISHMENTS,
    ALL_FORMATIONS,
    EXPECTED_ESTABLISHMENTS,
    EXPECTED_FORMATIONS,
)

DASHBOARD = reverse("space:dashboard")


def formation_url(formation):
    return reverse("space:formation_detail", kwargs={"cle": formation.cle_ministere_educatif})


def establishment_url(establishment):
    return reverse("space:establishment_detail", kwargs={"siret": establishment.siret})


@pytest.mark.parametrize("user_name", sorted(EXPECTED_FORMATIONS))
def test_dashboard_lists_only_the_formations_in_scope(client, world, user_name):
    client.force_login(getattr(world.users, user_name))

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    listed = {formation.pk for formation in response.context["page_obj"]}
    expected = EXPECTED_FORMATIONS[user_name]
    assert listed == {getattr(world.formations, name).pk for name in expected}
    for name in ALL_FORMATIONS:
        link = formation_url(getattr(world.formations, name))
        assert (link in response.text) == (name in expected), name


@pytest.mark.parametrize("user_name", sorted(EXPECTED_FORMATIONS))
def test_formation_detail_is_a_404_outside_scope(client, world, user_name):
    client.force_login(getattr(world.users, user_name))

    for name in ALL_FORMATIONS:
        formation = getattr(world.formations, name)
        response = client.get(formation_url(formation))
        expected = 200 if name in EXPECTED_FORMATIONS[user_name] else 404
        assert response.status_code == expected, name
        if expected == 200:
            assert formation.intitule in response.text
            assert "Les campagnes de recueil d'avis de cette formation" in response.text


@pytest.mark.parametrize("user_name", sorted(EXPECTED_ESTABLISHMENTS))
def test_establishment_detail_is_a_404_outside_scope(client, world, user_name):
    client.force_login(getattr(world.users, user_name))

    for name in ALL_ESTABLISHMENTS:
        establishment = getattr(world.establishments, name)
        response = client.get(establishment_url(establishment))
        expected = 200 if name in EXPECTED_ESTABLISHMENTS[user_name] else 404
        assert response.status_code == expected, name


@pytest.mark.parametrize("user_name", sorted(EXPECTED_ESTABLISHMENTS))
def test_establishment_detail_lists_only_formations_in_scope(client, world, user_name):
    client.force_login(getattr(world.users, user_name))
    visible = EXPECTED_FORMATIONS[user_name]

    for name in EXPECTED_ESTABLISHMENTS[user_name]:
        establishment = getattr(world.establishments, name)
        response = client.get(establishment_url(establishment))
        listed = {formation.pk for formation in response.context["page_obj"]}
        expected = {
            getattr(world.formations, f).pk
            for f in visible
            if establishment
            in (getattr(world.formations, f).formateur, getattr(world.formations, f).gestionnaire)
        }
        assert listed == expected, name


def test_staff_see_their_establishments_on_the_dashboard(client, world):
    client.force_login(world.users.staff_a)

    response = client.get(DASHBOARD)

    assert response.context["establishments"] == [world.establishments.a]
    assert establishment_url(world.establishments.a) in response.text
    assert establishment_url(world.establishments.b) not in response.text


def test_filters_cannot_widen_the_scope(client, world):
    client.force_login(world.users.staff_a)
    other = world.formations.b

    for query in (other.rncp, other.cfd, world.establishments.b.siret, "Cuisine"):
        response = client.get(DASHBOARD, {"q": query})
        assert list(response.context["page_obj"]) == [], query
    response = client.get(DASHBOARD, {"formateur": world.establishments.b.siret})
    assert list(response.context["page_obj"]) == [world.formations.a]


@pytest.mark.parametrize(
    "url",
    [
        DASHBOARD,
        reverse("space:formation_detail", kwargs={"cle": "x"}),
        reverse("space:establishment_detail", kwargs={"siret": "13000000000011"}),
    ],
)
def test_anonymous_is_sent_to_sign_in(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_an_inactive_user_loses_the_session(client, world):
    user = world.users.staff_a
    client.force_login(user)
    user.is_active = False
    user.save()

    response = client.get(formation_url(world.formations.a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_observer_sees_counts_by_area(client, world):
    client.force_login(world.users.observer_departement)

    response = client.get(DASHBOARD)

    assert response.context["areas"] == {
        "regions": [("Auvergne-Rhône-Alpes", 2)],
        "departements": [{"code": "69", "region": "Auvergne-Rhône-Alpes", "total": 2}],
    }
    assert "Mon périmètre : Département 69" in response.text


def test_national_observer_counts_every_area(client, world):
    client.force_login(world.users.observer_national)

    response = client.get(DASHBOARD)

    assert response.context["areas"]["regions"] == [
        ("Auvergne-Rhône-Alpes", 3),
        ("Île-de-France", 2),
    ]


def test_only_admins_get_the_link_to_the_django_admin(client, world):
    client.force_login(world.users.admin)
    assert reverse("admin:index") in client.get(DASHBOARD).text

    client.force_login(world.users.moderator)
    assert reverse("admin:index") not in client.get(DASHBOARD).text
