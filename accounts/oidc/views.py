"""MitID Erhverv sign-in: the start (from the login page or a leader's invitation), the provider's return, and
the Danish page for every refusal. All three answer 404 while MitID Erhverv is not configured."""

import logging

import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import load_backend, login
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_scopes import scopes_disabled
from joserfc.errors import JoseError

from accounts.federation import federated_sign_in_mark
from accounts.oidc import client, services
from accounts.oidc.services import Refusal
from accounts.tenancy import SESSION_KEY as MEMBERSHIP_SESSION_KEY
from mentorship.ratelimit import over_limit

logger = logging.getLogger(__name__)

INVITATION_SESSION_KEY = "mitid_erhverv_invitation"
METHOD = "mitid_erhverv"
# Sign-in attempts (starts and returns) per client address: a person needs a few; a script hammering the return
# address would fill the activity log with refusals and keep the provider busy.
RATE_LIMIT = 30
RATE_WINDOW_SECONDS = 600

# Every refusal: (HTTP status, headline, what the person should do). The texts name no technical cause.
_CONTACT = gettext_lazy("Kontakt jobcentret, hvis du mener, det er en fejl.")
REFUSALS = {
    "wrong_cvr": (
        403,
        gettext_lazy("Du er logget ind for en anden virksomhed"),
        gettext_lazy(
            "Du loggede ind med MitID Erhverv for CVR-nummer %(cvr)s, men din adgang til portalen gælder en "
            "anden virksomhed. Log ind igen, og vælg den virksomhed, som jobcentret har inviteret dig for. "
            "Hvis du ikke længere er ansat i virksomheden, har du ikke adgang."
        ),
    ),
    "revoked": (
        403,
        gettext_lazy("Din adgang til portalen er fjernet"),
        gettext_lazy(
            "Din adgang som leder i portalen er taget fra dig. Bed jobcentret om en ny invitation, hvis du "
            "stadig skal bruge portalen."
        ),
    ),
    "unknown": (
        403,
        gettext_lazy("Vi kender ikke dit MitID Erhverv"),
        gettext_lazy(
            "Dit MitID Erhverv er ikke knyttet til en virksomhed i Mentorordning. Første gang logger du ind via "
            "linket i invitationen fra jobcentret. Har du ingen invitation, så bed jobcentret om en."
        ),
    ),
    "login_required": (
        403,
        gettext_lazy("Log ind med din adgangskode først"),
        gettext_lazy(
            "Der findes allerede en bruger med den e-mail, invitationen er sendt til. Log ind med e-mail, "
            "adgangskode og godkendelsesapp, og åbn derefter linket i invitationen igen."
        ),
    ),
    "bound_elsewhere": (
        403,
        gettext_lazy("Dit MitID Erhverv bruges allerede af en anden bruger"),
        gettext_lazy(
            "Dit MitID Erhverv er allerede knyttet til en anden bruger i Mentorordning. Bed jobcentret om at "
            "sende invitationen til den e-mail, du allerede bruger i portalen."
        ),
    ),
    "membership_bound_elsewhere": (
        403,
        gettext_lazy("Adgangen er knyttet til et andet MitID Erhverv"),
        gettext_lazy(
            "Din adgang til virksomheden er allerede knyttet til et andet MitID Erhverv. Log ind med det, eller "
            "kontakt jobcentret."
        ),
    ),
    "not_professional": (
        403,
        gettext_lazy("Log ind med MitID Erhverv"),
        gettext_lazy(
            "Du loggede ind uden en erhvervsidentitet. Log ind igen med MitID Erhverv for den virksomhed, "
            "jobcentret har inviteret dig for – ikke med dit private MitID."
        ),
    ),
    "no_cvr": (
        403,
        gettext_lazy("Vi fik ikke virksomhedens CVR-nummer"),
        gettext_lazy(
            "MitID Erhverv oplyste ikke, hvilken virksomhed du loggede ind for. Log ind igen, og vælg "
            "virksomheden. Hvis det sker igen, så kontakt jobcentret."
        ),
    ),
    "level": (
        403,
        gettext_lazy("Dit login var ikke sikkert nok"),
        gettext_lazy(
            "Portalen viser oplysninger om borgere og kræver et login på sikringsniveau betydelig. Log ind igen "
            "med MitID-appen eller en kodeviser."
        ),
    ),
    "inactive": (
        403,
        gettext_lazy("Din bruger er lukket"),
        gettext_lazy("Din bruger i Mentorordning er lukket. Kontakt jobcentret."),
    ),
    "administrator": (
        403,
        gettext_lazy("Log ind med din adgangskode"),
        gettext_lazy(
            "Din bruger har adgang til administrationen og logger derfor ind med e-mail, adgangskode og "
            "godkendelsesapp, ikke med MitID Erhverv."
        ),
    ),
    "invitation_unknown": (
        404,
        gettext_lazy("Invitationen findes ikke"),
        gettext_lazy("Linket findes ikke. Tjek, at du har kopieret hele linket fra e-mailen."),
    ),
    "invitation_expired": (
        410,
        gettext_lazy("Invitationen er udløbet"),
        gettext_lazy("Linket er udløbet. Bed jobcentret om at sende en ny invitation."),
    ),
    "invitation_used": (
        410,
        gettext_lazy("Invitationen er allerede brugt"),
        gettext_lazy("Linket er allerede brugt. Log ind med MitID Erhverv fra siden Log ind."),
    ),
    "invitation_revoked": (
        410,
        gettext_lazy("Invitationen er trukket tilbage"),
        gettext_lazy("Jobcentret har trukket invitationen tilbage. Kontakt jobcentret, hvis det er en fejl."),
    ),
    "invitation_other_role": (
        409,
        gettext_lazy("Du har allerede en anden rolle"),
        gettext_lazy("Din bruger har allerede en anden rolle i dette jobcenter. Kontakt jobcentret."),
    ),
    "cancelled": (
        400,
        gettext_lazy("Login blev afbrudt"),
        gettext_lazy("Du afbrød login med MitID Erhverv. Prøv igen, når du er klar."),
    ),
    "state": (
        400,
        gettext_lazy("Login kunne ikke gennemføres"),
        gettext_lazy(
            "Svaret fra MitID Erhverv hørte ikke til et login, der var startet her, eller det var for gammelt. "
            "Start forfra fra siden Log ind. Brug kun ét browservindue til at logge ind."
        ),
    ),
    "token": (
        400,
        gettext_lazy("Login kunne ikke bekræftes"),
        gettext_lazy(
            "Vi kunne ikke bekræfte svaret fra MitID Erhverv, så du er ikke logget ind. Start forfra fra siden "
            "Log ind. Hvis det sker igen, så kontakt jobcentret."
        ),
    ),
    "provider_error": (
        502,
        gettext_lazy("MitID Erhverv svarede med en fejl"),
        gettext_lazy("Login med MitID Erhverv lykkedes ikke. Prøv igen om lidt."),
    ),
    "too_many": (
        429,
        gettext_lazy("For mange forsøg"),
        gettext_lazy("Der er forsøgt at logge ind herfra mange gange på kort tid. Vent 10 minutter, og prøv igen."),
    ),
    "unavailable": (
        503,
        gettext_lazy("MitID Erhverv svarer ikke"),
        gettext_lazy("Vi kan ikke få forbindelse til MitID Erhverv lige nu. Prøv igen om lidt."),
    ),
}


