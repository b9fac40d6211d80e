from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sirius.accounts"
    label = "accounts"
