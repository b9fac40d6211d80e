import pytest
from django.core.management import call_command

from sirius.questionnaires.definition import default_definition
from sirius.questionnaires.models import QuestionnaireVersion


@pytest.mark.django_db(transaction=True)
def test_the_default_questionnaire_comes_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)

    version = QuestionnaireVersion.objects.latest_published()

    assert version.number == 1
    assert version.definition == default_definition()


@pytest.mark.django_db
def test_migrating_again_does_not_add_a_second_version():
    call_command("migrate", verbosity=0)

    assert QuestionnaireVersion.objects.filter(questionnaire__slug="default").count() == 1
