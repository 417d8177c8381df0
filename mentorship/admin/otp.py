"""django-otp's admin for authenticator apps (TOTP devices), in Danish.

django-otp marks none of its field names, help texts, fieldset titles or column headers for translation, so no
catalogue can reach them. The model is left as it is (its fields are part of django-otp's migrations); this
subclass of django-otp's own ModelAdmin gives the Danish text on the admin's side: labels and help texts through
the form, the fieldset titles, the list's columns and the filters' titles. Everything else is django-otp's:
which fields hide the secret key, the QR-code pages and their permission checks, and Django's permission rows,
which only the platform superuser has (tests/test_admin_matrix.py).

Registered by accounts/admin.py, which replaces django-otp's registration on the admin site.
"""

from django.contrib import admin
from django.contrib.admin.filters import BooleanFieldListFilter, DateFieldListFilter, FieldListFilter
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as OTPTOTPDeviceAdmin

# Label and help text of every field of the device, by field name. The help texts say what the field means
# here, in the product's words: a device is a user's authenticator app.
LABELS = {
    "user": _("Bruger"),
    "name": _("Navn"),
    "confirmed": _("Bekræftet"),
    "created_at": _("Oprettet"),
    "last_used_at": _("Sidst brugt"),
    "key": _("Nøgle"),
    "step": _("Tidsinterval"),
    "t0": _("Starttidspunkt"),
    "digits": _("Cifre"),
    "tolerance": _("Tilladt forskydning"),
    "drift": _("Urets afvigelse"),
    "last_t": _("Senest brugte tidsinterval"),
    "throttling_failure_timestamp": _("Seneste forkerte kode"),
    "throttling_failure_count": _("Forkerte koder i træk"),
    "qrcode_link": _("QR-kode"),
}
HELP_TEXTS = {
    "user": _("Brugeren, som godkendelsesappen hører til."),
    "name": _("Godkendelsesappens navn, som brugeren ser det."),
    "confirmed": _("Godkendelsesappen er klar til brug."),
    "created_at": _("Hvornår godkendelsesappen blev oprettet."),
    "last_used_at": _("Hvornår godkendelsesappen sidst blev brugt til at logge ind."),
    "key": _("Den hemmelige nøgle i hex-format (højst 40 bytes)."),
    "step": _("Hvor mange sekunder hver kode gælder."),
    "t0": _("Unix-tidspunktet, hvorfra tidsintervallerne tælles."),
    "digits": _("Hvor mange cifre en kode har."),
    "tolerance": _("Hvor mange tidsintervaller før eller efter det aktuelle en kode må høre til."),
    "drift": _("Hvor mange tidsintervaller appens ur vides at gå forkert."),
    "last_t": _("Tidsintervallet for den seneste godkendte kode. Den næste kode skal høre til et senere."),
    "throttling_failure_timestamp": _(
        "Hvornår der sidst blev indtastet en forkert kode. Efter forkerte koder må brugeren vente, før der kan "
        "prøves igen."
    ),
    "throttling_failure_count": _("Hvor mange forkerte koder der er indtastet i træk."),
}
# django-otp's fieldset titles, in the order get_fieldsets gives them.
FIELDSET_TITLES = {
    "Identity": _("Identitet"),
    "Timestamps": _("Tidspunkter"),
    "Configuration": _("Opsætning"),
    "State": _("Tilstand"),
    "Throttling": _("Forkerte koder"),
}


def titled(base: type[FieldListFilter], title) -> type[FieldListFilter]:
    """`base` (a filter of one field) under the Danish `title` instead of the field's English name."""

    class TitledFilter(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    TitledFilter.__name__ = TitledFilter.__qualname__ = f"Titled{base.__name__}"
    return TitledFilter


class TOTPDeviceAdmin(OTPTOTPDeviceAdmin):
    list_display = ["user_column", "name_column", "created_column", "last_used_column", "confirmed_column"]
    list_filter = [
        ("created_at", titled(DateFieldListFilter, LABELS["created_at"])),
        ("last_used_at", titled(DateFieldListFilter, LABELS["last_used_at"])),
        ("confirmed", titled(BooleanFieldListFilter, LABELS["confirmed"])),
    ]
    list_display_links = ["user_column"]
    search_help_text = _("Søg på brugerens e-mail")

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["labels"] = {**LABELS, **(kwargs.get("labels") or {})}
        kwargs["help_texts"] = {**HELP_TEXTS, **(kwargs.get("help_texts") or {})}
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        """django-otp's fieldsets (which hide the key once the device exists), under Danish titles."""
        return [
            (FIELDSET_TITLES.get(title, title) if title else title, options)
            for title, options in super().get_fieldsets(request, obj)
        ]

    # --- columns ----------------------------------------------------------------------------------------

    @admin.display(description=LABELS["user"], ordering="user__email")
    def user_column(self, device):
        return device.user

    @admin.display(description=LABELS["name"], ordering="name")
    def name_column(self, device):
        return device.name

    @admin.display(description=LABELS["created_at"], ordering="created_at")
    def created_column(self, device):
        return device.created_at

    @admin.display(description=LABELS["last_used_at"], ordering="last_used_at")
    def last_used_column(self, device):
        return device.last_used_at

    @admin.display(description=LABELS["confirmed"], ordering="confirmed", boolean=True)
    def confirmed_column(self, device):
        return device.confirmed

    @admin.display(description=LABELS["qrcode_link"])
    def qrcode_link(self, device):
        """django-otp's link to the device's QR code, with a Danish link text."""
        if device.pk is None:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse(f"{self.admin_site.name}:otp_totp_totpdevice_config", kwargs={"pk": device.pk}),
            _("Vis QR-kode"),
        )
