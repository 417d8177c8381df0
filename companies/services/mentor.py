"""Company mentors and their nominations for the mentor course."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.services import activity_record
from companies import handoffs
from companies.models import Company, CompanyMentor, CourseNomination, NominationStatus
from companies.services._common import _apply, _check_same_jobcenter
from mentorship.constraints import constraint_errors

MENTOR_FIELDS = (
    "full_name",
    "job_title",
    "email",
    "phone",
    "years_in_company",
    "experience",
    "hourly_wage",
    "course_completed_on",
    "is_new",
    "shadowing",
    "is_active",
)


# --- Company mentors ------------------------------------------------------------------------------


def _check_mentor_links(company: Company, data: dict, competences, mentor: CompanyMentor | None = None) -> None:
    shadowing = data.get("shadowing")
    if shadowing is not None:
        if shadowing.company_id != company.pk:
            raise ValueError("A mentor can only shadow a mentor of the same company.")
        if mentor is not None and shadowing.pk == mentor.pk:
            raise ValidationError({"shadowing": _("En mentor kan ikke følge sig selv.")})
    _check_same_jobcenter(company.jobcenter, competences=competences or ())


@constraint_errors
@transaction.atomic
def company_mentor_create(*, actor, company: Company, data: dict, competences=()) -> CompanyMentor:
    """Adds an employee of `company` as a company mentor, with competences of the company's jobcenter."""
    _check_mentor_links(company, data, competences)
    mentor = CompanyMentor(company=company)
    _apply(mentor, data, MENTOR_FIELDS)
    mentor.full_clean()
    mentor.save()
    mentor.competences.set(competences)
    activity_record(actor=actor, action="companies.mentor.created", obj=mentor, jobcenter=company.jobcenter)
    return mentor


@constraint_errors
@transaction.atomic
def company_mentor_update(*, actor, mentor: CompanyMentor, data: dict, competences=None) -> CompanyMentor:
    """Updates a company mentor; links stay inside the mentor's company and jobcenter. Compares with
    the row re-read (and locked) here, as company_update does."""
    mentor = CompanyMentor.objects.select_for_update().get(pk=mentor.pk)
    _check_mentor_links(mentor.company, data, competences, mentor=mentor)
    changed = _apply(mentor, data, MENTOR_FIELDS)
    mentor.full_clean()
    if changed:
        mentor.save(update_fields=changed)
    if competences is not None:
        before = set(mentor.competences.values_list("pk", flat=True))
        if before != {c.pk for c in competences}:
            mentor.competences.set(competences)
            changed.append("competences")
    if changed:
        activity_record(
            actor=actor,
            action="companies.mentor.updated",
            obj=mentor,
            jobcenter=mentor.company.jobcenter,
            data={"fields": changed},
        )
    return mentor


@constraint_errors
@transaction.atomic
def course_nomination_create(*, actor, mentor: CompanyMentor, wish: str = "") -> CourseNomination:
    """Records a leader's wish that `mentor` attends a mentor course. One open nomination per mentor:
    a second one updates the wish of the open one. The coordinators are told once per nomination (outbox and
    inbox, companies.handoffs)."""
    open_ones = CourseNomination.objects.select_for_update().filter(mentor=mentor, status=NominationStatus.NEW)
    nomination = open_ones.first()
    if nomination is None:
        try:
            with transaction.atomic():
                nomination = CourseNomination.objects.create(mentor=mentor, wish=wish, nominated_by=actor)
        except IntegrityError:
            # Another request opened one a moment ago (the partial unique index waited for it): update that.
            nomination = open_ones.get()
    if nomination.wish != wish:
        nomination.wish = wish
        nomination.save(update_fields=["wish"])
    activity_record(
        actor=actor, action="companies.course_nomination.created", obj=nomination, jobcenter=mentor.company.jobcenter
    )
    handoffs.course_nomination_created(nomination=nomination)
    return nomination


@transaction.atomic
def course_nomination_handle(*, actor, nomination: CourseNomination) -> CourseNomination:
    """A coordinator marks a nomination as handled (e.g. the mentor was signed up for a course)."""
    if not nomination.is_handled:
        nomination.status = NominationStatus.HANDLED
        nomination.save(update_fields=["status"])
        activity_record(
            actor=actor,
            action="companies.course_nomination.handled",
            obj=nomination,
            jobcenter=nomination.mentor.company.jobcenter,
        )
    return nomination
