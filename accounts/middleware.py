import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.middleware import SessionMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scope, scopes_disabled

from accounts.backends import NOT_LOADED, device_hint
from accounts.federation import federated_second_factor
from accounts.tenancy import requires_two_factor, resolve_tenant
from mentorship.web import CONTROL_CHARACTERS


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's middleware (request.user.otp_device, user.is_verified()), taking the session's device from the
    query that loads the user and their memberships (accounts.backends) instead of a query of its own. The
    rules are django-otp's: the device must be the user's and confirmed, else the session forgets it. A user the
    backend read without memberships gets django-otp's own lookup."""

    def _verify_user_sync(self, request, user):
        session = getattr(request, "session", None)
        persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
        token = device_hint.set(persistent_id)
        try:
            self._init_user_fields(user)  # loads the lazy user: the backend reads the hinted device with it
        finally:
            device_hint.reset(token)
        if user.is_authenticated:
            preloaded = getattr(user, "preloaded_otp_device", NOT_LOADED)
            if preloaded is not NOT_LOADED and preloaded[0] == persistent_id:
                device = preloaded[1]
            else:
                device = self._device_from_persistent_id(persistent_id) if persistent_id else None
            user.otp_device = self._finalize_device(request, user, device)
        return user


class TenantMiddleware:
    """Sets request.membership, request.jobcenter and request.company, and activates the tenant scope.

    With the scope active, every query on tenant data is filtered to the request's jobcenter by
    django-scopes; a query on tenant data without a scope raises ScopeError instead of leaking rows.
    Only the platform superuser works unscoped, and only in Django admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL_PATH

    def __call__(self, request):
        tenant = resolve_tenant(request)
        request.tenant = tenant
        request.membership = tenant.membership
        request.jobcenter = tenant.jobcenter
        request.company = tenant.company
        if request.user.is_authenticated and request.user.is_superuser and request.path.startswith(self.admin_prefix):
            with scopes_disabled():
                return self.get_response(request)
        if request.jobcenter is not None:
            with scope(jobcenter=request.jobcenter):
                return self.get_response(request)
        return self.get_response(request)


def two_factor_exempt(view):
    """Marks a view that a logged-in user may reach before passing the second factor."""
    view.two_factor_exempt = True
    return view


class TwoFactorRequiredMiddleware:
    """Every user with a role (accounts.models.TWO_FACTOR_ROLES) and every admin-site user must pass TOTP
    before anything else: a password alone reaches only the two-factor pages, logout and the public pages.
    A federated sign-in at NSIS Substantial or higher (MitID Erhverv) is a second factor of its own
    (accounts.federation)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified() or federated_second_factor(request):
            return None
        if getattr(view_func, "two_factor_exempt", False) or getattr(view_func, "login_required", True) is False:
            return None
        if not requires_two_factor(user, request.tenant):
            return None
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        target = reverse("accounts:two_factor_verify" if has_device else "accounts:two_factor_setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class IdleTimeoutSessionMiddleware(SessionMiddleware):
    """Django's session middleware, keeping the idle timeout without writing the session on every request,
    and ending a login after an absolute lifetime however active it is.

    A session expires SESSION_COOKIE_AGE (the idle timeout) after it was last saved. Saving it on every
    request (SESSION_SAVE_EVERY_REQUEST) updated and committed its row on every page view, read-only ones
    included, and left a dead row version per request for vacuum to clean. Here a session the request used
    is saved again only when its last save is SESSION_REFRESH_SECONDS old, so a user idle for the timeout
    is logged out within that margin of it (and never before it).

    The idle timeout alone lets a session that is used now and then live for ever. The first response
    after a login stamps the login time in the session (LOGIN_AT); a request that arrives
    SESSION_ABSOLUTE_LIFETIME_HOURS after it finds its session emptied, so the user is anonymous and sent
    to the login page like any other.
    """

    KEY = "_refreshed_at"
    LOGIN_AT = "_login_at"

    def process_request(self, request):
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if key is not None and CONTROL_CHARACTERS.search(key):
            # A quoted cookie may carry a NUL (`"\\000"`), which PostgreSQL refuses in the session lookup (500);
            # no session key of ours holds one, so the request simply has no session.
            del request.COOKIES[settings.SESSION_COOKIE_NAME]
        super().process_request(request)
        login_at = request.session.get(self.LOGIN_AT)
        refreshed_at = request.session.get(self.KEY)
        if login_at is not None and time.time() - login_at >= settings.SESSION_ABSOLUTE_LIFETIME_HOURS * 3600:
            request.session.flush()
        elif refreshed_at is not None and time.time() - refreshed_at >= settings.SESSION_COOKIE_AGE:
            # The idle timeout, checked here too: the database row's expiry says the same, but with sessions in
            # Redis (cached_db) a session read from the cache is not checked against it, only dropped by its TTL.
            request.session.flush()

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if session.get(SESSION_KEY) is not None and self.LOGIN_AT not in session:
                session[self.LOGIN_AT] = now
            if session.modified or now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        return super().process_response(request, response)
