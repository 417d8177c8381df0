"""Views that read personal data log it: LogAccessMixin on detail views, access_record in functions."""

from audit.models import AccessAction
from audit.services import access_record


class LogAccessMixin:
    """For DetailView-like views: logs a VIEW of the object the view shows, with the view's purpose."""

    access_purpose: str = ""
    access_action: AccessAction = AccessAction.VIEW

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        access_record(request=self.request, action=self.access_action, purpose=self.access_purpose, obj=obj)
        return obj
