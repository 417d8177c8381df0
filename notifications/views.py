from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import ADMINS, COORDINATORS, LEADERS, STAFF, has_role, role_required
from audit.models import AccessAction
from audit.services import access_record
from citizens.rules import FOLLOW_UP_OVERDUE_DAYS
from citizens.selectors import placements_without_follow_up
from mentorship.web import counted_page, form_submit, query_without
from notifications import daily, fanout, kinds, preferences, selectors, services
from notifications.filters import OutboxFilter
from notifications.forms import DeliveryPreferencesForm, ReminderScheduleForm
from notifications.models import ReminderSchedule

OVERDUE_SHOWN = 25


@role_required(*COORDINATORS)
@require_GET
def outbox(request):
    jobcenter = request.jobcenter
    filterset = OutboxFilter(
        request.GET or None,
        queryset=selectors.outbox_list(jobcenter=jobcenter),
        period_choices=selectors.period_choices(jobcenter=jobcenter),
    )
    filtered = filterset.is_bound and filterset.is_valid() and any(filterset.form.cleaned_data.values())
    queryset = filterset.qs if filtered else filterset.queryset
    access_record(
        request=request,
        action=AccessAction.SEARCH if request.GET else AccessAction.VIEW,
        purpose=_("Udbakken"),
        criterion=request.GET.urlencode()[:500],
    )
    labels = dict(kinds.choices())
    schedule = selectors.reminder_schedule(jobcenter=jobcenter)
    summary = selectors.outbox_summary(jobcenter=jobcenter)
    # Unfiltered, the list is every message of the jobcenter: the summary has counted them.
    page = counted_page(queryset, request, count=None if filtered else summary["total"])
    for message in page.object_list:
        message.kind_label = labels.get(message.kind, message.kind)
    context = {
        "filter": filterset,
        "page": page,
        "query": query_without(request),
        "summary": summary,
        "next_weekly": fanout.next_due(jobcenter=jobcenter, schedule=schedule),
        "overdue": list(placements_without_follow_up(jobcenter=jobcenter)[:OVERDUE_SHOWN]),
        "overdue_days": FOLLOW_UP_OVERDUE_DAYS,
        "daily_notices": [notice.label for notice in daily.NOTICES],
        "daily_hour": schedule.hour,
        "can_edit_schedule": has_role(request, ADMINS),
    }
    return render(request, "notifications/outbox.html", context)


@role_required(*COORDINATORS)
@require_GET
def message_detail(request, pk: int):
    message = selectors.message_with_text(selectors.message_get(jobcenter=request.jobcenter, pk=pk))
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Kontrol af udsendte beskeder"), obj=message)
    labels = dict(kinds.choices())
    context = {"message": message, "kind_label": labels.get(message.kind, message.kind)}
    return render(request, "notifications/message_detail.html", context)


@role_required(*COORDINATORS)
@require_POST
def message_resend(request, pk: int):
    message = selectors.message_get(jobcenter=request.jobcenter, pk=pk)
    services.message_resend(actor=request.user, message=message)
    messages.success(request, _("Beskeden sendes igen."))
    return redirect("notifications:detail", pk=message.pk)


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def schedule_edit(request):
    """The jobcenter admin chooses when weekly reminders and daily notices go out."""
    schedule = selectors.reminder_schedule(jobcenter=request.jobcenter)
    form = ReminderScheduleForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        services.reminder_schedule_update(
            actor=request.user,
            jobcenter=request.jobcenter,
            weekday=form.cleaned_data["weekday"],
            hour=form.cleaned_data["hour"],
            is_active=form.cleaned_data["is_active"],
            allow_digest=form.cleaned_data["allow_digest"],
            allow_inbox_only=form.cleaned_data["allow_inbox_only"],
            digest_on_weekends=form.cleaned_data["digest_on_weekends"],
        )
        messages.success(request, _("Tidsplanen for påmindelser er gemt."))
        return redirect("notifications:outbox")
    return render(request, "notifications/schedule_form.html", {"form": form, "Weekday": ReminderSchedule.Weekday})


@role_required(*STAFF, *LEADERS)
@require_http_methods(["GET", "POST"])
def preferences_edit(request):
    """Every member chooses, per group of hand-off messages, e-mail at once, a daily digest or the inbox only,
    among what the jobcenter allows. Company leaders see it in the portal's layout."""
    role = request.membership.role
    schedule = selectors.reminder_schedule(jobcenter=request.jobcenter)
    groups = preferences.preferences_of(jobcenter=request.jobcenter, user=request.user, role=role)
    form = DeliveryPreferencesForm(request.POST or None, groups=groups, choices=preferences.channel_choices(schedule))
    response = form_submit(
        request,
        form,
        lambda: services.delivery_preferences_update(
            actor=request.user, jobcenter=request.jobcenter, role=role, channels=dict(form.cleaned_data)
        ),
        success_message=_("Dine valg for beskeder er gemt."),
        redirect_to=reverse("notifications:preferences"),
    )
    in_portal = has_role(request, LEADERS)
    context = {
        "form": form,
        "base_template": "base_portal.html" if in_portal else "base.html",
        "digest_hour": schedule.hour,
        "has_groups": bool(groups),
    }
    return response or render(request, "notifications/preferences_form.html", context)
