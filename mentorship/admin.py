"""The Django admin: the platform superuser sees everything; a jobcenter admin sees their jobcenter."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role


class MentorshipAdminSite(admin.AdminSite):
    site_header = _("Mentorordning – administration")
    site_title = _("Mentorordning")
    index_title = _("Administration")

    def login(self, request, extra_context=None):
        """One login for the whole product, with lockout and two-factor: the admin's own is not used."""
        return redirect_to_login(request.GET.get("next", reverse("admin:index")), reverse("accounts:login"))

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        membership = getattr(request, "membership", None)
        return membership is not None and membership.role == Role.JOBCENTER_ADMIN


def is_jobcenter_admin(request) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role == Role.JOBCENTER_ADMIN and request.user.is_staff


class RoleAwareAdmin(admin.ModelAdmin):
    """Admin rights come from the role (data), not from Django's per-model permission rows: the
    superuser may do everything, a jobcenter admin may work on their own jobcenter's rows."""

    def has_module_permission(self, request):
        return request.user.is_superuser or is_jobcenter_admin(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or is_jobcenter_admin(request)

    def has_add_permission(self, request):
        return request.user.is_superuser or is_jobcenter_admin(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or is_jobcenter_admin(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser or is_jobcenter_admin(request)


class JobcenterScopedAdmin(RoleAwareAdmin):
    """Base for every tenant model's admin: rows, choices and new objects stay in the admin's jobcenter.

    The superuser's admin requests run with scopes disabled (see TenantMiddleware) and see all rows.
    """

    jobcenter_field = "jobcenter"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.jobcenter_field: request.jobcenter})

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser and self.jobcenter_field == "jobcenter":
            exclude.append("jobcenter")
        return exclude

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and self.jobcenter_field == "jobcenter":
            obj.jobcenter = request.jobcenter
        super().save_model(request, obj, form, change)

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        if request.user.is_superuser and self.jobcenter_field == "jobcenter" and "jobcenter" not in display:
            display.append("jobcenter")
        return display
