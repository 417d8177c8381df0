"""The admin site: the product's own login, and 403 rather than a login detour for a user without the right."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from mentorship.admin.autocomplete import TenantAutocompleteJsonView


class MentorshipAdminSite(admin.AdminSite):
    site_header = _("Mentorordning – administration")
    site_title = _("Mentorordning")
    index_title = _("Administration")

    def login(self, request, extra_context=None):
        """One login for the whole product, with lockout and two-factor: the admin's own is not used.
        A user already logged in goes on to the admin (or answers 403 without the right), never back
        to the login page, which would send them here again."""
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index")
        if request.user.is_authenticated:
            if not self.has_permission(request):
                raise PermissionDenied
            return redirect(next_url)
        return redirect_to_login(next_url, reverse("accounts:login"))

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        membership = getattr(request, "membership", None)
        return membership is not None and membership.role == Role.JOBCENTER_ADMIN

    def admin_view(self, view, cacheable=False):
        """A logged-in user without admin rights gets 403 (too little role), not a redirect to the login
        page, which would send them straight back here."""
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def autocomplete_view(self, request):
        return TenantAutocompleteJsonView.as_view(admin_site=self)(request)
