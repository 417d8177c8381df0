"""Staff sign-in through KOMBIT's Context Handler (SAML 2.0, OIOSAML 3): metadata, sign-in, the assertion
consumer, single logout both ways, and the jobcenter admin's switch for local passwords.

Every URL answers 404 while federation is not configured. pysaml2 checks every signature, the audience, the
validity window (with SAML_CLOCK_SKEW_SECONDS) and that the response answers a request we sent; this module adds
the level of assurance, the replay check and the privileges (accounts.saml.services). A refusal is a Danish page
that says what to do (403) and an activity-log entry; nothing else is written for it.
"""

import logging
from datetime import UTC, datetime

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.ident import code as name_id_code
from saml2.ident import decode as name_id_decode
from saml2.metadata import entity_descriptor
from saml2.response import (
    IncorrectlySigned,
    SignatureError,
    StatusError,
    UnsolicitedResponse,
    VerificationError,
)
from saml2.s_utils import success_status_factory
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.sigver import MissingKey, verify_redirect_signature
from saml2.validate import ResponseLifetimeExceed, ToEarly
from saml2.xmldsig import SIG_RSA_SHA256

from accounts.federation import federated_sign_in_mark, level_counts_as_second_factor
from accounts.middleware import two_factor_exempt
from accounts.permissions import ADMINS, role_required
from accounts.saml import client as saml
from accounts.saml import services
from accounts.saml.privileges import PRIVILEGE_ATTRIBUTES, PrivilegeError, parse_privileges
from accounts.saml.services import Assertion, FederationRefused, Refusal
from mentorship.web import safe_next

logger = logging.getLogger(__name__)

# The requests we sent and not yet saw answered, in a signed cookie of their own: the IdP's answer is a
# cross-site POST, on which browsers do not send the Lax session cookie.
REQUESTS_COOKIE = "mentorship_saml"
REQUESTS_SALT = "accounts.saml.requests"
MAX_OUTSTANDING = 5
SESSION_NAME_ID = "saml_name_id"
SESSION_INDEX = "saml_session_index"
SESSION_ISSUER = "saml_issuer"
METHOD = "kombit"


def _enabled_or_404() -> None:
    if not saml.enabled():
        raise Http404


def _outstanding(request: HttpRequest) -> dict[str, str]:
    try:
        value = signing.loads(
            request.COOKIES.get(REQUESTS_COOKIE, ""), salt=REQUESTS_SALT, max_age=saml.REQUEST_LIFETIME_SECONDS
        )
    except signing.BadSignature:
        return {}
    return value if isinstance(value, dict) else {}


def _set_outstanding(response: HttpResponse, requests: dict[str, str]) -> None:
    if not requests:
        response.delete_cookie(REQUESTS_COOKIE, path="/saml/")
        return
    response.set_cookie(
        REQUESTS_COOKIE,
        signing.dumps(requests, salt=REQUESTS_SALT),
        max_age=saml.REQUEST_LIFETIME_SECONDS,
        path="/saml/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        # Over HTTPS the IdP's POST is cross-site and only SameSite=None carries the cookie; plain HTTP (a
        # local test IdP on another port of the same host) is same-site, where Lax is enough.
        samesite="None" if settings.SESSION_COOKIE_SECURE else "Lax",
    )


def _location(info: dict) -> str:
    return dict(info["headers"])["Location"]


@login_not_required
@require_GET
def metadata(request):
    """The SP's metadata for KOMBIT's administration module: entity ID, ACS, SLO and the certificates."""
    _enabled_or_404()
    descriptor = entity_descriptor(saml.sp_config())
    return HttpResponse(str(descriptor).encode(), content_type="application/samlmetadata+xml; charset=utf-8")


@login_not_required
@require_GET
def login(request):
    """Sends the browser to the Context Handler with a signed AuthnRequest (HTTP-Redirect)."""
    _enabled_or_404()
    client = saml.saml_client()
    request_id, info = client.prepare_for_authenticate(
        entityid=saml.idp_entity_id(client),
        binding=BINDING_HTTP_REDIRECT,
        sign=True,
        sigalg=SIG_RSA_SHA256,
        nameid_format=NAMEID_FORMAT_PERSISTENT,
    )
    outstanding = _outstanding(request)
    outstanding[request_id] = safe_next(request, "home")
    response = HttpResponseRedirect(_location(info))
    _set_outstanding(response, dict(list(outstanding.items())[-MAX_OUTSTANDING:]))
    return response


