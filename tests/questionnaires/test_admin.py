import pytest
from django.urls import reverse

from sirius.questionnaires.models import QuestionnaireVersion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(admin=True))
    return client


def test_versions_are_read_only_in_the_django_admin(admin_client):
    version = QuestionnaireVersion.objects.get(number=1)

    listing = admin_client.get(reverse("admin:questionnaires_questionnaireversion_changelist"))
    detail = admin_client.get(
        reverse("admin:questionnaires_questionnaireversion_change", args=[version.pk])
    )

    assert listing.status_code == 200
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.text
    add = reverse("admin:questionnaires_questionnaireversion_add")
    assert admin_client.get(add).status_code == 403
    delete = reverse("admin:questionnaires_questionnaireversion_delete", args=[version.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert QuestionnaireVersion.objects.filter(pk=version.pk).exists()


def test_questionnaires_are_listed(admin_client):
    response = admin_client.get(reverse("admin:questionnaires_questionnaire_changelist"))
    assert response.status_code == 200
    assert "default" in response.text
