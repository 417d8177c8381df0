"""MitID Erhverv settings, read from environment variables (README: "MitID Erhverv for company people").

Nothing here is needed: without MITID_ERHVERV_OIDC_DISCOVERY_URL the sign-in is simply off (settings.MITID_ERHVERV
is None) and `make run` works with the demo passwords. With it, the client id and secret are required.
This module imports no models: settings.py calls `settings_from_env`.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

from mentorship.env import env_int, env_str

# The NemLog-in claim names (OIOSAML 3 attribute profile, carried as OpenID Connect claims by NemLog-in and the
# brokers that pass NemLog-in's claims on unchanged). A broker that renames them is configured with the
# MITID_ERHVERV_CLAIM_* variables.
NEMLOGIN_CLAIMS = {
    # The organisation's CVR number (8 digits) in this sign-in. One organisation per sign-in.
    "cvr": "https://data.gov.dk/model/core/eid/professional/cvr",
    # The professional identity's persistent UUID (`urn:uuid:...`): the same for this person in this
    # organisation at every sign-in, shared across public-sector services. What a membership is bound to.
    "persistent_id": "https://data.gov.dk/model/core/eid/professional/uuid/persistent",
    "name": "https://data.gov.dk/model/core/eid/fullName",
    "email": "https://data.gov.dk/model/core/eid/email",
    # NSIS level of assurance of the sign-in: Low, Substantial or High.
    "loa": "https://data.gov.dk/concept/core/nsis/loa",
    "org_name": "https://data.gov.dk/model/core/eid/professional/orgName",
}

# Signature algorithms accepted for the ID token, whatever the provider's metadata offers (never `none`, never
# a shared-secret HMAC): NemLog-in signs with RS256.
ID_TOKEN_ALGORITHMS = ("RS256", "PS256", "ES256")


@dataclass(frozen=True)
class MitIDErhvervSettings:
    discovery_url: str
    client_id: str
    client_secret: str = field(repr=False)
    scopes: str = "openid"
    token_auth_method: str = "client_secret_basic"  # noqa: S105 - the name of a method, not a secret
    timeout_seconds: int = 10
    clock_skew_seconds: int = 60
    claims: dict[str, str] = field(default_factory=lambda: dict(NEMLOGIN_CLAIMS))

    def claim(self, name: str) -> str:
        return self.claims[name]


def settings_from_env() -> MitIDErhvervSettings | None:
    """The configured provider, or None when MITID_ERHVERV_OIDC_DISCOVERY_URL is not set."""
    discovery_url = env_str("MITID_ERHVERV_OIDC_DISCOVERY_URL", None)
    if discovery_url is None:
        return None
    if not discovery_url.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"MITID_ERHVERV_OIDC_DISCOVERY_URL={discovery_url!r} must be an https:// address of the provider's "
            "/.well-known/openid-configuration."
        )
    client_id = env_str("MITID_ERHVERV_OIDC_CLIENT_ID", None)
    client_secret = env_str("MITID_ERHVERV_OIDC_CLIENT_SECRET", None)
    if not client_id or not client_secret:
        raise ImproperlyConfigured(
            "MITID_ERHVERV_OIDC_CLIENT_ID and MITID_ERHVERV_OIDC_CLIENT_SECRET must be set when "
            "MITID_ERHVERV_OIDC_DISCOVERY_URL is."
        )
    scopes = " ".join(env_str("MITID_ERHVERV_OIDC_SCOPES", "openid").split())
    if "openid" not in scopes.split():
        raise ImproperlyConfigured(f"MITID_ERHVERV_OIDC_SCOPES={scopes!r} must include openid.")
    token_auth_method = env_str("MITID_ERHVERV_OIDC_TOKEN_AUTH", "client_secret_basic")
    if token_auth_method not in ("client_secret_basic", "client_secret_post"):
        raise ImproperlyConfigured(
            f"MITID_ERHVERV_OIDC_TOKEN_AUTH={token_auth_method!r} must be client_secret_basic or client_secret_post."
        )
    claims = {
        name: env_str(f"MITID_ERHVERV_CLAIM_{name.upper()}", default) for name, default in NEMLOGIN_CLAIMS.items()
    }
    return MitIDErhvervSettings(
        discovery_url=discovery_url,
        client_id=client_id,
        client_secret=client_secret,
        scopes=scopes,
        token_auth_method=token_auth_method,
        timeout_seconds=env_int("MITID_ERHVERV_OIDC_TIMEOUT_SECONDS", 10, minimum=1, maximum=60),
        clock_skew_seconds=env_int("MITID_ERHVERV_OIDC_CLOCK_SKEW_SECONDS", 60, minimum=0, maximum=300),
        claims=claims,
    )
