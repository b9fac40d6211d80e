"""The default questionnaire is always in the database, published as version 1.

Migration 0002 loads it on a new database; the post_migrate hook (see apps.py) loads it again
after a `flush` (transactional tests, `manage.py flush`), as Django does for content types.
"""

from django.apps import apps as django_apps
from django.utils import timezone

from .definition import default_definition, definition_errors
from .hashing import definition_hash


def default_questionnaire_ensure(apps=django_apps):
    """Create the default questionnaire and its version 1 when missing; `apps` may be the
    historical registry of a migration."""
    Questionnaire = apps.get_model("questionnaires", "Questionnaire")
    QuestionnaireVersion = apps.get_model("questionnaires", "QuestionnaireVersion")
    definition = default_definition()
    errors = definition_errors(definition)
    if errors:
        raise ValueError("definitions/default.json is invalid: " + "; ".join(errors))
    questionnaire, _ = Questionnaire.objects.get_or_create(
        slug="default", defaults={"title": definition["title"]}
    )
    if not QuestionnaireVersion.objects.filter(questionnaire=questionnaire).exists():
        QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=1,
            definition=definition,
            definition_hash=definition_hash(definition),
            published_at=timezone.now(),
        )
