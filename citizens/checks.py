"""System check: the CPR keys in settings must be usable, so a typo stops start-up, not a save."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, register


@register()
def cpr_keys(app_configs, **kwargs):
    errors = []
    for index, key in enumerate(getattr(settings, "CPR_ENCRYPTION_KEYS", [])):
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(
                Error(
                    f"MENTORSHIP_CPR_KEY item {index + 1} is not a Fernet key (32 url-safe base64-encoded bytes).",
                    hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())'",
                    id="citizens.E001",
                )
            )
    if len(getattr(settings, "CPR_HASH_KEY", "") or "") < 16:
        errors.append(Error("MENTORSHIP_CPR_HASH_KEY must be at least 16 characters.", id="citizens.E002"))
    return errors
