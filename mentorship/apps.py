from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

# Third-party apps the admin lists, by their Danish names (an app's name is not part of its migrations,
# unlike a model's; the models' names are translated in locale/da, mentorship/third_party_messages.py).
THIRD_PARTY_APP_NAMES = {
    "axes": _("Loginforsøg og spærringer"),
    "otp_totp": _("Tofaktor (godkendelsesapps)"),
}


class MentorshipAdminConfig(AdminConfig):
    default_site = "mentorship.admin.MentorshipAdminSite"

    def ready(self) -> None:
        super().ready()
        for label, name in THIRD_PARTY_APP_NAMES.items():
            if self.apps.is_installed(label) or label in self.apps.app_configs:
                self.apps.get_app_config(label).verbose_name = name
