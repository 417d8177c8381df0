from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Beskeder")

    def ready(self) -> None:
        # Every app registers its message kinds in <app>/message_kinds.py (see notifications.kinds).
        autodiscover_modules("message_kinds")
        from notifications import digest  # noqa: F401 (registers the daily digest's kind)
