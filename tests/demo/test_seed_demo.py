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


def test_seed_demo_answers_most_formations_with_varied_scores_and_counts_them(capsys):
    from django.db.models import Count

    from sirius.campaigns.models import Campaign
    from sirius.responses.models import Response
    from sirius.stats.enums import NATION_KEY, Scope
    from sirius.stats.models import Aggregate
    from sirius.stats.read import formation_summaries

    output = seed(capsys)

    assert "réponses d'apprentis ajoutées" in output
    formations = list(Formation.objects.all())
    summaries = formation_summaries(formations).values()
    answered = [s for s in summaries if s.responses]
    public = [s for s in answered if s.is_public]
    assert len(answered) >= 0.6 * len(formations)
    assert sum(1 for s in answered if not s.is_public) >= 10
    per_campaign = Response.objects.values("campaign").annotate(n=Count("pk"))
    assert max(row["n"] for row in per_campaign) <= 40
    scores = {s.score_display for s in public}
    assert len(scores) >= 15
    assert min(s.score for s in public) < 3.5 < 4.3 < max(s.score for s in public)
    assert all(s.criteria and len(s.distribution) == 5 for s in public if s.responses >= 10)
    answers = list(Response.objects.values_list("answers", flat=True))
    assert any(None in a["cfa_criteres"].values() for a in answers if a.get("cfa_criteres"))
    assert any(len(a["raison_arret"]["choices"]) > 1 for a in answers if a.get("raison_arret"))
    assert any(a.get("situation") == "interrompue" and not a.get("raison_arret") for a in answers)
    nation = Aggregate.objects.area(Scope.NATION, NATION_KEY)
    assert nation.responses == Response.objects.submitted().count() >= 1000
    two_years = (
        Campaign.objects.values("formation")
        .annotate(years=Count("opens_on__year", distinct=True))
        .filter(years__gte=2)
    )
    assert two_years.count() >= 3

    again = seed(capsys)

    assert "réponses d'apprentis ajoutées" not in again
    assert Aggregate.objects.area(Scope.NATION, NATION_KEY).responses == nation.responses
