"""Coordinator screens for the corps, and the public "Bliv mentor" page. Thin: permission, selector,
form, service, response."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scope

from accounts.models import Jobcenter
from accounts.permissions import COORDINATORS, role_required
from audit.models import AccessAction
from audit.services import access_record
from corps import csvio, selectors, services
from corps.editable_texts import APPLY
from corps.filters import MentorFilter
from corps.forms import (
    ApproveForm,
    ConfirmForm,
    HoursForm,
    ImportForm,
    InterviewForm,
    MentorApplicationForm,
    MentorForm,
    NoteForm,
    PauseForm,
    PayrollForm,
    QualificationForm,
    ReasonForm,
)
from corps.models import HoursEntry, HoursStatus, MentorStatus
from mentorship.idempotency import idempotent_create
from mentorship.ratelimit import over_limit
from mentorship.web import chosen_in_query, form_errors_from, form_submit, paginate, query_without
from texts import selectors as text_selectors

PAGE_SIZE = 25
APPLY_RATE_LIMIT = 5  # applications per client address and jobcenter
APPLY_RATE_WINDOW = 3600  # seconds


# --- List, export, detail ------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_GET
def mentor_list(request):
    mentor_filter = MentorFilter(
        request.GET or None,
        queryset=selectors.mentors_for_list(jobcenter=request.jobcenter),
        jobcenter=request.jobcenter,
    )
    page = paginate(mentor_filter.qs, request, size=PAGE_SIZE)
    selectors.mentor_list_rows(page.rows)
    if request.GET.get("q"):
        access_record(
            request=request,
            action=AccessAction.SEARCH,
            purpose=_("Søgning i mentorkorpset"),
            criterion=request.GET["q"],
        )
    context = {
        "filter": mentor_filter,
        "page": page,
        "query": query_without(request),
        "statuses": MentorStatus,
    }
    template = "corps/_mentor_table.html" if request.htmx and request.htmx.target == "mentor-results" else None
    return render(request, template or "corps/mentor_list.html", context)


@role_required(*COORDINATORS)
@require_GET
def mentor_export(request):
    mentor_filter = MentorFilter(
        request.GET or None,
        queryset=selectors.mentors_for_export(jobcenter=request.jobcenter),
        jobcenter=request.jobcenter,
    )
    access_record(
        request=request,
        action=AccessAction.EXPORT,
        purpose=_("Eksport af mentorlisten"),
        criterion=request.GET.urlencode(),
    )
    response = HttpResponse(csvio.mentors_csv(mentor_filter.qs), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mentorkorps-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@role_required(*COORDINATORS)
@require_GET
def mentor_detail(request, pk: int):
    mentor = selectors.mentor_detail(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Mentorens profil"), obj=mentor)
    allowed = services.allowed_transitions(mentor.status)
    actions = [(name, label) for name, (target, label, _form) in TRANSITION_VIEWS.items() if target in allowed]
    context = {
        "mentor": mentor,
        "actions": actions,
        "note_form": NoteForm(),
        "hours": selectors.mentor_hours_recent(mentor=mentor),
    }
    return render(request, "corps/mentor_detail.html", context)


# --- Create and edit -----------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def mentor_create(request):
    form = MentorForm(request.POST or None, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: services.mentor_create(
            actor=request.user,
            jobcenter=request.jobcenter,
            data=form.profile_data(),
            competences=form.cleaned_data["competences"],
            languages=form.cleaned_data["languages"],
            status=form.cleaned_data["initial_status"],
        ),
        success_message=_("Mentoren er oprettet."),
        redirect_to=lambda mentor: reverse("corps:mentor_detail", kwargs={"pk": mentor.pk}),
    ):
        return response
    return render(request, "corps/mentor_form.html", {"form": form, "mentor": None})


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def mentor_update(request, pk: int):
    mentor = selectors.mentor_for_update(jobcenter=request.jobcenter, pk=pk)
    if request.method == "GET":
        access_record(
            request=request, action=AccessAction.VIEW, purpose=_("Redigering af mentorens profil"), obj=mentor
        )
    form = MentorForm(request.POST or None, instance=mentor, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: services.mentor_update(
            actor=request.user,
            mentor=mentor,
            data=form.profile_data(),
            competences=form.cleaned_data["competences"],
            languages=form.cleaned_data["languages"],
        ),
        success_message=_("Profilen er gemt."),
        redirect_to=reverse("corps:mentor_detail", kwargs={"pk": mentor.pk}),
    ):
        return response
    return render(request, "corps/mentor_form.html", {"form": form, "mentor": mentor})


# --- Screening -----------------------------------------------------------------------------------

# URL action -> (target status, button label, form class)
TRANSITION_VIEWS = {
    "samtale": (MentorStatus.INTERVIEW, _("Book samtale"), InterviewForm),
    "godkend": (MentorStatus.APPROVED, _("Godkend"), ApproveForm),
    "afvis": (MentorStatus.REJECTED, _("Afvis"), ReasonForm),
    "aktiver": (MentorStatus.ACTIVE, _("Aktivér"), ConfirmForm),
    "pause": (MentorStatus.PAUSED, _("Sæt på pause"), PauseForm),
    "fratraad": (MentorStatus.RESIGNED, _("Registrér fratrædelse"), ReasonForm),
}


def _run_transition(action: str, *, actor, mentor, data: dict):
    if action == "samtale":
        return services.mentor_interview_book(
            actor=actor, mentor=mentor, happens_at=data["happens_at"], note=data.get("note", "")
        )
    if action == "godkend":
        return services.mentor_approve(actor=actor, mentor=mentor, note=data.get("note", ""))
    if action == "afvis":
        return services.mentor_reject(actor=actor, mentor=mentor, reason=data["reason"])
    if action == "aktiver":
        return services.mentor_activate(actor=actor, mentor=mentor)
    if action == "pause":
        return services.mentor_pause(actor=actor, mentor=mentor, until=data["until"], reason=data["reason"])
    return services.mentor_resign(actor=actor, mentor=mentor, reason=data["reason"])


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def mentor_transition(request, pk: int, action: str):
    if action not in TRANSITION_VIEWS:
        raise Http404
    mentor = selectors.mentor_for_update(jobcenter=request.jobcenter, pk=pk)
    target, label, form_class = TRANSITION_VIEWS[action]
    form = form_class(request.POST or None)
    if response := form_submit(
        request,
        form,
        lambda: _run_transition(action, actor=request.user, mentor=mentor, data=form.cleaned_data),
        success_message=_("%(name)s har nu status “%(status)s”.") % {"name": mentor.full_name, "status": target.label},
        redirect_to=reverse("corps:mentor_detail", kwargs={"pk": mentor.pk}),
    ):
        return response
    context = {"mentor": mentor, "form": form, "label": label, "target": target, "action": action}
    return render(request, "corps/mentor_transition.html", context)


# --- Notes and qualifications --------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def mentor_note_add(request, pk: int):
    mentor = selectors.mentor_for_update(jobcenter=request.jobcenter, pk=pk)
    form = NoteForm(request.POST or None)
    if response := form_submit(
        request,
        form,
        lambda: services.mentor_note_add(actor=request.user, mentor=mentor, text=form.cleaned_data["text"]),
        success_message=_("Noten er gemt."),
        redirect_to=reverse("corps:mentor_detail", kwargs={"pk": mentor.pk}) + "#noter",
    ):
        return response
    return render(request, "corps/mentor_note_form.html", {"mentor": mentor, "form": form})


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def qualification_add(request, pk: int):
    mentor = selectors.mentor_for_update(jobcenter=request.jobcenter, pk=pk)
    form = QualificationForm(request.POST or None)
    if response := form_submit(
        request,
        form,
        lambda: services.qualification_add(actor=request.user, mentor=mentor, **form.cleaned_data),
        success_message=_("Kvalifikationen er registreret."),
        redirect_to=reverse("corps:mentor_detail", kwargs={"pk": mentor.pk}) + "#kvalifikationer",
    ):
        return response
    return render(request, "corps/qualification_form.html", {"mentor": mentor, "form": form})


# --- Import --------------------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def mentor_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.mentors_import(
            actor=request.user, jobcenter=request.jobcenter, raw=form.cleaned_data["file"].read()
        )
        if result.ok:
            messages.success(request, _("%(count)s mentorer er importeret.") % {"count": result.created})
            return redirect("corps:mentor_list")
    return render(request, "corps/mentor_import.html", {"form": form, "result": result, "columns": csvio.COLUMNS})


@role_required(*COORDINATORS)
@require_GET
def mentor_import_template(request):
    example = [
        "Birgitte Mølgaard", "birgitte@example.dk", "20 30 40 50", "8450", "Kvinde", "1958", "Pensioneret",
        "Sygeplejerske", "35 år i regionen", "Sundhed", "Personlig økonomi, Helbred", "Dansk, Engelsk",
        "man, ons", "formiddag", "4", "2", "185,00", "Timeansat", "nej", "01-03-2024", "", "Aktiv",
    ]  # fmt: skip
    content = csvio.write_csv([header for _name, header in csvio.COLUMNS], [example])
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mentorkorps-skabelon.csv"'
    return response


# --- Hours and payroll ---------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def hours_list(request):
    """The hours entered, newest weeks first, with over-agreed flags; approve or reject in bulk."""
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("entry") if pk.isdigit()]
        entries = HoursEntry.objects.filter(mentor__jobcenter=request.jobcenter, pk__in=ids)
        approve = request.POST.get("decision") == "approve"
        count = services.hours_decide(actor=request.user, entries=entries, approve=approve)
        text = _("%(count)s registreringer er godkendt.") if approve else _("%(count)s registreringer er afvist.")
        messages.success(request, text % {"count": count})
        return redirect(f"{reverse('corps:hours_list')}?{request.GET.urlencode()}")
    status = request.GET.get("status", HoursStatus.SUBMITTED)
    queryset = selectors.hours_for_list(jobcenter=request.jobcenter)
    access_record(
        request=request, action=AccessAction.VIEW, purpose=_("Timer og løn"), criterion=request.GET.urlencode()
    )
    if status in HoursStatus.values:
        queryset = queryset.filter(status=status)
    page = paginate(queryset, request, size=50)
    totals = selectors.hours_week_totals(jobcenter=request.jobcenter, weeks=sorted({e.week for e in page.rows}))
    rows = []
    for entry in page.rows:
        weekly = entry.mentor.hours_per_week
        week_total = totals.get((entry.mentor_id, entry.week))
        rows.append(
            {
                "entry": entry,
                "week_total": week_total,
                "over_week": weekly is not None and week_total is not None and week_total > weekly,
            }
        )
    context = {
        "rows": rows,
        "page": page,
        "status": status,
        "statuses": [*HoursStatus.choices, ("alle", _("Alle"))],
        # The bulk approve/reject buttons: on the list of entries still to be decided.
        "deciding": status == HoursStatus.SUBMITTED,
        "query": query_without(request),
    }
    return render(request, "corps/hours_list.html", context)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def hours_add(request):
    initial = {"week": services.week_start(timezone.localdate()), **chosen_in_query(request, "mentor")}
    form = HoursForm(
        request.POST or None, jobcenter=request.jobcenter, initial=initial, refresh_url=reverse("corps:hours_add")
    )

    def submit():
        data = form.cleaned_data
        return services.hours_record(
            actor=request.user,
            mentor=data["mentor"],
            week=data["week"],
            citizen=data["citizen"],
            mentee_reference=data["mentee_reference"],
            hours=data["hours"],
            agreed_hours=data["agreed_hours"],
            note=data["note"],
        )

    if response := form_submit(
        request,
        form,
        submit,
        success_message=_("Timerne er registreret."),
        redirect_to="corps:hours_list",
    ):
        return response
    if form.mentor_id is not None:
        # The form lists the mentor's citizens by name (also when it comes back with an error): a read of their
        # data, logged as one.
        access_record(
            request=request,
            action=AccessAction.VIEW,
            purpose=_("Mentorens borgere ved registrering af timer"),
            criterion=f"mentor={form.mentor_id}",
        )
    return render(request, "corps/hours_form.html", {"form": form})


@role_required(*COORDINATORS)
@require_GET
def payroll(request):
    """The monthly payroll: preview, and export as CSV or XLSX (?format=csv|xlsx)."""
    form = PayrollForm(request.GET or None)
    rows = None
    if form.is_valid():
        year, month = form.year_month
        rows = selectors.payroll_for_month(jobcenter=request.jobcenter, year=year, month=month)
        access_record(
            request=request, action=AccessAction.VIEW, purpose=_("Lønopgørelse"), criterion=f"{year}-{month:02d}"
        )
        export = request.GET.get("format")
        if export in ("csv", "xlsx"):
            access_record(
                request=request,
                action=AccessAction.EXPORT,
                purpose=_("Lønudtræk for mentorkorpset"),
                criterion=f"{year}-{month:02d}",
            )
            name = f"mentorloen-{request.jobcenter.slug}-{year}-{month:02d}"
            if export == "csv":
                response = HttpResponse(csvio.payroll_csv(rows), content_type="text/csv; charset=utf-8")
                response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            else:
                response = HttpResponse(
                    csvio.payroll_xlsx(rows, title=f"{year}-{month:02d}"),
                    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
                response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
    total_hours = sum((r.hours for r in rows), start=0) if rows else 0
    total_amount = sum((r.amount for r in rows), start=0) if rows else 0
    context = {
        "form": form,
        "rows": rows,
        "total_hours": total_hours,
        "total_amount": total_amount,
        "query": request.GET.urlencode(),
    }
    return render(request, "corps/payroll.html", context)


# --- Overview ------------------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_GET
def overview(request):
    return render(request, "corps/overview.html", {"overview": selectors.corps_overview(jobcenter=request.jobcenter)})


# --- Public application --------------------------------------------------------------------------


@login_not_required
@require_GET
def apply_index(request):
    """The public "Bliv mentor" start: the jobcenters whose mentor corps one can apply to."""
    jobcenters = Jobcenter.objects.filter(is_active=True).only("name", "slug").order_by("name")
    return render(request, "corps/apply_index.html", {"jobcenters": jobcenters})


@login_not_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def apply(request, jobcenter_slug: str):
    """The public "Bliv mentor" page of one jobcenter."""
    jobcenter = get_object_or_404(Jobcenter, slug=jobcenter_slug, is_active=True)
    with scope(jobcenter=jobcenter):
        form = MentorApplicationForm(request.POST or None, jobcenter=jobcenter)
        # The introduction is the jobcenter's own wording (texts), else the product's.
        context = {
            "form": form,
            "jobcenter": jobcenter,
            "intro_html": text_selectors.text_html(jobcenter=jobcenter, key=APPLY, lead=True),
        }
        if request.method == "POST" and form.is_valid():
            if over_limit(request, f"corps:apply:{jobcenter.pk}", limit=APPLY_RATE_LIMIT, window=APPLY_RATE_WINDOW):
                form.add_error(None, _("Vi har modtaget mange ansøgninger fra din forbindelse. Prøv igen om en time."))
                return render(request, "corps/apply.html", context, status=429)
            if not form.is_spam:
                try:
                    services.mentor_apply(
                        jobcenter=jobcenter,
                        data=form.application_data(),
                        competences=form.cleaned_data["competences"],
                        languages=form.cleaned_data["languages"],
                    )
                except ValidationError as error:
                    form_errors_from(form, error)
                    return render(request, "corps/apply.html", context)
            # A bot that filled the honeypot gets the same receipt page, and nothing is saved or sent.
            return redirect("corps_public:apply_thanks", jobcenter_slug=jobcenter.slug)
        return render(request, "corps/apply.html", context)


@login_not_required
@require_GET
def apply_thanks(request, jobcenter_slug: str):
    jobcenter = get_object_or_404(Jobcenter, slug=jobcenter_slug, is_active=True)
    return render(request, "corps/apply_thanks.html", {"jobcenter": jobcenter})
