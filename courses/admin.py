from django.contrib import admin

from courses.models import (
    Attendance,
    Course,
    CourseSettings,
    CourseType,
    Evaluation,
    Invitation,
    Registration,
    Session,
    Shadowing,
)
from mentorship.admin import JobcenterScopedAdmin
from mentorship.dates import PlausibleDatesAdminMixin


@admin.register(CourseType)
class CourseTypeAdmin(JobcenterScopedAdmin):
    """Jobcenter admins edit their own course types here (seeded with the defaults)."""

    list_display = ["name", "category", "default_days", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "requires" and not request.user.is_superuser:
            kwargs["queryset"] = CourseType.objects.filter(jobcenter=request.jobcenter)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CourseSettings)
class CourseSettingsAdmin(JobcenterScopedAdmin):
    list_display = ["jobcenter", "reminder_days", "offer_hours", "minimum_job_consultants"]


class SessionInline(PlausibleDatesAdminMixin, admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Course)
class CourseAdmin(JobcenterScopedAdmin):
    list_display = ["title", "course_type", "first_day", "capacity", "status"]
    list_filter = ["status"]
    search_fields = ["title", "theme"]
    readonly_fields = ["uid", "sequence", "first_day", "last_day"]
    inlines = [SessionInline]
    filter_horizontal = ["job_consultants"]


@admin.register(Invitation)
class InvitationAdmin(JobcenterScopedAdmin):
    jobcenter_field = "course__jobcenter"
    list_display = ["email", "course", "source", "status", "sent_at"]
    list_filter = ["status", "source"]
    search_fields = ["email", "name"]
    raw_id_fields = ["course", "company", "corps_mentor", "company_mentor"]


@admin.register(Registration)
class RegistrationAdmin(JobcenterScopedAdmin):
    jobcenter_field = "course__jobcenter"
    list_display = ["name", "course", "status", "via", "completed_on"]
    list_filter = ["status", "via"]
    search_fields = ["name", "email"]
    raw_id_fields = ["course", "corps_mentor", "company_mentor", "company", "invitation", "nomination"]


@admin.register(Attendance)
class AttendanceAdmin(JobcenterScopedAdmin):
    jobcenter_field = "session__course__jobcenter"
    list_display = ["registration", "session", "present"]
    raw_id_fields = ["registration", "session"]


@admin.register(Evaluation)
class EvaluationAdmin(JobcenterScopedAdmin):
    jobcenter_field = "registration__course__jobcenter"
    list_display = ["registration", "overall", "relevance", "usefulness", "submitted_at"]
    raw_id_fields = ["registration"]


@admin.register(Shadowing)
class ShadowingAdmin(JobcenterScopedAdmin):
    list_display = ["__str__", "starts_on", "ends_on"]
    raw_id_fields = ["new_corps_mentor", "experienced_corps_mentor", "new_company_mentor", "experienced_company_mentor"]
