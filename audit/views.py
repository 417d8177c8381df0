"""Privacy pages: what the product holds and for how long, the access log (per person and searchable),
the subject-access export, deletion on request and the archive mark. Every page that shows personal
data writes an access-log entry itself."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import ADMINS, COORDINATORS, STAFF, has_role, role_required
from audit import selectors, services
from audit.catalogue import CATEGORIES
from audit.erasure import erase_blockers, person_erase
from audit.export import subject_export
from audit.forms import AccessLogFilterForm, ArchiveHoldForm, EraseForm, RetentionRuleForm
from audit.models import AccessAction
from audit.pdf import subject_access_pdf
from audit.registry import SUBJECT_LABELS, SUBJECT_SLUGS, OnErase, PersonRows, Subject
from audit.services import access_record
from mentorship.web import form_submit, paginate, query_without


def _person_context(subject: Subject, person) -> dict:
    return {
        "subject": subject,
        "subject_slug": SUBJECT_SLUGS[subject],
        "subject_label": SUBJECT_LABELS[subject],
        "person": person,
        "person_url": selectors.person_url(subject, person),
    }


# --- What the product holds -----------------------------------------------------------------------


@role_required(*STAFF)
@require_GET
def overview(request):
    months = {rule.kind: rule.months for rule in selectors.retention_rules(jobcenter=request.jobcenter)}
    categories = [{"category": category, "months": months.get(category.retention_kind)} for category in CATEGORIES]
    holds = None
    if has_role(request, COORDINATORS):
        holds = list(selectors.archive_holds(jobcenter=request.jobcenter)[:500])
        if holds:
            access_record(request=request, action=AccessAction.VIEW, purpose=_("Sager der bevares til arkiv"))
    context = {"categories": categories, "holds": holds, "can_edit": has_role(request, ADMINS)}
    return render(request, "audit/overview.html", context)


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def retention_edit(request):
    rules = selectors.retention_rules(jobcenter=request.jobcenter)
    forms = [RetentionRuleForm(request.POST or None, rule=rule) for rule in rules]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        with transaction.atomic():
            for form in forms:
                services.retention_rule_update(actor=request.user, rule=form.rule, months=form.cleaned_data["months"])
        messages.success(request, _("Slettefristerne er gemt."))
        return redirect("audit:overview")
    return render(request, "audit/retention_form.html", {"forms": forms})


# --- Access log -----------------------------------------------------------------------------------


@role_required(*ADMINS)
@require_GET
def access_log(request):
    form = AccessLogFilterForm(request.GET or None, jobcenter=request.jobcenter)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.access_log_search(
        jobcenter=request.jobcenter,
        actor=filters.get("actor"),
        q=filters.get("q", ""),
        action=filters.get("action", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = paginate(queryset, request)
    criterion = "&".join(
        f"{name}={value.pk if hasattr(value, 'pk') else value}" for name, value in filters.items() if value
    )
    access_record(
        request=request,
        action=AccessAction.SEARCH if criterion else AccessAction.VIEW,
        purpose=_("Kontrol af adgangsloggen"),
        criterion=criterion,
    )
    context = {"form": form, "page": page, "query": query_without(request)}
    return render(request, "audit/access_log.html", context)


@role_required(*COORDINATORS)
@require_GET
def person_access_log(request, subject: Subject, pk: int):
    person = selectors.person_get(jobcenter=request.jobcenter, subject=subject, pk=pk)
    page = paginate(selectors.person_access_log(jobcenter=request.jobcenter, subject=subject, person=person), request)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Hvem har set personens data"), obj=person)
    context = {**_person_context(subject, person), "page": page, "query": query_without(request)}
    return render(request, "audit/person_access_log.html", context)


# --- Subject access (art. 15) ---------------------------------------------------------------------


def _export_for(request, subject: Subject, pk: int, *, purpose: str):
    person = selectors.person_get(jobcenter=request.jobcenter, subject=subject, pk=pk)
    access_record(request=request, action=AccessAction.EXPORT, purpose=purpose, obj=person)
    return person, subject_export(subject=subject, person=person)


def _filename(subject: Subject, pk: int, extension: str) -> str:
    return f"indsigt-{SUBJECT_SLUGS[subject]}-{pk}-{timezone.localdate():%Y-%m-%d}.{extension}"


@role_required(*COORDINATORS)
@require_GET
def subject_access(request, subject: Subject, pk: int):
    person, export = _export_for(request, subject, pk, purpose=_("Indsigt efter databeskyttelsesforordningens art. 15"))
    response = render(request, "audit/subject_access.html", {**_person_context(subject, person), "export": export})
    response["Cache-Control"] = "no-store"
    return response


@role_required(*COORDINATORS)
@require_GET
def subject_access_json(request, subject: Subject, pk: int):
    _person, export = _export_for(
        request, subject, pk, purpose=_("Indsigt efter databeskyttelsesforordningens art. 15 (JSON)")
    )
    response = HttpResponse(export.as_json(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(subject, pk, "json")}"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(*COORDINATORS)
@require_GET
def subject_access_pdf_view(request, subject: Subject, pk: int):
    _person, export = _export_for(
        request, subject, pk, purpose=_("Indsigt efter databeskyttelsesforordningens art. 15 (PDF)")
    )
    response = HttpResponse(subject_access_pdf(export), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(subject, pk, "pdf")}"'
    response["Cache-Control"] = "no-store"
    return response


# --- Deletion on request --------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def erase(request, subject: Subject, pk: int):
    person = selectors.person_get(jobcenter=request.jobcenter, subject=subject, pk=pk)
    found = PersonRows(subject, person)
    blockers = erase_blockers(subject=subject, person=person, found=found)
    form = EraseForm(request.POST or None)
    if not blockers and (
        response := form_submit(
            request,
            form,
            lambda: person_erase(
                actor=request.user, subject=subject, person=person, reason=form.cleaned_data["reason"]
            ),
            success_message=_("Personen og alle oplysninger om personen er slettet."),
            redirect_to=selectors.person_list_url(subject, person),  # read before the person is gone
        )
    ):
        return response
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Sletning efter anmodning"), obj=person)
    summary = [
        {"title": entry.title, "count": len(ids), "on_erase": entry.on_erase}
        for entry, ids in found.all().items()
        if ids and entry.on_erase != OnErase.BLOCK
    ]
    context = {**_person_context(subject, person), "form": form, "blockers": blockers, "summary": summary}
    return render(request, "audit/erase_confirm.html", context)


# --- Archive mark ---------------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def archive_hold(request, pk: int):
    citizen = selectors.person_get(jobcenter=request.jobcenter, subject=Subject.CITIZEN, pk=pk)
    hold = selectors.archive_hold_of(citizen=citizen)
    if request.method == "POST" and request.POST.get("clear") and hold is not None:
        services.archive_hold_clear(actor=request.user, citizen=citizen)
        messages.success(request, _("Markeringen er fjernet. Sagen følger igen slettefristerne."))
        return redirect("audit:archive_hold", pk=citizen.pk)
    form = ArchiveHoldForm(None if request.POST.get("clear") else request.POST or None, initial=_initial(hold))
    if request.method == "POST" and form.is_valid():
        services.archive_hold_set(actor=request.user, citizen=citizen, reason=form.cleaned_data["reason"])
        messages.success(request, _("Sagen er markeret til bevaring i kommunens arkiv."))
        return redirect("audit:archive_hold", pk=citizen.pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Bevaring til arkiv"), obj=citizen)
    context = {**_person_context(Subject.CITIZEN, citizen), "hold": hold, "form": form}
    return render(request, "audit/archive_hold.html", context)


def _initial(hold) -> dict:
    return {"reason": hold.reason} if hold is not None else {}
