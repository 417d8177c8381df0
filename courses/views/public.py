"""The public pages reached from e-mail links (signed tokens, no login), rate-limited per address."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_scopes import scope, scopes_disabled

from courses import services, tokens
from courses.forms import (
    EvaluationForm,
)
from courses.models import Invitation, Registration, Via
from mentorship.ratelimit import over_limit
from mentorship.web import form_errors_from

PUBLIC_RATE_LIMIT = 30  # answers per client address per hour on the public links
PUBLIC_RATE_WINDOW = 3600


def _rate_limited(request, scope_name: str) -> bool:
    return over_limit(request, f"courses:{scope_name}", limit=PUBLIC_RATE_LIMIT, window=PUBLIC_RATE_WINDOW)


def _from_token(kind: str, token: str, model):
    pk = tokens.read(kind, token)
    if pk is None:
        raise Http404
    with scopes_disabled():
        return get_object_or_404(model.objects.select_related("course__jobcenter", "course__course_type"), pk=pk)


def _too_many(request, template: str, context: dict):
    context["error"] = _("Der er kommet mange svar fra din forbindelse. Prøv igen om en time.")
    return render(request, template, context, status=429)


@login_not_required
@require_http_methods(["GET", "POST"])
def public_invitation(request, token: str):
    """The invitation's link: see the course, register or decline. Opening it is tracked."""
    invitation = _from_token(tokens.INVITATION, token, Invitation)
    course = invitation.course
    with scope(jobcenter=course.jobcenter):
        sessions = list(course.sessions.order_by("date"))
        context = {
            "invitation": invitation,
            "course": course,
            "sessions": sessions,
            "jobcenter": course.jobcenter,
            "can_withdraw": not course.first_day or course.first_day > timezone.localdate(),
        }
        if request.method == "GET":
            services.invitation_open(invitation=invitation)
            context["registration"] = invitation.registrations.exclude(status="cancelled").first()
            return render(request, "courses/public_invitation.html", context)
        if _rate_limited(request, "invitation"):
            return _too_many(request, "courses/public_invitation.html", context)
        try:
            if request.POST.get("answer") == "decline":
                services.invitation_decline(invitation=invitation)
                context["done"] = _("Tak for svaret. Du har meldt fra.")
            elif request.POST.get("answer") == "cancel":
                services.registration_cancel_by_link(invitation=invitation)
                invitation.refresh_from_db()
                context["done"] = _("Du er meldt fra kurset. Din plads går videre til den næste på ventelisten.")
            else:
                registration = services.registration_create(
                    actor=None,
                    course=course,
                    via=Via.INVITATION,
                    invitation=invitation,
                    corps_mentor=invitation.corps_mentor,
                    company_mentor=invitation.company_mentor,
                    company=invitation.company,
                    name=(request.POST.get("name") or invitation.name or "").strip()[:200],
                    email=invitation.email,
                )
                context["registration"] = registration
                context["done"] = (
                    _("Kurset er fuldt, så du er skrevet på ventelisten. Du får besked, hvis der bliver en plads.")
                    if registration.is_waiting
                    else _("Du er tilmeldt. Du får en bekræftelse med en kalenderinvitation på e-mail.")
                )
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
        return render(request, "courses/public_invitation.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def public_offer(request, token: str):
    """The waiting-list offer's link: take the seat or leave it for the next."""
    registration = _from_token(tokens.OFFER, token, Registration)
    course = registration.course
    with scope(jobcenter=course.jobcenter):
        context = {
            "registration": registration,
            "course": course,
            "sessions": list(course.sessions.order_by("date")),
            "jobcenter": course.jobcenter,
        }
        if request.method == "POST":
            if _rate_limited(request, "offer"):
                return _too_many(request, "courses/public_offer.html", context)
            try:
                if request.POST.get("answer") == "decline":
                    services.offer_decline(registration=registration)
                    context["done"] = _("Tak for svaret. Pladsen går videre til den næste på ventelisten.")
                else:
                    services.offer_accept(registration=registration)
                    context["done"] = _("Pladsen er din. Du får en bekræftelse med en kalenderinvitation på e-mail.")
            except ValidationError as error:
                context["error"] = " ".join(error.messages)
            registration.refresh_from_db()
        return render(request, "courses/public_offer.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def public_evaluation(request, token: str):
    registration = _from_token(tokens.EVALUATION, token, Registration)
    course = registration.course
    if registration.completed_on is None:
        raise Http404
    with scope(jobcenter=course.jobcenter):
        form = EvaluationForm(request.POST or None)
        context = {"registration": registration, "course": course, "form": form, "jobcenter": course.jobcenter}
        if hasattr(registration, "evaluation"):
            context["done"] = _("Du har allerede evalueret kurset. Tak!")
        elif request.method == "POST" and form.is_valid():
            if _rate_limited(request, "evaluation"):
                return _too_many(request, "courses/public_evaluation.html", context)
            try:
                services.evaluation_submit(registration=registration, **form.cleaned_data)
            except ValidationError as error:
                form_errors_from(form, error)
            else:
                context["done"] = _("Tak for din evaluering!")
        return render(request, "courses/public_evaluation.html", context)
