import re

import pytest
from django.core import mail
from django.urls import reverse

from sirius.accounts.enums import Role
from sirius.accounts.models import FailedLogin
from sirius.accounts.services import user_create
from sirius.audit.models import Event
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "nouvelle-phrase-de-passe-2026"


def reset_link(message):
    url = re.search(r"https?://\S+", message.body).group(0)
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


class TestPasswordReset:
    def test_the_link_lets_the_owner_choose_a_password_and_sign_in(self, client, settings):
        settings.SITE_URL = "https://sirius.example"
        user = UserFactory(email="camille@example.fr")
        FailedLogin.objects.create(email="camille@example.fr", ip_address="127.0.0.1")

        response = client.post(reverse("accounts:password_reset"), {"email": "Camille@example.fr"})

        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_reset_done")
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["camille@example.fr"]
        assert "nouveau mot de passe" in message.subject
        assert message.body.startswith("Bonjour,")
        assert "https://sirius.example/compte/mot-de-passe/nouveau/" in message.body
        assert not message.alternatives  # plain text only

        page = client.get(reset_link(message), follow=True)
        assert page.status_code == 200
        assert page.context["validlink"]
        set_password_url = page.redirect_chain[-1][0]
        done = client.post(
            set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
        assert done.status_code == 302
        assert done["Location"] == reverse("accounts:password_reset_complete")
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        assert Event.objects.filter(verb="accounts.password_reset_completed", actor=user).exists()
        assert not FailedLogin.objects.exists()

        signed_in = client.post(
            reverse("accounts:login"), {"email": "camille@example.fr", "password": NEW_PASSWORD}
        )
        assert signed_in.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

        # The link served once.
        again = client.get(reset_link(message), follow=True)
        assert not again.context["validlink"]
        assert "plus valable" in again.text

    def test_an_account_created_without_password_can_choose_one(self, client):
        user_create(email="nouveau@example.fr", role=Role.MODERATOR)

        client.post(reverse("accounts:password_reset"), {"email": "nouveau@example.fr"})

        assert len(mail.outbox) == 1

    @pytest.mark.parametrize("email", ["inconnu@example.fr", "parti@example.fr"])
    def test_unknown_or_inactive_address_gets_the_same_page_and_no_email(self, client, email):
        UserFactory(email="parti@example.fr", is_active=False)
        known = UserFactory(email="camille@example.fr")

        unknown_response = client.post(reverse("accounts:password_reset"), {"email": email})
        known_response = client.post(reverse("accounts:password_reset"), {"email": known.email})

        assert unknown_response.status_code == known_response.status_code == 302
        assert unknown_response["Location"] == known_response["Location"]
        assert [message.to for message in mail.outbox] == [[known.email]]

    def test_done_page_does_not_tell_whether_the_account_exists(self, client):
        response = client.get(reverse("accounts:password_reset_done"))

        assert "Si l'adresse saisie correspond à un compte actif" in response.text


class TestPasswordChange:
    def test_requires_sign_in(self, client):
        response = client.get(reverse("accounts:password_change"))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))

    def test_change_keeps_the_session_and_is_audited(self, client):
        user = UserFactory()
        client.force_login(user)

        response = client.post(
            reverse("accounts:password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )

        assert response.status_code == 302
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        assert client.get(reverse("space:dashboard")).status_code == 200
        assert Event.objects.filter(verb="accounts.password_changed", actor=user).exists()

    def test_wrong_old_password_is_refused(self, client):
        user = UserFactory()
        client.force_login(user)

        response = client.post(
            reverse("accounts:password_change"),
            {
                "old_password": "faux",
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )

        assert response.status_code == 200
        assert 'role="alert"' in response.text
        user.refresh_from_db()
        assert user.check_password(PASSWORD)
