"""Every page and action of alerts, replies, reports and indicators: moderators and admins only."""

import pytest
from django.urls import reverse

from sirius.audit.models import Event
from tests.factories import EstablishmentFactory, UserFactory
from tests.www.public.html import links, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(alert, reply, public_report):
    return [
        reverse("backoffice:alert_list"),
        reverse("backoffice:alert_detail", kwargs={"pk": alert.pk}),
        reverse("backoffice:reply_queue"),
        reverse("backoffice:report_queue"),
        reverse("backoffice:moderation_indicators"),
    ]


@pytest.fixture
def actions(alert, reply, public_report):
    return [
        reverse(f"backoffice:{name}", kwargs={"pk": alert.pk})
        for name in ("alert_assign", "alert_annotate", "alert_handle", "alert_dismiss")
    ] + [
        reverse("backoffice:reply_decide", kwargs={"public_id": reply.public_id}),
        reverse("backoffice:report_decide", kwargs={"public_id": public_report.public_id}),
    ]


def test_anonymous_is_sent_to_sign_in(client, pages, actions):
    login = reverse("accounts:login")
    for url in pages + actions:
        response = client.get(url) if url in pages else client.post(url, {"note": "x"})
        assert response.status_code == 302, url
        assert response.url == f"{login}?next={url}"


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: UserFactory(establishments=[EstablishmentFactory()]),
        lambda: UserFactory(observer_national=True),
        lambda: UserFactory(observer_region=True),
    ],
    ids=["establishment", "observer", "observer_region"],
)
def test_other_roles_get_a_403_page_and_change_nothing(client, pages, actions, make_user):
    client.force_login(make_user())
    events = Event.objects.count()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Accès refusé" in texts(response, "h1")
    for url in actions:
        data = {"note": "x", "text": "x", "decision": "published", "status": "dismissed"}
        assert client.post(url, data).status_code == 403, url
    assert Event.objects.count() == events


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_moderators_and_admins_open_every_page(client, pages, role):
    client.force_login(UserFactory(**{role: True}))
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_actions_refuse_get(moderator_client, actions):
    for url in actions:
        assert moderator_client.get(url).status_code == 405, url


def test_unknown_alert_is_a_404(moderator_client):
    url = reverse("backoffice:alert_detail", kwargs={"pk": 999})
    assert moderator_client.get(url).status_code == 404


def test_the_dashboard_links_moderators_to_every_screen(moderator_client):
    hrefs = set(links(moderator_client.get(reverse("space:dashboard"))).values())

    for name in ("alert_list", "reply_queue", "report_queue", "moderation_indicators"):
        assert reverse(f"backoffice:{name}") in hrefs


def test_the_dashboard_does_not_link_establishment_staff(client):
    client.force_login(UserFactory(establishments=[EstablishmentFactory()]))

    content = client.get(reverse("space:dashboard")).content.decode()

    assert reverse("backoffice:alert_list") not in content
