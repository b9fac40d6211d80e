from django.urls import include, path

from . import questionnaires

app_name = "backoffice"

VERSION = "questionnaires/<slug:slug>/versions/<int:number>/"

urlpatterns = [
    # Moderators and admins: the queue of texts (moderation/), alerts, replies, reports and
    # indicators (alerts/).
    path("moderation/", include("sirius.www.backoffice.moderation.urls")),
    path("moderation/", include("sirius.www.backoffice.alerts.urls")),
    path("questionnaires/", questionnaires.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/schema.json", questionnaires.schema_download, name="schema_download"),
    path(
        "questionnaires/<slug:slug>/importer/",
        questionnaires.version_upload,
        name="version_upload",
    ),
    path(VERSION, questionnaires.version_detail, name="version_detail"),
    path(f"{VERSION}publier/", questionnaires.version_publish, name="version_publish"),
    path(f"{VERSION}supprimer/", questionnaires.version_delete, name="version_delete"),
    path(f"{VERSION}definition.json", questionnaires.version_download, name="version_download"),
]
