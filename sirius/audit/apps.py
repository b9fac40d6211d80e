from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sirius.audit"
    label = "audit"
