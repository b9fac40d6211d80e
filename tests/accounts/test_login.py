from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import F
from django.urls import reverse

from sirius.accounts.models import FailedLogin
from sirius.audit.models import Event
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
INCORRECT = "Adresse e-mail ou mot de passe incorrect."


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"email": email, "password": password}, **extra)


def fail(client, email, times):
    for _ in range(times):
        response = sign_in(client, email, "mauvais-mot-de-passe")
        assert response.status_code in (200, 429)


class TestLogin:
    def test_page_shows_a_labelled_form(self, client):
        response = client.get(LOGIN_URL)

        assert response.status_code == 200
        assert '<label for="id_email" class="fr-label">' in response.text
        assert "<legend" in response.text
        assert reverse("accounts:password_reset") in response.text

    def test_success_opens_a_new_session_and_is_audited(self, client):
        user = UserFactory(email="camille@example.fr")
        client.get(LOGIN_URL)
        old_key = client.session.session_key

        response = sign_in(client, "Camille@Example.fr")

        assert response.status_code == 302
        assert response["Location"] == reverse("space:dashboard")
        assert client.session["_auth_user_id"] == str(user.pk)
        assert client.session.session_key != old_key
        assert Event.objects.filter(verb="accounts.login_succeeded", actor=user).exists()

    def test_next_is_followed_only_when_local(self, client):
        UserFactory(email="camille@example.fr")

        response = client.post(
            f"{LOGIN_URL}?next=https://evil.example/",
            {"email": "camille@example.fr", "password": PASSWORD},
        )

        assert response["Location"] == reverse("space:dashboard")

    @pytest.mark.parametrize("email", ["camille@example.fr", "inconnu@example.fr"])
    def test_wrong_password_or_unknown_email_get_the_same_message(self, client, email):
        UserFactory(email="camille@example.fr")

        response = sign_in(client, email, "mauvais-mot-de-passe")

        assert response.status_code == 200
        assert INCORRECT in response.text
        assert "_auth_user_id" not in client.session
        assert FailedLogin.objects.filter(email=email).count() == 1

    def test_inactive_user_cannot_sign_in(self, client):
        UserFactory(email="parti@example.fr", is_active=False)

        response = sign_in(client, "parti@example.fr")

        assert response.status_code == 200
        assert INCORRECT in response.text
        assert "_auth_user_id" not in client.session

    def test_empty_form_shows_an_error_summary(self, client):
        response = client.post(LOGIN_URL, {"email": "", "password": ""})

        assert response.status_code == 200
        assert 'role="alert"' in response.text
        assert "Saisissez votre adresse e-mail." in response.text
        assert not FailedLogin.objects.exists()


class TestThrottling:
    def test_after_max_failures_even_the_right_password_is_refused(self, client):
        UserFactory(email="camille@example.fr")
        fail(client, "camille@example.fr", settings.LOGIN_THROTTLE_MAX_FAILURES)

        response = sign_in(client, "camille@example.fr")

        assert response.status_code == 429
        assert "Trop de tentatives" in response.text
        assert "réessayez à partir de" in response.text
        assert int(response["Retry-After"]) > 0
        assert "_auth_user_id" not in client.session
        assert Event.objects.filter(verb="accounts.login_locked").count() == 1

    def test_one_failure_less_still_lets_the_owner_in(self, client):
        UserFactory(email="camille@example.fr")
        fail(client, "camille@example.fr", settings.LOGIN_THROTTLE_MAX_FAILURES - 1)

        assert sign_in(client, "camille@example.fr").status_code == 302

    def test_another_email_is_not_affected(self, client):
        UserFactory(email="camille@example.fr")
        UserFactory(email="dominique@example.fr")
        fail(client, "camille@example.fr", settings.LOGIN_THROTTLE_MAX_FAILURES)

        assert sign_in(client, "dominique@example.fr").status_code == 302

    def test_lock_ends_with_the_window(self, client):
        UserFactory(email="camille@example.fr")
        fail(client, "camille@example.fr", settings.LOGIN_THROTTLE_MAX_FAILURES)
        assert sign_in(client, "camille@example.fr").status_code == 429

        FailedLogin.objects.update(
            created_at=F("created_at")
            - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS + 1)
        )

        assert sign_in(client, "camille@example.fr").status_code == 302

    def test_old_failures_are_pruned_on_the_next_failure(self, client):
        fail(client, "camille@example.fr", 2)
        FailedLogin.objects.update(
            created_at=F("created_at")
            - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS + 1)
        )

        fail(client, "dominique@example.fr", 1)

        assert list(FailedLogin.objects.values_list("email", flat=True)) == ["dominique@example.fr"]

    def test_success_clears_the_failures_of_the_email(self, client):
        UserFactory(email="camille@example.fr")
        fail(client, "camille@example.fr", settings.LOGIN_THROTTLE_MAX_FAILURES - 1)
        fail(client, "autre@example.fr", 1)

        assert sign_in(client, "camille@example.fr").status_code == 302
        client.logout()
        fail(client, "camille@example.fr", settings.LOGIN_THROTTLE_MAX_FAILURES - 1)

        assert sign_in(client, "camille@example.fr").status_code == 302
        assert FailedLogin.objects.filter(email="autre@example.fr").count() == 1

    def test_one_ip_address_is_limited_across_emails(self, client, settings):
        settings.LOGIN_THROTTLE_MAX_FAILURES = 2
        UserFactory(email="camille@example.fr")
        for number in range(20):
            fail(client, f"essai{number}@example.fr", 1)

        assert sign_in(client, "camille@example.fr").status_code == 429
        other_address = {"REMOTE_ADDR": "192.0.2.7"}
        assert sign_in(client, "camille@example.fr", **other_address).status_code == 302


class TestLogout:
    def test_get_is_refused(self, client):
        client.force_login(UserFactory())

        response = client.get(reverse("accounts:logout"))

        assert response.status_code == 405
        assert "_auth_user_id" in client.session

    def test_post_signs_out(self, client):
        client.force_login(UserFactory())

        response = client.post(reverse("accounts:logout"))

        assert response.status_code == 302
        assert "_auth_user_id" not in client.session
