from django.contrib import admin

from sirius.admin import ReadOnlyAdminMixin

from .models import Email, EmailSuppression


@admin.register(Email)
class EmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "to_address", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("to_address", "subject", "message_id", "idempotency_key")
    date_hierarchy = "created_at"


@admin.register(EmailSuppression)
class EmailSuppressionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "address", "reason", "source")
    list_filter = ("reason",)
    search_fields = ("address",)
