from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Revision og adgangslog")

    def ready(self) -> None:
        # Every app's activity actions (<app>/activity.py), registered before any service can log one.
        autodiscover_modules("activity")
