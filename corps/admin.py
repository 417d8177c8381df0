from django.contrib import admin

from corps.models import Competence, HoursEntry, Language, Mentor, MentorNote, Qualification
from mentorship.admin import JobcenterScopedAdmin, RoleAwareAdmin
from mentorship.dates import PlausibleDatesAdminMixin


@admin.register(Competence)
class CompetenceAdmin(JobcenterScopedAdmin):
    """Jobcenter admins edit their own jobcenter's competence list here (citizens' needs use it too)."""

    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]


@admin.register(Language)
class LanguageAdmin(RoleAwareAdmin):
    """Global vocabulary: only the platform superuser changes it; jobcenter admins may look."""

    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class QualificationInline(PlausibleDatesAdminMixin, admin.TabularInline):
    model = Qualification
    extra = 0
    fields = ["title", "kind", "completed_on", "source", "source_reference"]


@admin.register(Mentor)
class MentorAdmin(JobcenterScopedAdmin):
    list_display = ["full_name", "email", "status", "employment"]
    list_filter = ["status", "employment"]
    search_fields = ["full_name", "email"]
    # Status moves only through the screening services (with audit entries), never in admin.
    readonly_fields = ["status", "status_changed_at", "paused_until", "status_reason", "consent_at", "source"]
    filter_horizontal = ["competences", "languages"]
    inlines = [QualificationInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "competences" and not request.user.is_superuser:
            kwargs["queryset"] = Competence.objects.filter(jobcenter=request.jobcenter)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(MentorNote)
class MentorNoteAdmin(JobcenterScopedAdmin):
    jobcenter_field = "mentor__jobcenter"
    list_display = ["mentor", "author", "created_at"]
    raw_id_fields = ["mentor"]


@admin.register(HoursEntry)
class HoursEntryAdmin(JobcenterScopedAdmin):
    jobcenter_field = "mentor__jobcenter"
    list_display = ["mentor", "week", "mentee_reference", "hours", "status"]
    list_filter = ["status"]
    raw_id_fields = ["mentor", "citizen"]
    readonly_fields = ["status", "decided_by", "decided_at", "hourly_rate", "entered_by", "entered_at"]
