"""Read-only views of the moderation records for admins; decisions are taken in /gestion/."""

from django.contrib import admin

from sirius.admin import ReadOnlyAdminMixin

from .models import Alert, EstablishmentReply, ModerationDecision, Report


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "created_at",
        "verbatim",
        "reply",
        "actor",
        "from_status",
        "to_status",
        "reason",
    )
    list_filter = ("to_status", "reason")
    date_hierarchy = "created_at"
    list_select_related = ("actor", "verbatim", "reply")


@admin.register(EstablishmentReply)
class EstablishmentReplyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "establishment", "author", "status")
    list_filter = ("status",)
    list_select_related = ("establishment", "author")
    exclude = ("analysis",)


@admin.register(Report)
class ReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "source", "reason", "status", "handled_by", "handled_at")
    list_filter = ("status", "source", "reason")
    list_select_related = ("handled_by",)


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "status", "kinds", "assigned_to", "handled_at")
    list_filter = ("status",)
    list_select_related = ("assigned_to",)