def _refuse(request, reason: str, *, issuer: str = "", detail: str = "", data: dict | None = None):
    logger.warning("SAML sign-in refused: %s (%s)", reason, detail)
    services.refusal_record(reason=reason, issuer=issuer, detail=detail, data=data)
    return render(request, "accounts/saml/refused.html", {"reason": reason, "data": data or {}}, status=403)


def _reason_for(error: Exception) -> str:
    if isinstance(error, UnsolicitedResponse):
        return Refusal.UNSOLICITED
    if isinstance(error, ResponseLifetimeExceed):
        return Refusal.EXPIRED
    if isinstance(error, ToEarly):
        return Refusal.NOT_YET_VALID
    if isinstance(error, StatusError):
        return Refusal.IDP_STATUS
    if isinstance(error, (SignatureError, IncorrectlySigned, MissingKey)):
        return Refusal.SIGNATURE
    if "AudienceRestrictions" in str(error):  # pysaml2 raises a bare Exception for a foreign audience
        return Refusal.AUDIENCE
    if isinstance(error, VerificationError):
        return Refusal.INVALID
    return Refusal.INVALID


def _model_backend() -> str:
    """The configured backend that loads users from the database (the session names it for later requests);
    found rather than named, so a project that swaps ModelBackend for a subclass keeps federated sessions."""
    return next(path for path in settings.AUTHENTICATION_BACKENDS if isinstance(auth.load_backend(path), ModelBackend))


def _first(ava: dict, name: str) -> str:
    values = ava.get(name) or []
    return str(values[0]).strip() if values else ""


def _loa(response) -> str:
    """The NSIS level of assurance: OIOSAML 3's loa attribute, else the AuthnContextClassRef."""
    level = _first(response.ava, saml.LOA_ATTRIBUTE)
    if level:
        return level
    for statement in response.assertion.authn_statement:
        reference = statement.authn_context.authn_context_class_ref if statement.authn_context else None
        if reference is not None and reference.text:
            return reference.text.strip()
    return ""


def _expires_at(response) -> datetime:
    """When the assertion stops being valid (how long its ID must be remembered against a replay)."""
    from saml2.time_util import str_to_time

    candidates = [
        sc.subject_confirmation_data.not_on_or_after
        for sc in response.assertion.subject.subject_confirmation
        if sc.subject_confirmation_data is not None and sc.subject_confirmation_data.not_on_or_after
    ]
    if response.assertion.conditions is not None and response.assertion.conditions.not_on_or_after:
        candidates.append(response.assertion.conditions.not_on_or_after)
    moments = [datetime(*str_to_time(value)[:6], tzinfo=UTC) for value in candidates]
    if not moments:
        raise VerificationError("the assertion has no NotOnOrAfter")
    return max(moments)


