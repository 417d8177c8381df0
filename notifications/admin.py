from django.contrib import admin

from mentorship.admin import JobcenterScopedAdmin
from notifications.models import Message, ReminderRun, ReminderSchedule


@admin.register(Message)
class MessageAdmin(JobcenterScopedAdmin):
    list_display = ["created_at", "kind", "recipient_email", "period", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient_email", "recipient_name", "subject"]
    date_hierarchy = "created_at"
    list_select_related = ["jobcenter"]
    # The outbox is written by services only; admin shows it. Resending is on the coordinator's outbox page.
    readonly_fields = [field.name for field in Message._meta.fields if field.name != "id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReminderSchedule)
class ReminderScheduleAdmin(JobcenterScopedAdmin):
    list_display = ["jobcenter", "weekday", "hour", "is_active"]


@admin.register(ReminderRun)
class ReminderRunAdmin(JobcenterScopedAdmin):
    list_display = ["period", "kind", "created_count", "ran_at"]
    readonly_fields = ["jobcenter", "kind", "period", "created_count", "ran_at"]

    def has_add_permission(self, request):
        return False
