from django.contrib import admin

from sirius.admin import ReadOnlyAdminMixin

from .models import Questionnaire, QuestionnaireVersion


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: versions are uploaded and published in the back office (/gestion/)."""

    list_display = ("slug", "title", "created_at")
    search_fields = ("slug", "title")


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Versions are immutable: read here, created and published through the services."""

    list_display = ("questionnaire", "number", "published_at", "published_by", "created_at")
    list_filter = ("questionnaire",)
    list_select_related = ("questionnaire", "published_by")
    readonly_fields = (
        "questionnaire",
        "number",
        "definition",
        "definition_hash",
        "created_at",
        "created_by",
        "published_at",
        "published_by",
    )
