from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "allin.accounts"
    label = "accounts"
    verbose_name = "Accounts"
