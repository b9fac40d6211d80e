from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _default_questionnaire_after_migrate(sender, using, **kwargs):
    from .bootstrap import default_questionnaire_ensure

    if using == "default":
        default_questionnaire_ensure()


class QuestionnairesConfig(AppConfig):
    name = "sirius.questionnaires"
    label = "questionnaires"
    verbose_name = "questionnaires"

    def ready(self):
        post_migrate.connect(_default_questionnaire_after_migrate, sender=self)
