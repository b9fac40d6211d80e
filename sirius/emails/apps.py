from django.apps import AppConfig


class EmailsConfig(AppConfig):
    name = "sirius.emails"
    label = "emails"
    verbose_name = "E-mails"
