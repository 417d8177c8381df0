"""Django admin: jobcenter admins edit their own vocabulary (target groups, placement types,
competence-card dimensions) and can look up records. CPR tokens and sensitive note texts are never
shown here: sensitive notes are read only in the app, where each read is logged."""

from django.contrib import admin

from citizens.models import (
    Citizen,
    FirstMeeting,
    FirstMeetingPlan,
    FollowUp,
    Goal,
    HoursStep,
    MentorAgreement,
    Placement,
    PlacementType,
    ProgressAssessment,
    ProgressDimension,
    ProgressScore,
    SensitiveNote,
    TargetGroup,
)
from mentorship.admin import JobcenterScopedAdmin


class VocabularyAdmin(JobcenterScopedAdmin):
    list_display = ["name", "code", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name", "code"]


admin.site.register(TargetGroup, VocabularyAdmin)
admin.site.register(PlacementType, VocabularyAdmin)
admin.site.register(ProgressDimension, VocabularyAdmin)


class ReadOnlyMixin:
    """Records are changed through the app's services (validation, audit log); admin only looks."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Citizen)
class CitizenAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    list_display = ["name", "status", "target_group", "referred_on"]
    list_filter = ["status"]
    search_fields = ["name"]
    # Read in the app only, where each read is logged: the CPR number (and the birth date it gives) and
    # the caseworker's assessment.
    exclude = ["cpr_hash", "cpr_encrypted", "birth_date", "caseworker_view"]


@admin.register(SensitiveNote)
class SensitiveNoteAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    list_display = ["citizen", "kind", "created_at"]
    exclude = ["text"]


@admin.register(MentorAgreement)
class MentorAgreementAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    list_display = ["citizen", "status", "starts_on", "ends_on"]
    list_filter = ["status"]


@admin.register(FirstMeeting)
class FirstMeetingAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    list_display = ["agreement", "held_on"]


@admin.register(FirstMeetingPlan)
class FirstMeetingPlanAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    """The first meetings as planned, to look up: when, status and who from the jobcenter takes part. Planning,
    moving and calling one off goes through the app (calendar invitations, audit log). The place is left out: it
    can be the citizen's home, and the app shows it where each read is logged; the calendar id is the app's."""

    list_display = ["agreement", "status", "starts_at", "ends_at", "caseworker", "sequence"]
    list_filter = ["status", "starts_at"]
    list_select_related = ["agreement", "caseworker"]
    exclude = ["place"]


@admin.register(Placement)
class PlacementAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    list_display = ["citizen", "company", "placement_type", "status", "starts_on", "ends_on"]
    list_filter = ["status"]


@admin.register(HoursStep)
class HoursStepAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    jobcenter_field = "placement__jobcenter"
    list_display = ["placement", "starts_on", "hours_per_week"]


@admin.register(Goal)
class GoalAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    list_display = ["title", "placement", "agreement", "status", "target_date"]


@admin.register(ProgressAssessment)
class ProgressAssessmentAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    list_display = ["placement", "agreement", "assessed_on", "assessor_kind"]


@admin.register(ProgressScore)
class ProgressScoreAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    jobcenter_field = "assessment__jobcenter"
    list_display = ["assessment", "dimension", "score"]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyMixin, JobcenterScopedAdmin):
    list_display = ["citizen", "kind", "occurred_on", "mentor_hours", "hours_confirmed_by"]
    list_filter = ["kind"]
