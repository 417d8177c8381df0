from django.contrib import admin

from audit.models import AccessLog, ActivityLog, ArchiveHold, RetentionRule
from mentorship.admin import JobcenterScopedAdmin


class ReadOnlyLogAdmin(JobcenterScopedAdmin):
    """Logs are searched in admin, never edited: no add, change or delete."""

    list_select_related = ["actor", "content_type", "jobcenter"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyLogAdmin):
    list_display = ["at", "actor_label", "action", "object_repr", "purpose"]
    list_filter = ["action"]
    search_fields = ["actor_label", "object_repr", "criterion", "purpose"]


@admin.register(ActivityLog)
class ActivityLogAdmin(ReadOnlyLogAdmin):
    list_display = ["at", "actor_label", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["actor_label", "object_repr", "action"]


@admin.register(RetentionRule)
class RetentionRuleAdmin(ReadOnlyLogAdmin):
    """Jobcenter admins set the periods in the product (/privatliv/slettefrister/, logged); admin shows them."""

    list_display = ["kind", "months", "updated_at"]
    list_select_related = ["jobcenter"]
    date_hierarchy = None


@admin.register(ArchiveHold)
class ArchiveHoldAdmin(ReadOnlyLogAdmin):
    list_display = ["citizen", "reason", "set_at", "set_by"]
    list_select_related = ["citizen", "set_by"]
    date_hierarchy = "set_at"