def _configured():
    config = client.configured()
    if config is None:
        raise Http404
    return config


def _throttled(request):
    """The "too many attempts" page once this client has started or returned from too many sign-ins, else None.
    Not written to the activity log per request (that is what it protects); a warning goes to the server log."""
    if not over_limit(request, "mitid_erhverv", limit=RATE_LIMIT, window=RATE_WINDOW_SECONDS):
        return None
    logger.warning("MitID Erhverv: too many sign-in attempts from one client; refused for a while")
    return refused(request, "too_many", record=False)


def _callback_uri(request) -> str:
    # The address registered with the broker: this host's (so the session cookie that holds the state comes
    # back), https behind the proxy (DJANGO_BEHIND_PROXY).
    return request.build_absolute_uri(reverse("accounts:mitid_erhverv:callback"))


def refused(request, reason: str, *, jobcenter=None, data: dict | None = None, record: bool = True):
    """The Danish page for a refused sign-in, with its audit entry (accounts.mitid_erhverv.refused)."""
    status, title, text = REFUSALS[reason]
    if record:
        services.refusal_record(reason=reason, jobcenter=jobcenter, data=data)
    context = {"title": title, "text": str(text) % {"cvr": (data or {}).get("cvr", "")}, "reason": reason}
    return render(request, "accounts/mitid_erhverv/refused.html", context, status=status)


