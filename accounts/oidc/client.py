"""The OpenID Connect client for MitID Erhverv, on Authlib's Django integration.

Authlib does the protocol: the authorisation-code flow with PKCE (S256), `state` and `nonce` kept in the
session, the code exchanged at the token endpoint with the client secret, and the ID token's signature
checked against the provider's JWKS (fetched from its discovery document, fetched again for an unknown key
id), with its issuer, audience, expiry and nonce. What is ours: the settings, the accepted signature
algorithms, and that a token response without an ID token is refused rather than taken on trust.
"""

import threading
import time
from dataclasses import dataclass
from typing import Any

from authlib.integrations.django_client import OAuth  # type: ignore[import-untyped]
from django.conf import settings

from accounts.oidc.config import ID_TOKEN_ALGORITHMS, MitIDErhvervSettings

NAME = "mitid_erhverv"
# The discovery document (endpoints, issuer, JWKS address) is read again after this long, so a provider that
# moves an endpoint or rotates its keys is followed without a restart.
METADATA_MAX_AGE_SECONDS = 6 * 3600

_lock = threading.Lock()
_clients: dict[tuple, Any] = {}


class NoIdToken(Exception):
    """The token endpoint answered without an ID token: nothing proves who signed in."""


@dataclass(frozen=True)
class SignIn:
    """The verified ID token's claims of one sign-in."""

    claims: dict[str, Any]


def configured() -> MitIDErhvervSettings | None:
    return getattr(settings, "MITID_ERHVERV", None)


def _client(config: MitIDErhvervSettings):
    key = (
        config.discovery_url,
        config.client_id,
        config.client_secret,
        config.scopes,
        config.token_auth_method,
        config.timeout_seconds,
    )
    with _lock:
        client = _clients.get(key)
        loaded_at = client.server_metadata.get("_loaded_at") if client is not None else None
        if client is None or (loaded_at is not None and time.time() - loaded_at > METADATA_MAX_AGE_SECONDS):
            registry = OAuth()
            client = registry.register(
                NAME,
                client_id=config.client_id,
                client_secret=config.client_secret,
                server_metadata_url=config.discovery_url,
                client_kwargs={
                    "scope": config.scopes,
                    "code_challenge_method": "S256",
                    "token_endpoint_auth_method": config.token_auth_method,
                    "default_timeout": config.timeout_seconds,
                },
            )
            _clients.clear()
            _clients[key] = client
        return client


def _metadata(client) -> dict:
    metadata = client.load_server_metadata()
    offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    # Only asymmetric signatures: the provider's metadata cannot widen what is accepted.
    metadata["id_token_signing_alg_values_supported"] = [alg for alg in offered if alg in ID_TOKEN_ALGORITHMS]
    return metadata


def authorize_redirect(request, *, redirect_uri: str):
    """The redirect to the provider's authorisation endpoint; state, nonce and PKCE verifier go to the session."""
    config = configured()
    assert config is not None  # noqa: S101 - the views answer 404 before this when it is not configured
    client = _client(config)
    _metadata(client)
    # Authlib makes the state, the nonce (the scope has openid) and the PKCE verifier, and keeps them in the
    # session under the state until the provider sends the person back.
    return client.authorize_redirect(request, redirect_uri)


def complete(request) -> SignIn:
    """Exchanges the code for tokens and verifies the ID token. Raises Authlib's or joserfc's errors for a
    wrong state, an error from the provider, a bad signature, a wrong nonce, issuer or audience, or an expired
    token; `requests`' errors when the provider cannot be reached; NoIdToken for an answer without one."""
    config = configured()
    assert config is not None  # noqa: S101
    client = _client(config)
    _metadata(client)
    token = client.authorize_access_token(request, leeway=config.clock_skew_seconds)
    userinfo = token.get("userinfo")
    if not userinfo:
        raise NoIdToken
    return SignIn(claims=dict(userinfo))
