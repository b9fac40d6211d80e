import pytest
from django.core.exceptions import ValidationError

from sirius.accounts.enums import ObserverScope, Role
from sirius.accounts.models import User
from sirius.accounts.services import user_create
from sirius.audit.models import Event
from tests.factories import EstablishmentFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "une-phrase-de-passe-solide"


def messages_of(excinfo, field):
    return excinfo.value.message_dict[field]


class TestUserCreate:
    def test_establishment_staff_by_siret_gets_an_audited_account(self):
        establishment = EstablishmentFactory()
        admin = UserFactory(admin=True)

        user = user_create(
            email="  Direction@CFA.example.FR ",
            role=Role.ESTABLISHMENT,
            password=GOOD_PASSWORD,
            establishments=[establishment.siret],
            acting_user=admin,
        )

        assert user.email == "direction@cfa.example.fr"
        assert list(user.establishments.all()) == [establishment]
        assert user.check_password(GOOD_PASSWORD)
        assert not user.is_staff
        assert not user.is_superuser
        event = Event.objects.get(verb="accounts.user_created")
        assert event.actor == admin
        assert event.object_id == str(user.pk)
        assert event.data["establishments"] == [establishment.siret]

    def test_establishment_instances_are_accepted(self):
        establishment = EstablishmentFactory()

        user = user_create(
            email="a@example.fr", role=Role.ESTABLISHMENT, establishments=[establishment]
        )

        assert list(user.establishments.all()) == [establishment]

    def test_without_password_the_account_has_an_unusable_one(self):
        user = user_create(email="a@example.fr", role=Role.MODERATOR)

        assert not user.has_usable_password()

    def test_admin_gets_the_django_admin(self):
        user = user_create(email="admin@example.fr", role=Role.ADMIN, password=GOOD_PASSWORD)

        assert user.is_staff
        assert user.is_superuser

    def test_establishment_staff_need_an_establishment(self):
        with pytest.raises(ValidationError) as excinfo:
            user_create(email="a@example.fr", role=Role.ESTABLISHMENT)

        assert "au moins un établissement" in messages_of(excinfo, "establishments")[0]

    def test_unknown_siret_is_refused(self):
        with pytest.raises(ValidationError) as excinfo:
            user_create(
                email="a@example.fr", role=Role.ESTABLISHMENT, establishments=["13000000000011"]
            )

        assert "SIRET inconnu" in messages_of(excinfo, "establishments")[0]

    def test_only_establishment_staff_have_establishments(self):
        with pytest.raises(ValidationError) as excinfo:
            user_create(
                email="a@example.fr", role=Role.MODERATOR, establishments=[EstablishmentFactory()]
            )

        assert "establishments" in excinfo.value.message_dict

    def test_duplicate_email_is_refused_ignoring_case(self):
        UserFactory(email="deja@example.fr")

        with pytest.raises(ValidationError) as excinfo:
            user_create(email="DEJA@example.fr", role=Role.MODERATOR)

        assert messages_of(excinfo, "email") == ["Un compte existe déjà avec cette adresse e-mail."]

    def test_invalid_email_and_role_are_refused(self):
        with pytest.raises(ValidationError) as excinfo:
            user_create(email="pas-une-adresse", role="chef")

        assert set(excinfo.value.message_dict) == {"email", "role"}

    def test_weak_password_is_refused_in_french(self):
        with pytest.raises(ValidationError) as excinfo:
            user_create(email="a@example.fr", role=Role.MODERATOR, password="123")

        assert any("court" in message for message in messages_of(excinfo, "password"))

    def test_nothing_is_stored_on_refusal(self):
        with pytest.raises(ValidationError):
            user_create(email="a@example.fr", role=Role.ESTABLISHMENT)

        assert not Event.objects.exists()
        assert not User.objects.exists()


class TestObserverScope:
    @pytest.mark.parametrize(
        ("kind", "code", "rncp", "expected"),
        [
            (ObserverScope.NATIONAL, "", (), ("national", "", [])),
            (ObserverScope.REGION, "11", (), ("region", "11", [])),
            (ObserverScope.DEPARTEMENT, "2a", (), ("departement", "2A", [])),
            (ObserverScope.DEPARTEMENT, "974", (), ("departement", "974", [])),
            (ObserverScope.DEPARTEMENT, "7", (), ("departement", "07", [])),
            (
                ObserverScope.OPCO,
                "",
                ("rncp35001", "35000"),
                ("opco", "", ["RNCP35000", "RNCP35001"]),
            ),
        ],
    )
    def test_valid_scopes(self, kind, code, rncp, expected):
        user = user_create(
            email="obs@example.fr",
            role=Role.OBSERVER,
            scope_kind=kind,
            scope_code=code,
            scope_rncp_codes=rncp,
        )

        assert (user.scope_kind, user.scope_code, user.scope_rncp_codes) == expected

    @pytest.mark.parametrize(
        ("kind", "code", "rncp", "field"),
        [
            ("", "", (), "scope_kind"),
            ("planete", "", (), "scope_kind"),
            (ObserverScope.REGION, "99", (), "scope_code"),
            (ObserverScope.REGION, "", (), "scope_code"),
            (ObserverScope.DEPARTEMENT, "20", (), "scope_code"),
            (ObserverScope.DEPARTEMENT, "99", (), "scope_code"),
            (ObserverScope.DEPARTEMENT, "975", (), "scope_code"),
            (ObserverScope.OPCO, "", (), "scope_rncp_codes"),
            (ObserverScope.OPCO, "", ("RNCP35000", "CFD123"), "scope_rncp_codes"),
            (ObserverScope.NATIONAL, "75", (), "scope_code"),
            (ObserverScope.REGION, "11", ("RNCP35000",), "scope_rncp_codes"),
        ],
    )
    def test_invalid_scopes_are_refused(self, kind, code, rncp, field):
        with pytest.raises(ValidationError) as excinfo:
            user_create(
                email="obs@example.fr",
                role=Role.OBSERVER,
                scope_kind=kind,
                scope_code=code,
                scope_rncp_codes=rncp,
            )

        assert field in excinfo.value.message_dict

    def test_non_observers_have_no_scope(self):
        with pytest.raises(ValidationError) as excinfo:
            user_create(
                email="a@example.fr",
                role=Role.MODERATOR,
                scope_kind=ObserverScope.REGION,
                scope_code="11",
            )

        assert "scope_kind" in excinfo.value.message_dict
