"""The one scoping rule, tested directly: `visible_to(user)` on formations and establishments."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sirius.referentiel.models import Establishment, Formation
from tests.accounts.world import EXPECTED_ESTABLISHMENTS, EXPECTED_FORMATIONS, world_build


@pytest.fixture
def world(db):
    return world_build()


def names(objects, namespace):
    by_pk = {obj.pk: name for name, obj in vars(namespace).items()}
    return {by_pk[obj.pk] for obj in objects}


@pytest.mark.parametrize("user_name", sorted(EXPECTED_FORMATIONS))
def test_formations_visible_to(world, user_name):
    user = getattr(world.users, user_name)

    visible = Formation.objects.visible_to(user)

    assert names(visible, world.formations) == EXPECTED_FORMATIONS[user_name]
    assert visible.count() == len(EXPECTED_FORMATIONS[user_name])  # no duplicates


@pytest.mark.parametrize("user_name", sorted(EXPECTED_ESTABLISHMENTS))
def test_establishments_visible_to(world, user_name):
    user = getattr(world.users, user_name)

    visible = Establishment.objects.visible_to(user)

    assert names(visible, world.establishments) == EXPECTED_ESTABLISHMENTS[user_name]
    assert visible.count() == len(EXPECTED_ESTABLISHMENTS[user_name])


@pytest.mark.parametrize("user_name", ["admin", "staff_a", "observer_national"])
def test_inactive_users_see_nothing(world, user_name):
    user = getattr(world.users, user_name)
    user.is_active = False
    user.save()

    assert not Formation.objects.visible_to(user).exists()
    assert not Establishment.objects.visible_to(user).exists()


def test_anonymous_sees_nothing(world):
    assert not Formation.objects.visible_to(AnonymousUser()).exists()
    assert not Establishment.objects.visible_to(AnonymousUser()).exists()


def test_scope_follows_changes_of_establishments(world):
    user = world.users.staff_a
    user.establishments.add(world.establishments.gestionnaire)

    visible = names(Formation.objects.visible_to(user), world.formations)

    assert visible == {"a", "managed"}


def test_opco_with_an_empty_list_sees_nothing(world):
    user = world.users.observer_opco
    user.scope_rncp_codes = []

    assert not Formation.objects.visible_to(user).exists()


def test_visible_to_composes_with_other_filters(world):
    user = world.users.staff_b

    visible = Formation.objects.filter(intitule__startswith="C").visible_to(user)

    assert names(visible, world.formations) == {"b", "b2"}
