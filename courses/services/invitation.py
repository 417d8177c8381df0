"""Invitations to a course: who is invited, sending them, and the invited person opening or declining."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from courses import message_kinds as mk
from courses import tokens
from courses.models import (
    Course,
    Invitation,
    InvitationSource,
    InvitationStatus,
    Registration,
)
from courses.services._common import RS, _link, _lock, _message, _send_all, _sessions
from mentorship.constraints import constraint_errors

if TYPE_CHECKING:  # imported inside the functions that use them at run time
    from companies.models import Company, CompanyMentor
    from corps.models import Mentor


@dataclass(frozen=True)
class Invitee:
    email: str
    name: str = ""
    company: "Company | None" = None
    corps_mentor: "Mentor | None" = None
    company_mentor: "CompanyMentor | None" = None


def invitees_for(*, course: Course, source: str) -> list[Invitee]:
    """Who a group invitation reaches: every company in the municipality with a contact e-mail, every
    earlier participant of the jobcenter's courses, or the active corps."""
    from companies.models import Company
    from corps.models import Mentor, MentorStatus

    jobcenter = course.jobcenter
    if source == InvitationSource.COMPANIES:
        return [
            Invitee(email=c.contact_email, name=c.contact_name or c.name, company=c)
            for c in Company.objects.filter(jobcenter=jobcenter).exclude(contact_email="").order_by("name")
        ]
    if source == InvitationSource.CORPS:
        return [
            Invitee(email=m.email, name=m.full_name, corps_mentor=m)
            for m in Mentor.objects.filter(
                jobcenter=jobcenter, status__in=[MentorStatus.ACTIVE, MentorStatus.PAUSED]
            ).order_by("full_name")
        ]
    if source == InvitationSource.FORMER:
        seen: dict[str, Invitee] = {}
        former = (
            Registration.objects.filter(course__jobcenter=jobcenter, status=RS.REGISTERED)
            .exclude(course=course)
            .filter(Q(completed_on__isnull=False) | Q(course__last_day__lt=timezone.localdate()))
            .select_related("company", "corps_mentor", "company_mentor")
            .order_by("-created_at")
        )
        for r in former:
            seen.setdefault(
                r.email.lower(),
                Invitee(
                    email=r.email,
                    name=r.name,
                    company=r.company,
                    corps_mentor=r.corps_mentor,
                    company_mentor=r.company_mentor,
                ),
            )
        return list(seen.values())
    raise ValueError(f"Unknown invitation source {source!r}")


@constraint_errors
@transaction.atomic
def invitations_send(*, actor, course: Course, source: str, invitees: Iterable[Invitee] | None = None) -> int:
    """Invites a group (or the hand-picked `invitees`) to a course: one tracked invitation and one e-mail
    with a calendar file per address. Addresses already invited are skipped. Returns how many were sent."""
    course = _lock(course)
    if course.is_cancelled:
        raise ValidationError(_("Et aflyst kursus kan ikke få nye invitationer."))
    if course.last_day and course.last_day < timezone.localdate():
        raise ValidationError(_("Kurset er afholdt."))
    if invitees is None:
        invitees = invitees_for(course=course, source=source)
    invitees = list(invitees)
    jobcenter_id = course.jobcenter_id
    for invitee in invitees:
        for related in (invitee.company, invitee.corps_mentor):
            if related is not None and related.jobcenter_id != jobcenter_id:
                raise ValidationError(_("Vælg modtagere fra jobcentret."))
        if invitee.company_mentor is not None and invitee.company_mentor.company.jobcenter_id != jobcenter_id:
            raise ValidationError(_("Vælg modtagere fra jobcentret."))
    already = {e.lower() for e in Invitation.objects.filter(course=course).values_list("email", flat=True)}
    new = []
    for invitee in invitees:
        email = invitee.email.strip().lower()
        if not email or email in already:
            continue
        already.add(email)
        new.append(
            Invitation(
                course=course,
                source=source,
                email=email,
                name=invitee.name.strip(),
                company=invitee.company,
                corps_mentor=invitee.corps_mentor,
                company_mentor=invitee.company_mentor,
                invited_by=actor,
            )
        )
    Invitation.objects.bulk_create(new)
    created = list(Invitation.objects.filter(course=course, email__in=[i.email for i in new]))
    sessions = _sessions(course)
    _send_all(
        course,
        [
            _message(
                mk.INVITATION,
                course,
                sessions,
                email=invitation.email,
                name=invitation.name or invitation.email,
                about=invitation,
                key=f"{mk.INVITATION}:{invitation.pk}",
                link=_link("courses:public_invitation", tokens.make(tokens.INVITATION, invitation.pk)),
            )
            for invitation in created
        ],
    )
    activity_record(
        actor=actor, action="courses.invitation.send", obj=course, data={"source": source, "sent": len(created)}
    )
    return len(created)


@transaction.atomic
def invitation_open(*, invitation: Invitation) -> Invitation:
    """The recipient opened the registration link (first time only)."""
    updated = Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.SENT).update(
        status=InvitationStatus.OPENED, opened_at=timezone.now()
    )
    if updated:
        invitation.refresh_from_db()
        activity_record(
            actor=None, action="courses.invitation.open", obj=invitation, jobcenter=invitation.course.jobcenter
        )
    return invitation


@transaction.atomic
def invitation_decline(*, invitation: Invitation) -> Invitation:
    """The recipient declined through the link."""
    invitation = Invitation.objects.select_for_update().select_related("course__jobcenter").get(pk=invitation.pk)
    if invitation.status == InvitationStatus.REGISTERED:
        raise ValidationError(_("Du er tilmeldt. Kontakt jobcentret, hvis du vil afmelde dig."))
    now = timezone.now()
    invitation.status = InvitationStatus.DECLINED
    invitation.opened_at = invitation.opened_at or now
    invitation.responded_at = now
    invitation.save(update_fields=["status", "opened_at", "responded_at"])
    activity_record(
        actor=None, action="courses.invitation.decline", obj=invitation, jobcenter=invitation.course.jobcenter
    )
    return invitation
