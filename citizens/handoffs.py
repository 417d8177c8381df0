"""The hand-offs of the citizens app (notifications.handoffs): a proposal to a company, the company's answer,
what the company writes back, and a new referral. Each function is called by the service that performs the
step, inside its transaction. Only a citizen's first name reaches an e-mail, and no person's name an inbox
title; the rest is behind the link, on a page that checks access and logs the read."""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications import handoffs


def placement_proposed(*, placement) -> None:
    """A coordinator proposed a placement: the company's leaders accept or decline it in the portal."""
    company = placement.company
    with handoffs.danish():
        values = {
            "company": company.name,
            "type": placement.placement_type.name,
            "citizen": handoffs.first_name(placement.citizen.name),
            "start": handoffs.date_text(placement.starts_on),
            "end": handoffs.date_text(placement.ends_on),
        }
        context = handoffs.Context(
            title=_("Jobcentret foreslår et forløb hos %(company)s") % values,
            lines=[
                _("Jobcentret foreslår et forløb i %(type)s for %(citizen)s fra %(start)s til %(end)s.") % values,
                _("Sig ja (og vælg virksomhedsmentor) eller nej i portalen."),
            ],
            link=reverse("portal:placement_detail", kwargs={"pk": placement.pk}),
            company=company,
        )
    handoffs.notify("placement.proposed", handoffs.leaders(company), placement, context)


def placement_answered(*, placement) -> None:
    """A leader accepted or declined a proposal: the placement's job consultant takes it from there."""
    accepted = placement.has_begun
    with handoffs.danish():
        values = {"company": placement.company.name, "citizen": handoffs.first_name(placement.citizen.name)}
        if accepted:
            title = _("%(company)s har sagt ja til et forløb") % values
            lines = [
                _("%(company)s har sagt ja til forløbet for %(citizen)s og valgt virksomhedsmentor.") % values,
            ]
        else:
            title = _("%(company)s har sagt nej til et forløb") % values
            lines = [
                _("%(company)s har sagt nej til forløbet for %(citizen)s. Begrundelsen står på forløbet.") % values,
            ]
        context = handoffs.Context(
            title=title, lines=lines, link=reverse("citizens:placement_detail", kwargs={"pk": placement.pk})
        )
    event = "placement.accepted" if accepted else "placement.declined"
    handoffs.notify(event, handoffs.job_consultant(placement), placement, context)


def follow_up_by_company(*, follow_up, placement) -> None:
    """A leader wrote a follow-up in the portal: the placement's job consultant reads it."""
    with handoffs.danish():
        values = {"company": placement.company.name, "citizen": handoffs.first_name(placement.citizen.name)}
        context = handoffs.Context(
            title=_("%(company)s har skrevet en opfølgning") % values,
            lines=[_("%(company)s har skrevet en opfølgning på forløbet for %(citizen)s.") % values],
            link=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
        )
    handoffs.notify("follow_up.by_company", handoffs.job_consultant(placement), follow_up, context)


def assessment_by_company(*, assessment, placement) -> None:
    """A leader recorded the company's progress assessment: the placement's job consultant reads it."""
    with handoffs.danish():
        values = {"company": placement.company.name, "citizen": handoffs.first_name(placement.citizen.name)}
        context = handoffs.Context(
            title=_("%(company)s har udfyldt kompetencekort") % values,
            lines=[_("%(company)s har vurderet udviklingen for %(citizen)s på kompetencekortene.") % values],
            link=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
        )
    handoffs.notify("assessment.by_company", handoffs.job_consultant(placement), assessment, context)


def citizen_referred(*, citizen, actor) -> None:
    """A new citizen was referred: the coordinators find a mentor (the referrer is not told of their own step)."""
    with handoffs.danish():
        values = {"citizen": handoffs.first_name(citizen.name)}
        context = handoffs.Context(
            title=_("En ny borger er henvist"),
            lines=[_("%(citizen)s er henvist og venter på en mentor.") % values],
            link=reverse("citizens:detail", kwargs={"pk": citizen.pk}),
        )
    handoffs.notify("citizen.referred", handoffs.coordinators(citizen.jobcenter_id), citizen, context, actor=actor)


def first_meeting_told(
    *, plan, agreement, recipient, cancelled: bool, moved: bool, when: str, period: str, attachments
) -> None:
    """A coordinator planned, moved or called off the first meeting: the caseworker (or contact person) invited
    to it gets its calendar file (REQUEST or CANCEL) by e-mail and an inbox item. They get it also when they
    planned it themselves, since the file is what puts the meeting in their calendar."""
    with handoffs.danish():
        values = {"citizen": handoffs.first_name(agreement.citizen.name), "when": when, "place": plan.place}
        if cancelled:
            title = _("Opstartsmøde aflyst")
            lines = [
                _("Opstartsmødet om mentorforløbet for %(citizen)s %(when)s er aflyst for dig.") % values,
                _("Aflysningen til din kalender er vedhæftet."),
            ]
        else:
            title = _("Opstartsmøde flyttet") if moved else _("Invitation til opstartsmøde")
            lines = [
                _("Opstartsmøde om mentorforløbet for %(citizen)s: %(when)s, %(place)s.") % values,
                _("Invitationen til din kalender er vedhæftet."),
            ]
        context = handoffs.Context(
            title=title,
            lines=lines,
            link=reverse("citizens:agreement_detail", kwargs={"pk": agreement.pk}),
            period=period,
            attachments=tuple(attachments),
        )
    event = "first_meeting.cancelled" if cancelled else "first_meeting.planned"
    handoffs.notify(event, [recipient], plan, context, jobcenter=agreement.jobcenter)
