class ReadOnlyAdminMixin:
    """For append-only records (audit events, failed logins): readable, never written by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
