from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

# Third-party apps the admin lists, by their Danish names (an app's name is not part of its migrations,
# unlike a model's; the models' names are translated in locale/da, mentorship/third_party_messages.py).
THIRD_PARTY_APP_NAMES = {
    "axes": _("Loginforsøg og spærringer"),
    "otp_totp": _("Tofaktor (godkendelsesapps)"),
    "otp_static": _("Tofaktor (reservekoder)"),
    "otp_email": _("Tofaktor (koder på e-mail)"),
}
# Third-party models whose names their app does not mark for translation (django-otp writes "TOTP device"),
# so no catalogue can reach them: (singular, plural) by (app label, model name). Set on the model's options at
# start-up; a model's migrations read the options it was declared with (`Options.original_attrs`), so this
# changes what Django admin shows and no migration.
THIRD_PARTY_MODEL_NAMES = {
    ("otp_totp", "totpdevice"): (_("godkendelsesapp"), _("godkendelsesapps")),
    ("otp_static", "staticdevice"): (_("liste med reservekoder"), _("lister med reservekoder")),
    ("otp_static", "statictoken"): (_("reservekode"), _("reservekoder")),
    ("otp_email", "emaildevice"): (_("kode på e-mail"), _("koder på e-mail")),
}


class MentorshipAdminConfig(AdminConfig):
    default_site = "mentorship.admin.MentorshipAdminSite"

    def ready(self) -> None:
        super().ready()
        for label, name in THIRD_PARTY_APP_NAMES.items():
            if self.apps.is_installed(label) or label in self.apps.app_configs:
                self.apps.get_app_config(label).verbose_name = name
        for (label, model_name), (singular, plural) in THIRD_PARTY_MODEL_NAMES.items():
            if label in self.apps.app_configs:
                options = self.apps.get_model(label, model_name)._meta
                options.verbose_name, options.verbose_name_plural = singular, plural
