"""A small OpenID Connect provider that stands in for MitID Erhverv (NemLog-in or a broker) on this machine.

For the tests and for trying the sign-in locally (`manage.py mitid_erhverv_test_provider`); never for
production. It speaks the real protocol over HTTP on the loopback address: a discovery document, a JWKS with
an RSA key generated at start, an authorisation endpoint that demands PKCE (S256), state and nonce, a token
endpoint that checks the client secret and the PKCE verifier and answers with a signed ID token carrying
NemLog-in's claims. Tests choose who signs in (`provider.person = ...`) and can make it misbehave
(`provider.faults`): sign with another key, send another nonce, an expired token, another audience.
"""

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from joserfc import jwt
from joserfc.jwk import RSAKey

from accounts.oidc.config import NEMLOGIN_CLAIMS

FAULTS = frozenset({"bad_signature", "wrong_nonce", "expired", "wrong_audience", "no_id_token", "low_level"})


@dataclass
class Person:
    """Someone who signs in with MitID Erhverv: the professional identity in one organisation."""

    persistent_id: str
    cvr: str
    name: str
    email: str
    org_name: str = ""
    level: str = "Substantial"

    def claims(self) -> dict[str, Any]:
        return {
            NEMLOGIN_CLAIMS["persistent_id"]: self.persistent_id,
            NEMLOGIN_CLAIMS["cvr"]: self.cvr,
            NEMLOGIN_CLAIMS["name"]: self.name,
            NEMLOGIN_CLAIMS["email"]: self.email,
            NEMLOGIN_CLAIMS["org_name"]: self.org_name,
            NEMLOGIN_CLAIMS["loa"]: self.level,
            "https://data.gov.dk/model/core/specVersion": "OIO-SAML-3.0",
        }


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    code_challenge: str
    person: Person
    issued_at: float


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode("ascii")


