import pytest
from django.core.management import call_command

from sirius.accounts.enums import Role
from sirius.accounts.models import User
from sirius.referentiel.models import Establishment, Formation
from sirius.referentiel.validators import validate_siret, validate_uai

pytestmark = pytest.mark.django_db


def seed(capsys):
    call_command("seed_demo")
    return capsys.readouterr().out


def test_seed_demo_fills_an_empty_database_with_a_realistic_catalogue(capsys):
    seed(capsys)

    establishments = list(Establishment.objects.all())
    assert len(establishments) >= 30
    for establishment in establishments:
        validate_siret(establishment.siret)
        validate_uai(establishment.uai)
    formations = Formation.objects.all()
    assert formations.count() >= 300
    assert set(formations.values_list("niveau", flat=True)) == {3, 4, 5, 6, 7}
    assert formations.values("region").distinct().count() >= 5


def test_seed_demo_creates_one_account_per_role_and_prints_them(capsys):
    output = seed(capsys)

    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    for user in User.objects.all():
        assert user.email in output
        assert user.check_password("sirius-demo-2026")
    assert "sirius-demo-2026" in output


def test_demo_establishment_account_sees_only_its_group(capsys):
    seed(capsys)
    staff = User.objects.get(role=Role.ESTABLISHMENT)

    visible = Formation.objects.visible_to(staff)

    assert 0 < visible.count() < Formation.objects.count()


def test_seed_demo_is_deterministic_and_adds_nothing_to_a_filled_database(capsys):
    seed(capsys)
    first = list(Formation.objects.order_by("cle_ministere_educatif").values_list("pk", "intitule"))

    output = seed(capsys)

    assert "déjà" in output
    assert (
        list(Formation.objects.order_by("cle_ministere_educatif").values_list("pk", "intitule"))
        == first
    )
    assert User.objects.count() == len(Role.values)
