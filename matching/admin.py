"""Django admin: jobcenter admins weigh the matching criteria for their own jobcenter; offers and
cohorts are shown read-only (they change through the app's services: validation, locks, audit log)."""

from django.contrib import admin

from matching.models import (
    Cohort,
    CohortCandidate,
    CohortCompany,
    MatchingPreferences,
    MatchingWeights,
    Offer,
    PostcodeLocation,
)
from mentorship.admin import JobcenterScopedAdmin, RoleAwareAdmin


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(JobcenterScopedAdmin):
    list_display = [
        "jobcenter",
        "needs",
        "language",
        "wishes",
        "availability",
        "distance",
        "capacity_left",
        "load_balance",
        "caseworker",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "needs",
                    "language",
                    "wishes",
                    "availability",
                    "distance",
                    "max_distance_km",
                    "capacity_left",
                    "load_balance",
                    "caseworker",
                    "offer_valid_days",
                ]
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return [(None, {"fields": ["jobcenter", *fieldsets[0][1]["fields"]]})]
        return fieldsets


class ReadOnlyAdmin(JobcenterScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ["citizen", "mentor", "status", "offered_at", "answered_at"]
    list_filter = ["status"]
    exclude = ["token_hash"]


@admin.register(MatchingPreferences)
class MatchingPreferencesAdmin(ReadOnlyAdmin):
    list_display = ["citizen", "severe_needs", "updated_at"]


class CohortCompanyInline(admin.TabularInline):
    model = CohortCompany
    extra = 0
    fields = ["company", "capacity", "min_group", "allow_empty"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CohortCandidateInline(CohortCompanyInline):
    model = CohortCandidate
    fields = ["citizen", "assigned", "score", "moved_by_hand", "placement"]


@admin.register(Cohort)
class CohortAdmin(ReadOnlyAdmin):
    list_display = ["name", "status", "created_at"]
    list_filter = ["status"]
    inlines = [CohortCompanyInline, CohortCandidateInline]


@admin.register(PostcodeLocation)
class PostcodeLocationAdmin(RoleAwareAdmin):
    """Global data for the distance criterion: only the platform superuser changes it (or imports a file with
    `manage.py import_postcodes`); jobcenter admins may look."""

    list_display = ["code", "name", "latitude", "longitude"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
