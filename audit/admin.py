from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit import actions
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


class ActivityActionFilter(admin.AllValuesFieldListFilter):
    """The actions found in the admin's (scoped) rows, by their Danish description (audit.actions)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = sorted(self.lookup_choices, key=actions.description)

    def choices(self, changelist):
        choices = super().choices(changelist)
        yield next(choices)  # all
        for code, choice in zip(self.lookup_choices, choices, strict=True):
            # Django's display is the code, followed by " (count)" when facets are on.
            yield {**choice, "display": actions.description(code) + choice["display"][len(code) :]}


@admin.register(ActivityLog)
class ActivityLogAdmin(ReadOnlyLogAdmin):
    list_display = ["at", "actor_label", "action_description", "object_repr"]
    list_filter = [("action", ActivityActionFilter)]
    search_fields = ["actor_label", "object_repr", "action"]
    readonly_fields = ["action_description"]

    @admin.display(description=_("handling"), ordering="action")
    def action_description(self, entry: ActivityLog) -> str:
        return actions.description(entry.action)

    def get_search_results(self, request, queryset, search_term):
        """A search also finds the entries whose action's Danish description contains the words."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = search_term.lower().split()
        codes = [code for code, text in actions.registered().items() if words and all(w in text.lower() for w in words)]
        if codes:
            found = found | queryset.filter(action__in=codes)
        return found, may_have_duplicates


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
