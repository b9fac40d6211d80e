from django.contrib import admin

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The audit log is append-only: it can be read here, never written."""

    list_display = ("created_at", "verb", "actor", "object_type", "object_id")
    list_filter = ("verb", "object_type")
    list_select_related = ("actor",)
    search_fields = ("verb", "object_id", "actor__email")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
