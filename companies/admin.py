from django import forms
from django.contrib import admin

from companies.models import (
    CollaborationStatus,
    Company,
    CompanyMentor,
    CompensationClaim,
    CompensationRates,
    CourseNomination,
    Industry,
    LeaderInvitation,
    Sector,
)
from companies.services import COMPANY_FIELDS
from mentorship.admin import JobcenterScopedAdmin, RoleAwareAdmin


class CompanyAdminForm(forms.ModelForm):
    """Fields with a sensible default may be left empty in admin (quick creation with name and CVR)."""

    DEFAULTS = {"sector": Sector.PRIVATE, "status": CollaborationStatus.INTERESTED, "capacity": 1}

    class Meta:
        model = Company
        fields = ["jobcenter", *COMPANY_FIELDS]  # placement_types: added per request by ModelAdmin (scoped)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.DEFAULTS:
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name, default in self.DEFAULTS.items():
            if name in self.fields and cleaned.get(name) in (None, ""):
                cleaned[name] = default
                self.errors.pop(name, None)
        return cleaned


class CompanyChildAdmin(JobcenterScopedAdmin):
    """Rows that belong to a jobcenter through their company: the company choices stay in the jobcenter."""

    jobcenter_field = "company__jobcenter"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if not request.user.is_superuser and db_field.name in ("company", "shadowing", "mentor"):
            lookup = {"company": "jobcenter", "shadowing": "company__jobcenter", "mentor": "company__jobcenter"}
            field.queryset = field.queryset.filter(**{lookup[db_field.name]: request.jobcenter})
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if not request.user.is_superuser and field is not None and hasattr(field.queryset.model, "jobcenter"):
            field.queryset = field.queryset.filter(jobcenter=request.jobcenter)
        return field


@admin.register(Industry)
class IndustryAdmin(RoleAwareAdmin):
    """Platform vocabulary: only the platform superuser changes it; jobcenter admins may read it."""

    list_display = ["code", "name", "is_active", "ordering"]
    list_editable = ["is_active", "ordering"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Company)
class CompanyAdmin(JobcenterScopedAdmin):
    form = CompanyAdminForm
    list_display = ["name", "cvr", "city", "status", "capacity"]
    list_filter = ["status", "industry"]
    search_fields = ["name", "cvr"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if not request.user.is_superuser and field is not None:
            field.queryset = field.queryset.filter(jobcenter=request.jobcenter)
        return field


@admin.register(CompanyMentor)
class CompanyMentorAdmin(CompanyChildAdmin):
    list_display = ["full_name", "company", "job_title", "is_new", "is_active"]
    list_filter = ["is_active", "is_new"]
    search_fields = ["full_name", "email", "company__name"]
    list_select_related = ["company"]


@admin.register(LeaderInvitation)
class LeaderInvitationAdmin(CompanyChildAdmin):
    list_display = ["full_name", "email", "company", "created_at", "expires_at", "accepted_at", "revoked_at"]
    search_fields = ["full_name", "email", "company__name"]
    readonly_fields = ["token_hash", "created_at", "accepted_at", "user", "invited_by"]
    list_select_related = ["company"]

    def has_add_permission(self, request):
        # Invitations are sent from the coordinator app (the e-mail with the link goes out there).
        return False


@admin.register(CourseNomination)
class CourseNominationAdmin(CompanyChildAdmin):
    jobcenter_field = "mentor__company__jobcenter"
    list_display = ["mentor", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["mentor"]


@admin.register(CompensationRates)
class CompensationRatesAdmin(JobcenterScopedAdmin):
    list_display = ["valid_from", "holiday_pay_pct", "pension_pct", "employer_contribution_pct"]


@admin.register(CompensationClaim)
class CompensationClaimAdmin(JobcenterScopedAdmin):
    """Read-only in admin: claims are submitted in the portal and decided in the coordinator app."""

    list_display = ["company", "month", "hours", "total_amount", "status"]
    list_filter = ["status", "month"]
    list_select_related = ["company"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
