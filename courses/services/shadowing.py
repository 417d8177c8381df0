"""Shadowing: a new mentor follows an experienced one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import activity_record
from courses.models import (
    Shadowing,
)
from mentorship.constraints import constraint_errors


@constraint_errors
@transaction.atomic
def shadowing_create(
    *, actor, jobcenter, new, experienced, starts_on: datetime.date, ends_on: datetime.date, note: str = ""
) -> Shadowing:
    """A new mentor follows an experienced one (both corps mentors, or both mentors of the same company)
    for a start-up period. For company mentors it is also set on the mentor (companies' own field)."""
    from companies.models import CompanyMentor
    from companies.services import company_mentor_update
    from corps.models import Mentor

    if new.pk == experienced.pk and type(new) is type(experienced):
        raise ValidationError({"experienced": _("En mentor kan ikke følge sig selv.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Perioden skal slutte efter, den begynder.")})
    shadowing = Shadowing(
        jobcenter=jobcenter, starts_on=starts_on, ends_on=ends_on, note=(note or "").strip(), created_by=actor
    )
    if isinstance(new, Mentor) and isinstance(experienced, Mentor):
        if new.jobcenter_id != jobcenter.pk or experienced.jobcenter_id != jobcenter.pk:
            raise ValidationError({"experienced": _("Vælg mentorer fra jobcentret.")})
        shadowing.new_corps_mentor, shadowing.experienced_corps_mentor = new, experienced
    elif isinstance(new, CompanyMentor) and isinstance(experienced, CompanyMentor):
        if new.company.jobcenter_id != jobcenter.pk:
            raise ValidationError({"new": _("Vælg mentorer fra jobcentret.")})
        if new.company_id != experienced.company_id:
            raise ValidationError({"experienced": _("Den erfarne mentor skal være fra samme virksomhed.")})
        shadowing.new_company_mentor, shadowing.experienced_company_mentor = new, experienced
    else:
        raise ValidationError(
            {"experienced": _("Begge mentorer skal være fra mentorkorpset eller fra samme virksomhed.")}
        )
    shadowing.full_clean(exclude=["jobcenter"])
    shadowing.save()
    if shadowing.new_company_mentor is not None:
        company_mentor_update(actor=actor, mentor=new, data={"shadowing": experienced, "is_new": True})
    activity_record(actor=actor, action="courses.shadowing.create", obj=shadowing, jobcenter=jobcenter)
    return shadowing
