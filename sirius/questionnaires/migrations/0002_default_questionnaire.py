from django.db import migrations
from django.utils import timezone

from sirius.questionnaires.definition import default_definition, definition_errors
from sirius.questionnaires.hashing import definition_hash


def load_default_questionnaire(apps, schema_editor):
    """Every database starts with the default questionnaire published as version 1.

    The definition is read from definitions/default.json as it is when this migration runs; later
    edits of that file go through the back office, which creates new versions.
    """
    Questionnaire = apps.get_model("questionnaires", "Questionnaire")
    QuestionnaireVersion = apps.get_model("questionnaires", "QuestionnaireVersion")
    definition = default_definition()
    errors = definition_errors(definition)
    if errors:
        raise ValueError("definitions/default.json is invalid: " + "; ".join(errors))
    questionnaire, _ = Questionnaire.objects.get_or_create(
        slug="default", defaults={"title": definition["title"]}
    )
    if not questionnaire.versions.exists():
        QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=1,
            definition=definition,
            definition_hash=definition_hash(definition),
            published_at=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0001_initial")]

    operations = [migrations.RunPython(load_default_questionnaire, migrations.RunPython.noop)]
