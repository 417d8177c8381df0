from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MitIDErhvervConfig(AppConfig):
    """Its own app (label `mitid_erhverv`) so its model and migrations stay apart from accounts'."""

    name = "accounts.oidc"
    label = "mitid_erhverv"
    verbose_name = _("MitID Erhverv")

    def ready(self) -> None:
        from accounts.oidc import activity, checks  # noqa: F401 - registers the actions and the system checks