@dataclass
class TestProvider:
    client_id: str = "mentorordning-test"
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24), repr=False)
    host: str = "127.0.0.1"
    port: int = 0
    # Who signs in at the next authorisation request (tests). With None, the authorisation endpoint shows a
    # page to pick one of `people` (the local command).
    person: Person | None = None
    people: list[Person] = field(default_factory=list)
    faults: set[str] = field(default_factory=set)
    # Every token request the provider answered, for tests that look at what the client sent.
    token_requests: list[dict[str, str]] = field(default_factory=list)

    __test__ = False  # not a pytest test class

    def __post_init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key-1", "use": "sig", "alg": "RS256"})
        self._grants: dict[str, _Grant] = {}
        self._pending: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None

    # --- running ---------------------------------------------------------------------------------------
    def start(self) -> "TestProvider":
        self._server = make_server(self.host, self.port, self._app, _ThreadingServer, _QuietHandler)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, name="oidc-test-provider", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "TestProvider":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def issuer(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    # --- the protocol ----------------------------------------------------------------------------------
    def _app(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        query = {key: values[0] for key, values in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode("utf-8")).items()}
        else:
            form = {}
        routes = {
            ("GET", "/.well-known/openid-configuration"): lambda: self._discovery(),
            ("GET", "/jwks"): lambda: self._json({"keys": [self.key.as_dict(private=False)]}),
            ("GET", "/authorize"): lambda: self._authorize(query),
            ("POST", "/authorize"): lambda: self._authorize_chosen(form),
            ("POST", "/token"): lambda: self._token(environ, form),
            # A browser asks for it; a 404 would show as an error in its console.
            ("GET", "/favicon.ico"): lambda: ("204 No Content", [], b""),
        }
        handler = routes.get((method, path))
        status, headers, body = handler() if handler else ("404 Not Found", [("Content-Type", "text/plain")], b"")
        start_response(status, headers)
        return [body]

    def _json(self, data: dict, status: str = "200 OK"):
        return status, [("Content-Type", "application/json"), ("Cache-Control", "no-store")], json.dumps(data).encode()

    def _error(self, error: str, status: str = "400 Bad Request"):
        return self._json({"error": error}, status)

    def _discovery(self):
        return self._json(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "scopes_supported": ["openid"],
            }
        )

    def _check_authorization_request(self, query: dict[str, str]) -> str | None:
        if query.get("client_id") != self.client_id:
            return "unauthorized_client"
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            return "invalid_request"
        if not query.get("state") or not query.get("nonce") or not query.get("redirect_uri"):
            return "invalid_request"
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return "invalid_request"  # PKCE is required, and only S256
        return None

    def _authorize(self, query: dict[str, str]):
        problem = self._check_authorization_request(query)
        if problem:
            return self._error(problem)
        if self.person is not None:
            return self._redirect_with_code(query, self.person)
        # The local command: a page to pick who signs in.
        ticket = secrets.token_urlsafe(16)
        with self._lock:
            self._pending[ticket] = query
        options = "".join(
            f'<p><button type="submit" name="person" value="{index}">{html.escape(person.name)} – '
            f"{html.escape(person.org_name)} (CVR {html.escape(person.cvr)})</button></p>"
            for index, person in enumerate(self.people)
        )
        page = (
            '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Test-MitID Erhverv</title></head>'
            "<body><h1>Test-MitID Erhverv</h1><p>Lokal testudbyder – ikke rigtig MitID. Vælg, hvem der logger ind:"
            f'</p><form method="post" action="/authorize"><input type="hidden" name="ticket" value="{ticket}">'
            f'{options}<p><button type="submit" name="person" value="cancel">Afbryd</button></p></form></body></html>'
        )
        return "200 OK", [("Content-Type", "text/html; charset=utf-8")], page.encode("utf-8")

    def _authorize_chosen(self, form: dict[str, str]):
        with self._lock:
            query = self._pending.pop(form.get("ticket", ""), None)
        if query is None:
            return self._error("invalid_request")
        choice = form.get("person", "")
        if choice == "cancel":
            target = f"{query['redirect_uri']}?{urlencode({'error': 'access_denied', 'state': query['state']})}"
            return "302 Found", [("Location", target)], b""
        if not choice.isdigit() or int(choice) >= len(self.people):
            return self._error("invalid_request")
        return self._redirect_with_code(query, self.people[int(choice)])

    def _redirect_with_code(self, query: dict[str, str], person: Person):
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = _Grant(
                client_id=query["client_id"],
                redirect_uri=query["redirect_uri"],
                nonce=query["nonce"],
                code_challenge=query["code_challenge"],
                person=person,
                issued_at=time.time(),
            )
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        return "302 Found", [("Location", target)], b""

    def _client_credentials(self, environ, form: dict[str, str]) -> tuple[str, str]:
        header = environ.get("HTTP_AUTHORIZATION", "")
        if header.startswith("Basic "):
            from urllib.parse import unquote

            client_id, _, secret = base64.b64decode(header[6:]).decode("utf-8").partition(":")
            return unquote(client_id), unquote(secret)
        return form.get("client_id", ""), form.get("client_secret", "")

    def _token(self, environ, form: dict[str, str]):
        self.token_requests.append(dict(form))
        client_id, secret = self._client_credentials(environ, form)
        if client_id != self.client_id or not secrets.compare_digest(secret, self.client_secret):
            return self._error("invalid_client", "401 Unauthorized")
        if form.get("grant_type") != "authorization_code":
            return self._error("unsupported_grant_type")
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)  # a code works once
        if grant is None or time.time() - grant.issued_at > 60:
            return self._error("invalid_grant")
        if form.get("redirect_uri") != grant.redirect_uri:
            return self._error("invalid_grant")
        if _s256(form.get("code_verifier", "")) != grant.code_challenge:
            return self._error("invalid_grant")  # the PKCE verifier does not match the challenge
        answer: dict[str, Any] = {"access_token": secrets.token_urlsafe(24), "token_type": "Bearer", "expires_in": 300}
        if "no_id_token" not in self.faults:
            answer["id_token"] = self._id_token(grant)
        return self._json(answer)

    def _id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": grant.person.persistent_id,
            "aud": "someone-else" if "wrong_audience" in self.faults else grant.client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
            "nonce": "not-the-nonce-you-sent" if "wrong_nonce" in self.faults else grant.nonce,
            **grant.person.claims(),
        }
        if "wrong_audience" in self.faults:
            claims["azp"] = "someone-else"
        if "expired" in self.faults:
            claims["iat"], claims["exp"] = now - 3600, now - 1800
        if "low_level" in self.faults:
            claims[NEMLOGIN_CLAIMS["loa"]] = "Low"
        key = self.key
        if "bad_signature" in self.faults:
            # Another key under the same key id: the signature does not verify with the published key.
            key = RSAKey.generate_key(2048, parameters={"kid": "test-key-1", "use": "sig", "alg": "RS256"})
        return jwt.encode({"alg": "RS256", "kid": "test-key-1"}, claims, key)


def callback_query(location: str) -> str:
    """The path and query of a redirect back to the site (what the browser would request next)."""
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"
