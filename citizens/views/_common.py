"""What the citizens views share: the coordinator test and the logged form page about one citizen."""

from django.shortcuts import render

from accounts.permissions import COORDINATORS
from audit.models import AccessAction
from audit.services import access_record


def _is_coordinator(request) -> bool:
    return request.membership is not None and request.membership.role in COORDINATORS


def _citizen_form_page(request, context: dict):
    """A form about one citizen shows the citizen's data, so every rendering is logged for that citizen."""
    access_record(request=request, action=AccessAction.VIEW, purpose=context["title"], obj=context["citizen"])
    return render(request, "citizens/simple_form.html", context)