@csrf_exempt  # the IdP's POST carries no CSRF token; the signed response, audience and InResponseTo are the check
@login_not_required
@two_factor_exempt
@require_POST
def acs(request):
    """The assertion consumer service: verifies the Context Handler's answer and signs the person in."""
    _enabled_or_404()
    saml_response = request.POST.get("SAMLResponse")
    if not saml_response:
        return HttpResponseBadRequest(_("Der mangler et svar fra identitetsudbyderen."))
    client = saml.saml_client()
    outstanding = _outstanding(request)
    try:
        response = client.parse_authn_request_response(saml_response, BINDING_HTTP_POST, outstanding)
        if response is None or response.assertion is None:
            raise VerificationError("no assertion")
        expires_at = _expires_at(response)
    except Exception as error:
        return _refuse(request, _reason_for(error), detail=f"{type(error).__name__}: {error}")
    issuer = response.issuer()
    if not response.assertion.signature:
        # want_assertions_signed already demands this; a response signed around an unsigned assertion is refused.
        return _refuse(request, Refusal.SIGNATURE, issuer=issuer, detail="assertion not signed")
    level = _loa(response)
    if not level_counts_as_second_factor(level):
        return _refuse(request, Refusal.LOA_TOO_LOW, issuer=issuer, detail=level or "no level of assurance")
    name_id = response.name_id
    if name_id is None or not (name_id.text or "").strip():
        return _refuse(request, Refusal.INVALID, issuer=issuer, detail="no NameID")
    privileges = [value for name in PRIVILEGE_ATTRIBUTES for value in response.ava.get(name, [])]
    try:
        grants = parse_privileges([str(value) for value in privileges])
    except PrivilegeError as error:
        return _refuse(request, Refusal.BAD_PRIVILEGES, issuer=issuer, detail=str(error))
    full_name = " ".join(
        part
        for part in (_first(response.ava, saml.FIRST_NAME_ATTRIBUTE), _first(response.ava, saml.LAST_NAME_ATTRIBUTE))
        if part
    )
    email = _first(response.ava, saml.EMAIL_ATTRIBUTE)
    assertion = Assertion(
        issuer=issuer,
        assertion_id=response.assertion.id,
        expires_at=expires_at,
        name_id=name_id.text.strip(),
        email=email,
        full_name=full_name or email,
        grants=tuple(grants),
    )
    try:
        user = services.federated_sign_in(assertion=assertion)
    except FederationRefused as refusal:
        return _refuse(request, refusal.reason, issuer=issuer, detail=refusal.detail, data=refusal.data)

    previous_session = request.session.session_key
    auth.login(request, user, backend=_model_backend())
    services.federated_session_forget(session_key=previous_session)  # login() gave the session a new key
    federated_sign_in_mark(request, method=METHOD, level=level, subject=assertion.name_id)
    session_index = next((s.session_index for s in response.assertion.authn_statement if s.session_index), "")
    request.session[SESSION_NAME_ID] = name_id_code(name_id)
    request.session[SESSION_INDEX] = session_index or ""
    request.session[SESSION_ISSUER] = issuer
    request.session.save()
    services.federated_session_remember(
        user=user,
        session_key=request.session.session_key,
        issuer=issuer,
        name_id=assertion.name_id,
        session_index=session_index or "",
    )
    target = outstanding.pop(response.in_response_to, "") or settings.LOGIN_REDIRECT_URL
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = settings.LOGIN_REDIRECT_URL
    reply = redirect(target)
    _set_outstanding(reply, outstanding)
    return reply


def is_federated(request: HttpRequest) -> bool:
    return bool(getattr(request, "session", None) and request.session.get(SESSION_NAME_ID))


@require_POST
def logout(request):
    """SP-initiated single logout: ends the session here first, then asks the Context Handler (signed
    LogoutRequest, HTTP-Redirect) to end the person's session there and at other services; the browser is
    sent there by a page of ours (logging_out.html)."""
    _enabled_or_404()
    if not is_federated(request):
        auth.logout(request)
        return redirect(settings.LOGOUT_REDIRECT_URL)
    name_id = name_id_decode(request.session[SESSION_NAME_ID])
    session_index = request.session.get(SESSION_INDEX) or ""
    client = saml.saml_client()
    idp = saml.idp_entity_id(client)
    services.federated_session_forget(session_key=request.session.session_key)
    auth.logout(request)
    destination = next(iter(client.metadata.single_logout_service(idp, BINDING_HTTP_REDIRECT, "idpsso")), None)
    if destination is None:
        return redirect("saml:logged_out")
    _request_id, logout_request = client.create_logout_request(
        destination["location"],
        idp,
        name_id=name_id,
        session_indexes=[session_index] if session_index else None,
        sign=False,
    )
    info = client.apply_binding(
        BINDING_HTTP_REDIRECT, str(logout_request), destination["location"], sign=True, sigalg=SIG_RSA_SHA256
    )
    # A page that moves on by itself, not a redirect: the logout form posts here, and the Content-Security-Policy
    # (form-action 'self') makes the browser refuse a form's redirect to another site.
    return render(request, "accounts/saml/logging_out.html", {"target": _location(info)})


def _verified_redirect_signature(client, data, issuer: str) -> bool:
    if "Signature" not in data or "SigAlg" not in data:
        return False
    message = {
        key: data[key] for key in ("SAMLRequest", "SAMLResponse", "RelayState", "SigAlg", "Signature") if key in data
    }
    certs = client.metadata.certs(issuer, "any", "signing")
    return any(verify_redirect_signature(message, client.sec.sec_backend, cert) for _name, cert in certs)


