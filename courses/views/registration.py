"""Invitations and registrations made by the jobcenter."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from audit.models import AccessAction
from audit.services import access_record
from courses import selectors, services
from courses.forms import (
    InviteForm,
    RegisterForm,
)
from courses.models import InvitationSource, Via
from courses.views._common import coordinator_required
from mentorship.idempotency import idempotent_create
from mentorship.web import action_submit, form_errors_from, form_submit, paginate


@coordinator_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def invite(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    wanted = request.GET.get("source")
    initial = {"source": wanted} if wanted in InvitationSource.values else {}
    form = InviteForm(request.POST or None, jobcenter=request.jobcenter, initial=initial)

    def submit():
        source = form.cleaned_data["source"]
        return services.invitations_send(
            actor=request.user,
            course=course,
            source=source,
            invitees=form.invitees() if source == InvitationSource.PICKED else None,
        )

    if response := form_submit(
        request,
        form,
        submit,
        success_message=lambda sent: _("%(count)s invitationer er sendt.") % {"count": sent},
        redirect_to=reverse("courses:detail", kwargs={"pk": course.pk}),
    ):
        return response
    return render(request, "courses/invite.html", {"form": form, "course": course})


@coordinator_required
@require_GET
def invitation_list(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    page = paginate(selectors.invitation_list(course=course), request, size=50)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Invitationer til kursus"), obj=course)
    return render(request, "courses/invitation_list.html", {"course": course, "page": page})


@coordinator_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def register(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    form = RegisterForm(request.POST or None, jobcenter=request.jobcenter)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                actor=request.user,
                course=course,
                via=Via.COORDINATOR,
                corps_mentor=data["corps_mentor"],
                company_mentor=data["company_mentor"],
                company=data["company"],
                name=data["name"],
                email=data["email"],
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            if registration.is_waiting:
                messages.warning(
                    request, _("Kurset er fuldt. %(name)s er sat på ventelisten.") % {"name": registration.name}
                )
            else:
                messages.success(request, _("%(name)s er tilmeldt.") % {"name": registration.name})
            return redirect("courses:detail", pk=course.pk)
    return render(request, "courses/register.html", {"form": form, "course": course})


@coordinator_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request, pk: int):
    registration = selectors.registration_get(jobcenter=request.jobcenter, pk=pk)
    if request.method == "POST":
        action_submit(
            request,
            lambda: services.registration_cancel(actor=request.user, registration=registration),
            success_message=_("%(name)s er afmeldt.") % {"name": registration.name},
        )
        return redirect("courses:detail", pk=registration.course_id)
    return render(request, "courses/registration_cancel.html", {"registration": registration})
