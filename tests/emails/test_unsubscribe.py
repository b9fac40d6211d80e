import pytest
from django.urls import reverse

from sirius.audit.models import Event
from sirius.emails.enums import EmailStatus, SuppressionReason
from sirius.emails.models import EmailSuppression
from sirius.emails.services import unsubscribe_token

from .helpers import queue_notice

pytestmark = pytest.mark.django_db


def url_for(address):
    return reverse("emails:unsubscribe", kwargs={"token": unsubscribe_token(address)})


class TestUnsubscribePage:
    def test_get_asks_for_confirmation_and_changes_nothing(self, client):
        response = client.get(url_for("lea@example.org"))
        assert response.status_code == 200
        content = response.content.decode()
        assert "lea@example.org" in content
        assert '<button type="submit" class="fr-btn">Je me désinscris</button>' in content
        assert "Tu ne recevras plus aucun e-mail" in content
        assert not EmailSuppression.objects.exists()

    def test_post_from_the_page_suppresses_and_cancels(self, client):
        queued = queue_notice("lea@example.org")
        client_with_csrf = client.__class__(enforce_csrf_checks=True)
        response = client_with_csrf.post(url_for("Lea@example.org"))
        assert response.status_code == 200
        assert "C'est fait" in response.content.decode()
        suppression = EmailSuppression.objects.get()
        assert suppression.address == "lea@example.org"
        assert suppression.reason == SuppressionReason.UNSUBSCRIBED
        assert suppression.source == "unsubscribe_page"
        queued.refresh_from_db()
        assert queued.status == EmailStatus.CANCELLED
        assert Event.objects.filter(verb="email.suppressed").count() == 1

    def test_one_click_post_from_a_mail_client(self, client):
        from django.test import Client

        mail_client = Client(enforce_csrf_checks=True)
        response = mail_client.post(
            url_for("lea@example.org"),
            data="List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert EmailSuppression.objects.get().source == "one_click"
        # Twice is harmless.
        assert mail_client.post(url_for("lea@example.org")).status_code == 200
        assert EmailSuppression.objects.count() == 1

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_invalid_token_is_a_clear_404(self, client, method):
        token = unsubscribe_token("lea@example.org")
        tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
        response = getattr(client, method)(
            reverse("emails:unsubscribe", kwargs={"token": tampered})
        )
        assert response.status_code == 404
        assert "Ce lien ne marche pas" in response.content.decode()
        assert not EmailSuppression.objects.exists()

    def test_a_token_signed_for_something_else_is_refused(self, client):
        from django.core import signing

        token = signing.dumps("lea@example.org", salt="another.purpose")
        response = client.post(reverse("emails:unsubscribe", kwargs={"token": token}))
        assert response.status_code == 404
        assert not EmailSuppression.objects.exists()
