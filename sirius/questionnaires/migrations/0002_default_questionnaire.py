from django.db import migrations

from sirius.questionnaires.bootstrap import default_questionnaire_ensure


def load_default_questionnaire(apps, schema_editor):
    default_questionnaire_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0001_initial")]

    operations = [migrations.RunPython(load_default_questionnaire, migrations.RunPython.noop)]