@csrf_exempt  # the IdP's POST binding carries no CSRF token; the message's signature is the check
@login_not_required
@two_factor_exempt
@require_http_methods(["GET", "POST"])
def slo(request):
    """Single logout service: the IdP's LogoutRequest (IdP-initiated: ends the sessions it names and answers
    with a signed LogoutResponse) or its LogoutResponse to ours."""
    _enabled_or_404()
    data = request.GET if request.method == "GET" else request.POST
    binding = BINDING_HTTP_REDIRECT if request.method == "GET" else BINDING_HTTP_POST
    client = saml.saml_client()
    if "SAMLResponse" in data:
        try:
            client.parse_logout_request_response(data["SAMLResponse"], binding)
        except Exception as error:
            logger.warning("SAML logout response not accepted: %s", error)
        return redirect("saml:logged_out")
    if "SAMLRequest" not in data:
        return HttpResponseBadRequest(_("Der mangler en besked fra identitetsudbyderen."))
    try:
        parsed = client.parse_logout_request(
            data["SAMLRequest"],
            binding,
            relay_state=data.get("RelayState"),
            sigalg=data.get("SigAlg"),
            signature=data.get("Signature"),
        )
        issuer = parsed.message.issuer.text.strip()
        signed = (
            _verified_redirect_signature(client, data, issuer)
            if binding == BINDING_HTTP_REDIRECT
            else parsed.message.signature is not None  # pysaml2 verified the embedded signature it found
        )
    except Exception as error:
        logger.warning("SAML logout request refused: %s", error)
        signed = False
    if not signed:
        services.refusal_record(reason=Refusal.SIGNATURE, detail="logout request not signed by the IdP")
        return render(request, "accounts/saml/refused.html", {"reason": Refusal.SIGNATURE}, status=403)
    message = parsed.message
    ended = services.federated_sessions_end(
        issuer=issuer,
        name_id=(message.name_id.text or "").strip() if message.name_id is not None else "",
        session_indexes=[index.text for index in message.session_index or [] if index.text],
        session_store=import_string(f"{settings.SESSION_ENGINE}.SessionStore"),
    )
    if request.session.session_key in ended:
        request.session.flush()
    logout_response = client.create_logout_response(
        message, [BINDING_HTTP_REDIRECT], status=success_status_factory(), sign=False
    )
    response_args = client.response_args(message, [BINDING_HTTP_REDIRECT])
    info = client.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(logout_response),
        response_args["destination"],
        relay_state=data.get("RelayState", ""),
        response=True,
        sign=True,
        sigalg=SIG_RSA_SHA256,
    )
    return HttpResponseRedirect(_location(info))


@login_not_required
@require_GET
def logged_out(request):
    _enabled_or_404()
    return render(request, "accounts/saml/logged_out.html")


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def local_passwords(request):
    """The jobcenter admin's switch: staff sign in through the Context Handler only, or with passwords too.
    Switching passwords off needs federation configured, the jobcenter's CVR number and the admin's own
    federated sign-in (so the switch cannot lock the jobcenter out)."""
    jobcenter = request.jobcenter
    can_disable = saml.enabled() and bool(jobcenter.cvr) and is_federated(request)
    if request.method == "POST":
        disable = request.POST.get("disabled") == "1"
        if disable and not can_disable:
            messages.error(
                request,
                _(
                    "Lokale adgangskoder kan først slås fra, når du selv er logget ind via "
                    "Fælleskommunal adgangsstyring, og jobcentret har sit CVR-nummer."
                ),
            )
        else:
            services.local_passwords_set(actor=request.user, jobcenter=jobcenter, disabled=disable)
            messages.success(
                request,
                _("Lokale adgangskoder er slået fra.") if disable else _("Lokale adgangskoder er slået til igen."),
            )
        return redirect("saml:local_passwords")
    return render(
        request,
        "accounts/saml/local_passwords.html",
        {"jobcenter": jobcenter, "can_disable": can_disable, "federation": saml.enabled()},
    )