@login_not_required
@never_cache
@require_GET
def start(request):
    """The button on the login page: off to MitID Erhverv (a later sign-in, found by the persistent ID)."""
    _configured()
    if response := _throttled(request):
        return response
    request.session.pop(INVITATION_SESSION_KEY, None)
    return _redirect_to_provider(request)


@login_not_required
@never_cache
@require_GET
def start_invitation(request, token: str):
    """The button on the invitation page: the first sign-in, which binds the leader's MitID Erhverv."""
    from companies.services import InvitationError, invitation_for_token

    _configured()
    if response := _throttled(request):
        return response
    # The invitation link works without a login, so no jobcenter scope is active yet.
    with scopes_disabled():
        try:
            invitation_for_token(token)
        except InvitationError as problem:
            # The link itself is wrong (as on the invitation page): nobody tried to sign in, nothing to log.
            return refused(request, f"invitation_{problem.reason}", record=False)
    request.session[INVITATION_SESSION_KEY] = token
    return _redirect_to_provider(request)


def _model_backend() -> str:
    """The configured backend that loads users from the database (the session names it for later requests), found
    rather than named, so a project that swaps ModelBackend for a subclass keeps these sessions."""
    return next(path for path in settings.AUTHENTICATION_BACKENDS if isinstance(load_backend(path), ModelBackend))


def _redirect_to_provider(request):
    try:
        return client.authorize_redirect(request, redirect_uri=_callback_uri(request))
    except (requests.RequestException, ValueError, KeyError, RuntimeError) as error:
        logger.warning("MitID Erhverv: discovery failed: %s", error.__class__.__name__)
        return refused(request, "unavailable", data={"error": error.__class__.__name__})


@login_not_required
@never_cache
@require_GET
def callback(request):
    """Where the provider sends the person back with the code. Authlib checks state, exchanges the code with
    the PKCE verifier and verifies the ID token (signature against the JWKS, issuer, audience, expiry, nonce);
    accounts.oidc.services decides who it is. Only then is the person logged in."""
    config = _configured()
    if response := _throttled(request):
        return response
    token = request.session.pop(INVITATION_SESSION_KEY, None)
    try:
        sign_in = client.complete(request)
    except MismatchingStateError:
        return refused(request, "state")
    except OAuthError as error:
        reason = "cancelled" if error.error == "access_denied" else "provider_error"
        return refused(request, reason, data={"error": str(error.error)[:100]})
    except requests.RequestException as error:
        return refused(request, "unavailable", data={"error": error.__class__.__name__})
    except (JoseError, client.NoIdToken, ValueError, KeyError) as error:
        logger.warning("MitID Erhverv: ID token refused: %s", error.__class__.__name__)
        return refused(request, "token", data={"error": f"{error.__class__.__name__}: {error}"[:200]})
    # The person has no jobcenter yet (no scope is active): the services narrow every read by the invitation's
    # token or the persistent professional ID.
    with scopes_disabled():
        try:
            identity = services.identity_from_claims(sign_in.claims, config=config)
            if token:
                current = request.user if request.user.is_authenticated else None
                membership = services.binding_sign_in(identity=identity, token=token, current_user=current)
            else:
                membership = services.persistent_id_sign_in(identity=identity)
        except Refusal as refusal:
            return refused(request, refusal.reason, jobcenter=refusal.jobcenter, data=refusal.data)
    login(request, membership.user, backend="accounts.backends.ModelWithMembershipsBackend")
    request.session[MEMBERSHIP_SESSION_KEY] = membership.pk
    federated_sign_in_mark(request, method=METHOD, level=identity.level, subject=identity.persistent_id)
    if token:
        text = _("Velkommen til portalen for %(company)s. Næste gang logger du ind med MitID Erhverv.")
    else:
        text = _("Du er logget ind med MitID Erhverv for %(company)s.")
    messages.success(request, text % {"company": membership.company})
    return redirect("portal:home")
