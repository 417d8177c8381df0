from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.saml.services import PASSWORDS_OFF_MESSAGE, password_sign_in_allowed


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form with an e-mail field and Danish messages that never reveal which part was wrong."""

    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    error_messages = {
        "invalid_login": _(
            "E-mail eller adgangskode er forkert. Bemærk, at adgangskoden skelner mellem store og små bogstaver."
        ),
        "inactive": _("Kontoen er deaktiveret."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # A jobcenter admin may switch local passwords off for their staff (accounts.saml): they sign in
        # through KOMBIT's Context Handler instead. Said only after the password proved right.
        if not password_sign_in_allowed(user):
            raise forms.ValidationError(PASSWORDS_OFF_MESSAGE, code="passwords_disabled")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Engangskode"),
        help_text=_("De seks cifre, som din godkendelsesapp viser lige nu."),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={
            "required": _("Skriv engangskoden fra din godkendelsesapp."),
            "min_length": _("Engangskoden består af seks cifre."),
            "max_length": _("Engangskoden består af seks cifre."),
        },
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = list(devices)
        self.device = None

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("Engangskoden består af seks cifre."))
        for device in self.devices:
            allowed, _data = device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(_("For mange forkerte forsøg. Vent lidt, og prøv igen."))
            if device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(_("Engangskoden er forkert eller udløbet. Prøv den nye kode fra appen."))
