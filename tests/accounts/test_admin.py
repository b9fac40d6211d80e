import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from sirius.accounts.enums import Role
from sirius.accounts.models import FailedLogin, User
from sirius.audit.models import Event
from tests.factories import EstablishmentFactory, FormationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(admin=True))
    return client


class TestAccess:
    @pytest.mark.parametrize(
        "traits",
        [{}, {"moderator": True}, {"observer_national": True}],
    )
    def test_only_admins_get_in(self, client, traits):
        client.force_login(UserFactory(**traits))

        response = client.get(reverse("admin:index"))

        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_admin_gets_in(self, admin_client):
        assert admin_client.get(reverse("admin:index")).status_code == 200

    def test_the_database_refuses_staff_access_to_non_admins(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            UserFactory(role=Role.MODERATOR, is_staff=True)


class TestPages:
    def test_lists_and_change_pages_render(self, admin_client):
        formation = FormationFactory()
        user = UserFactory(establishments=[formation.formateur])
        Event.objects.create(verb="test.verb")
        FailedLogin.objects.create(email="x@example.fr")
        for name in ("referentiel_establishment", "referentiel_formation", "accounts_user"):
            assert admin_client.get(reverse(f"admin:{name}_changelist") + "?q=1").status_code == 200
        assert admin_client.get(reverse("admin:audit_event_changelist")).status_code == 200
        assert admin_client.get(reverse("admin:accounts_failedlogin_changelist")).status_code == 200
        pages = [
            reverse("admin:referentiel_formation_change", args=[formation.pk]),
            reverse("admin:referentiel_establishment_change", args=[formation.formateur.pk]),
            reverse("admin:accounts_user_change", args=[user.pk]),
            reverse("admin:accounts_user_add"),
        ]
        for url in pages:
            assert admin_client.get(url).status_code == 200, url

    def test_audit_log_and_failed_logins_are_read_only(self, admin_client):
        event = Event.objects.create(verb="test.verb")
        failure = FailedLogin.objects.create(email="x@example.fr")

        assert admin_client.get(reverse("admin:audit_event_add")).status_code == 403
        assert (
            admin_client.post(reverse("admin:audit_event_delete", args=[event.pk])).status_code
            == 403
        )
        change = admin_client.post(
            reverse("admin:audit_event_change", args=[event.pk]), {"verb": "autre"}
        )
        assert change.status_code == 403
        assert admin_client.get(reverse("admin:accounts_failedlogin_add")).status_code == 403
        delete = admin_client.post(reverse("admin:accounts_failedlogin_delete", args=[failure.pk]))
        assert delete.status_code == 403
        event.refresh_from_db()
        assert event.verb == "test.verb"

    def test_add_user_applies_the_role_rules(self, admin_client):
        url = reverse("admin:accounts_user_add")
        data = {
            "email": "Nouveau@Example.fr",
            "role": Role.ESTABLISHMENT,
            "usable_password": "false",
            "scope_rncp_codes": "[]",
        }

        refused = admin_client.post(url, data)

        assert refused.status_code == 200
        assert "au moins un établissement" in refused.text
        establishment = EstablishmentFactory()
        accepted = admin_client.post(url, {**data, "establishments": [establishment.pk]})
        assert accepted.status_code == 302
        user = User.objects.get(email="nouveau@example.fr")
        assert list(user.establishments.all()) == [establishment]
        assert not user.is_staff
        assert Event.objects.filter(verb="accounts.user_created", object_id=str(user.pk)).exists()

    def test_promoting_to_admin_gives_staff_access(self, admin_client):
        user = UserFactory(role=Role.MODERATOR)
        response = admin_client.post(
            reverse("admin:accounts_user_change", args=[user.pk]),
            {
                "email": user.email,
                "first_name": "",
                "last_name": "",
                "role": Role.ADMIN,
                "scope_kind": "",
                "scope_code": "",
                "scope_rncp_codes": "[]",
                "is_active": "on",
            },
        )

        assert response.status_code == 302, response.context["adminform"].form.errors
        user.refresh_from_db()
        assert user.is_staff
        assert user.is_superuser
