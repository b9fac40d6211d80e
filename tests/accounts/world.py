"""A small world for scoping tests: four establishments, five formations, one user per case.

Used by tests/www/space and tests/referentiel/test_scoping.py.
"""

from types import SimpleNamespace

from sirius.accounts.enums import ObserverScope, Role
from sirius.referentiel.enums import Niveau, Region
from tests.factories import EstablishmentFactory, FormationFactory, UserFactory


def world_build():
    a = EstablishmentFactory(enseigne="CFA Alpha")
    b = EstablishmentFactory(
        enseigne="CFA Bravo", departement="69", region=Region.AUVERGNE_RHONE_ALPES
    )
    gestionnaire = EstablishmentFactory(enseigne="CFA Gestion")
    formateur = EstablishmentFactory(enseigne="Site Formateur")
    lyon = {"departement": "69", "region": Region.AUVERGNE_RHONE_ALPES, "localite": "Lyon"}
    formations = SimpleNamespace(
        a=FormationFactory(formateur=a, intitule="Boulangerie Alpha", niveau=Niveau.CAP),
        b=FormationFactory(formateur=b, intitule="Cuisine Bravo", rncp="RNCP99001", **lyon),
        b2=FormationFactory(
            formateur=b,
            intitule="Coiffure Bravo",
            departement="01",
            region=Region.AUVERGNE_RHONE_ALPES,
        ),
        # Taught by `formateur`, managed by `gestionnaire`.
        managed=FormationFactory(
            formateur=formateur, gestionnaire=gestionnaire, intitule="Plomberie Gérée"
        ),
        # Taught by `formateur` too, but managed by B: none of `gestionnaire`'s business.
        managed_by_b=FormationFactory(
            formateur=formateur, gestionnaire=b, intitule="Électricité Bravo", **lyon
        ),
    )
    users = SimpleNamespace(
        staff_a=UserFactory(establishments=[a]),
        staff_b=UserFactory(establishments=[b]),
        staff_gestionnaire=UserFactory(establishments=[gestionnaire]),
        staff_formateur=UserFactory(establishments=[formateur]),
        observer_region=UserFactory(observer_region=True),
        observer_departement=UserFactory(
            role=Role.OBSERVER, scope_kind=ObserverScope.DEPARTEMENT, scope_code="69"
        ),
        observer_opco=UserFactory(
            role=Role.OBSERVER, scope_kind=ObserverScope.OPCO, scope_rncp_codes=["RNCP99001"]
        ),
        observer_national=UserFactory(observer_national=True),
        admin=UserFactory(admin=True),
        moderator=UserFactory(moderator=True),
        no_role=UserFactory(role=""),
        no_establishment=UserFactory(),
    )
    establishments = SimpleNamespace(a=a, b=b, gestionnaire=gestionnaire, formateur=formateur)
    return SimpleNamespace(formations=formations, users=users, establishments=establishments)


ALL_FORMATIONS = {"a", "b", "b2", "managed", "managed_by_b"}

# Which formations each user may see, by name in `world.formations`.
EXPECTED_FORMATIONS = {
    "staff_a": {"a"},
    "staff_b": {"b", "b2", "managed_by_b"},
    "staff_gestionnaire": {"managed"},
    "staff_formateur": {"managed", "managed_by_b"},
    "observer_region": {"a", "managed"},
    "observer_departement": {"b", "managed_by_b"},
    "observer_opco": {"b"},
    "observer_national": ALL_FORMATIONS,
    "admin": ALL_FORMATIONS,
    "moderator": ALL_FORMATIONS,
    "no_role": set(),
    "no_establishment": set(),
}

# Which establishments each user may see, by name in `world.establishments`.
ALL_ESTABLISHMENTS = {"a", "b", "gestionnaire", "formateur"}
EXPECTED_ESTABLISHMENTS = {
    "staff_a": {"a"},
    "staff_b": {"b", "formateur"},
    "staff_gestionnaire": {"gestionnaire", "formateur"},
    "staff_formateur": {"formateur", "gestionnaire", "b"},
    "observer_region": {"a", "formateur", "gestionnaire"},
    "observer_departement": {"b", "formateur"},
    "observer_opco": {"b"},
    "observer_national": ALL_ESTABLISHMENTS,
    "admin": ALL_ESTABLISHMENTS,
    "moderator": ALL_ESTABLISHMENTS,
    "no_role": set(),
    "no_establishment": set(),
}
