from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "citizens"
    verbose_name = _("Borgere")

    def ready(self) -> None:
        from citizens import checks  # noqa: F401  (registers the CPR key check)
