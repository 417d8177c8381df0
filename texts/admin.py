from django.contrib import admin

from mentorship.admin import JobcenterScopedAdmin
from texts.models import Text


@admin.register(Text)
class TextAdmin(JobcenterScopedAdmin):
    """Jobcenter admins write their texts in the product (/tekster/, with a preview and the checks of the
    markup); admin only shows them."""

    list_display = ["key", "updated_at"]
    list_select_related = ["jobcenter"]
    readonly_fields = ["jobcenter", "key", "body", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
