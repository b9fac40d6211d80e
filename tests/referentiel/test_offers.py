"""One offer across the years: `same_offer` and the SQL flag the formation read carries agree."""

import pytest

from sirius.referentiel.offers import same_offer
from sirius.stats.formation_read import formation_with_aggregate
from tests.factories import EstablishmentFactory, FormationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def formation():
    return FormationFactory(cfd="32033422", rncp="RNCP38368", code_postal="69003")


def other_years_exist(formation):
    read, _aggregate = formation_with_aggregate(formation.cle_ministere_educatif)
    return read.other_years_exist


def offer_of(formation):
    return set(same_offer(formation))


def test_alone_in_its_offer(formation):
    FormationFactory(code_postal=formation.code_postal, formateur=formation.formateur)

    assert offer_of(formation) == {formation}
    assert other_years_exist(formation) is False


@pytest.mark.parametrize("code", ["cfd", "rncp"])
def test_same_code_same_centre_same_postcode_is_the_same_offer(formation, code):
    other = FormationFactory(
        **{code: getattr(formation, code)},
        code_postal=formation.code_postal,
        formateur=formation.formateur,
    )

    assert offer_of(formation) == {formation, other}
    assert other_years_exist(formation) is True
    assert other_years_exist(other) is True


@pytest.mark.parametrize(
    "difference",
    [
        {"code_postal": "69007"},
        {"formateur": "another"},
    ],
    ids=["another postcode", "another centre"],
)
def test_another_place_or_centre_is_another_offer(formation, difference):
    if difference.get("formateur") == "another":
        difference = {"formateur": EstablishmentFactory()}
    FormationFactory(
        cfd=formation.cfd,
        rncp=formation.rncp,
        **{"code_postal": formation.code_postal, "formateur": formation.formateur, **difference},
    )

    assert offer_of(formation) == {formation}
    assert other_years_exist(formation) is False


def test_empty_codes_or_postcode_never_match(formation):
    without_postcode = FormationFactory(
        cfd=formation.cfd, code_postal="", formateur=formation.formateur
    )
    FormationFactory(cfd="", rncp=formation.rncp, code_postal="", formateur=formation.formateur)
    only_rncp = FormationFactory(cfd="", rncp="RNCP1", formateur=formation.formateur)
    FormationFactory(cfd="", rncp="RNCP2", formateur=formation.formateur)

    assert offer_of(without_postcode) == set()
    assert other_years_exist(without_postcode) is False
    assert offer_of(only_rncp) == {only_rncp}  # an empty CFD matches no other empty CFD
    assert other_years_exist(only_rncp) is False
