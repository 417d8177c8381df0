import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.forms import EmailAuthenticationForm, TokenForm
from accounts.middleware import two_factor_exempt
from accounts.models import Role
from accounts.permissions import role_required
from accounts.saml import client as saml_client
from accounts.saml import views as saml_views
from accounts.tenancy import SESSION_KEY
from mentorship.web import safe_next


class SafeNextMixin:
    """Django's login and logout views follow `next` through the product's one rule (mentorship.web)."""

    def get_redirect_url(self):
        return safe_next(self.request, "", field=self.redirect_field_name)


class LoginView(SafeNextMixin, auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # The staff button for KOMBIT's Context Handler, when federation is configured (accounts.saml).
        return {**super().get_context_data(**kwargs), "saml_login": saml_client.enabled()}


def _next_url(request) -> str:
    return safe_next(request, "home")


def _qr_data_uri(text: str) -> str:
    buffer = BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _second_factor_passed(request, device) -> None:
    """Marks the session verified under a new session key: whoever held the cookie of the password-only
    session (a shared computer, a leaked cookie) does not hold the verified one."""
    request.session.cycle_key()
    otp_login(request, device)


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """First login of a user who needs a second factor: scan the code, prove one token, done."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:two_factor_verify")
    device = services.two_factor_device_for_setup(user=request.user)
    form = TokenForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        services.two_factor_confirm(user=request.user, device=form.device)
        _second_factor_passed(request, form.device)
        messages.success(request, _("Tofaktorgodkendelse er slået til. Du er nu logget ind."))
        return redirect(_next_url(request))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "qr_code": _qr_data_uri(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        _second_factor_passed(request, form.device)
        return redirect(_next_url(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})


class LogoutView(SafeNextMixin, auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        # A session opened through KOMBIT's Context Handler ends there too (single logout, accounts.saml).
        if saml_client.enabled() and saml_views.is_federated(request):
            return saml_views.logout(request)
        return super().post(request, *args, **kwargs)


logout_view = two_factor_exempt(LogoutView.as_view())


@role_required(*Role.values)
@require_POST
def switch_membership(request, pk: int):
    """Makes one of the user's other memberships the one they work as (header menu "Skift jobcenter").

    Only the user's own active memberships in an active jobcenter count (accounts.tenancy): any other id
    answers 404 and changes nothing. The choice lives in the session, which accounts.tenancy reads on every
    request, so the pages, the portal and Django admin all follow it. A membership whose role needs a
    second factor is reached only after it: TwoFactorRequiredMiddleware asks for it as soon as any of the
    user's memberships needs it, before this view runs.
    """
    membership = request.tenant.membership_by_id(pk)
    if membership is None:
        raise Http404
    previous = request.membership
    if membership != previous:
        services.membership_switch(actor=request.user, membership=membership, previous=previous)
    request.session[SESSION_KEY] = membership.pk
    names = {"jobcenter": membership.jobcenter.name, "role": membership.get_role_display().lower()}
    if membership.company is not None:
        text = _("Du arbejder nu for %(company)s i %(jobcenter)s som %(role)s.") % {
            **names,
            "company": membership.company.name,
        }
    else:
        text = _("Du arbejder nu i %(jobcenter)s som %(role)s.") % names
    messages.success(request, text)
    return redirect(safe_next(request, "home"))
