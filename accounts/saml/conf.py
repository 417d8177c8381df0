"""Staff sign-in through KOMBIT's Context Handler: the environment variables, read once by the settings.

Nothing here imports Django models, so mentorship/settings.py can call `federation_from_environment`. Without
`SAML_IDP_METADATA_FILE` or `SAML_IDP_METADATA_URL` federation is off (`SAML_FEDERATION = None`) and the product
works with local passwords alone, as `make run` does. With one of them, the SP's key and certificate are required.
"""

import shutil
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from mentorship.env import env_int, env_str

# How far the IdP's clock may be from ours when NotBefore / NotOnOrAfter are judged.
DEFAULT_CLOCK_SKEW_SECONDS = 60
MAXIMUM_CLOCK_SKEW_SECONDS = 300


def _readable(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not Path(value).is_file():
        raise ImproperlyConfigured(f"{name}={value!r} is not a readable file.")
    return value


def federation_from_environment(*, site_url: str) -> dict | None:
    """The federation's settings (settings.SAML_FEDERATION), or None when no IdP metadata is configured."""
    metadata_file = _readable("SAML_IDP_METADATA_FILE", env_str("SAML_IDP_METADATA_FILE", None))
    metadata_url = env_str("SAML_IDP_METADATA_URL", None)
    if metadata_file and metadata_url:
        raise ImproperlyConfigured("Set SAML_IDP_METADATA_FILE or SAML_IDP_METADATA_URL, not both.")
    if not (metadata_file or metadata_url):
        return None
    if metadata_url and not metadata_url.startswith("https://"):
        raise ImproperlyConfigured(f"SAML_IDP_METADATA_URL={metadata_url!r} must be an https:// address.")
    key_file = _readable("SAML_SP_KEY_FILE", env_str("SAML_SP_KEY_FILE", None))
    cert_file = _readable("SAML_SP_CERT_FILE", env_str("SAML_SP_CERT_FILE", None))
    if not (key_file and cert_file):
        raise ImproperlyConfigured("SAML_SP_KEY_FILE and SAML_SP_CERT_FILE must be set when SAML federation is on.")
    xmlsec_binary = env_str("SAML_XMLSEC_BINARY", None) or shutil.which("xmlsec1") or "/usr/bin/xmlsec1"
    if not Path(xmlsec_binary).is_file():
        raise ImproperlyConfigured(
            f"SAML federation needs Debian's xmlsec1 (apt-get install xmlsec1); {xmlsec_binary!r} was not found."
        )
    return {
        "idp_metadata_file": metadata_file,
        "idp_metadata_url": metadata_url,
        "idp_metadata_cert_file": _readable(
            "SAML_IDP_METADATA_CERT_FILE", env_str("SAML_IDP_METADATA_CERT_FILE", None)
        ),
        "entity_id": env_str("SAML_SP_ENTITY_ID", f"{site_url}/saml/metadata/"),
        "base_url": site_url,
        "key_file": key_file,
        "cert_file": cert_file,
        "encryption_key_file": _readable("SAML_SP_ENCRYPTION_KEY_FILE", env_str("SAML_SP_ENCRYPTION_KEY_FILE", None))
        or key_file,
        "encryption_cert_file": _readable("SAML_SP_ENCRYPTION_CERT_FILE", env_str("SAML_SP_ENCRYPTION_CERT_FILE", None))
        or cert_file,
        "clock_skew": env_int(
            "SAML_CLOCK_SKEW_SECONDS", DEFAULT_CLOCK_SKEW_SECONDS, minimum=0, maximum=MAXIMUM_CLOCK_SKEW_SECONDS
        ),
        "xmlsec_binary": xmlsec_binary,
    }
