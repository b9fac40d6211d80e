from django.contrib import admin, messages

from .keys import api_key_revoke
from .models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are created by `manage.py create_api_key` (the key is shown once, there); here they
    are listed and revoked."""

    list_display = ["partner", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["partner", "name", "prefix"]
    fields = ["partner", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Révoquer les clés sélectionnées")
    def revoke(self, request, queryset):
        for api_key in queryset.active():
            api_key_revoke(api_key=api_key, actor=request.user)
        messages.success(request, "Clés révoquées : elles sont refusées dès maintenant.")
