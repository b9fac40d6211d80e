from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    name = "sirius.questionnaires"
    label = "questionnaires"
    verbose_name = "questionnaires"
