from django.contrib import admin

from sirius.admin import ReadOnlyAdminMixin

from .models import Event


@admin.register(Event)
class EventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log is append-only: it can be read here, never written."""

    list_display = ("created_at", "verb", "actor", "object_type", "object_id")
    list_filter = ("verb", "object_type")
    list_select_related = ("actor",)
    search_fields = ("verb", "object_id", "actor__email")
    date_hierarchy = "created_at"
