"""The hand-offs of the citizens app (notifications.handoffs): a proposal to a company, the company's answer,
what the company writes back, and a new referral. Each function is called by the service that performs the
step, inside its transaction. Only a citizen's first name reaches an e-mail, and no person's name an inbox
title; the rest is behind the link, on a page that checks access and logs the read."""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications import handoffs


def _company_values(placement) -> dict[str, str]:
    """The values of a company's hand-off's opening (notifications.handoffs.OPENINGS): first name only."""
    return {"virksomhed": placement.company.name, "borger_fornavn": handoffs.first_name(placement.citizen.name)}


def placement_proposed(*, placement) -> None:
    """A coordinator proposed a placement: the company's leaders accept or decline it in the portal."""
    company = placement.company
    with handoffs.danish():
        context = handoffs.Context(
            title=_("Jobcentret foreslår et forløb hos %(company)s") % {"company": company.name},
            values={
                "virksomhed": company.name,
                "forløbstype": placement.placement_type.name,
                "borger_fornavn": handoffs.first_name(placement.citizen.name),
                "start": handoffs.date_text(placement.starts_on),
                "slut": handoffs.date_text(placement.ends_on),
                "dato": handoffs.date_text(placement.starts_on, "long"),
            },
            lines=[_("Sig ja (og vælg virksomhedsmentor) eller nej i portalen.")],
            link=reverse("portal:placement_detail", kwargs={"pk": placement.pk}),
            company=company,
        )
    handoffs.notify("placement.proposed", handoffs.leaders(company), placement, context)


def placement_answered(*, placement) -> None:
    """A leader accepted or declined a proposal: the placement's job consultant takes it from there."""
    accepted = placement.has_begun
    with handoffs.danish():
        values = {"company": placement.company.name}
        if accepted:
            title = _("%(company)s har sagt ja til et forløb") % values
        else:
            title = _("%(company)s har sagt nej til et forløb") % values
        context = handoffs.Context(
            title=title,
            values=_company_values(placement),
            link=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
        )
    event = "placement.accepted" if accepted else "placement.declined"
    handoffs.notify(event, handoffs.job_consultant(placement), placement, context)


def follow_up_by_company(*, follow_up, placement) -> None:
    """A leader wrote a follow-up in the portal: the placement's job consultant reads it."""
    with handoffs.danish():
        context = handoffs.Context(
            title=_("%(company)s har skrevet en opfølgning") % {"company": placement.company.name},
            values=_company_values(placement),
            link=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
        )
    handoffs.notify("follow_up.by_company", handoffs.job_consultant(placement), follow_up, context)


def assessment_by_company(*, assessment, placement) -> None:
    """A leader recorded the company's progress assessment: the placement's job consultant reads it."""
    with handoffs.danish():
        context = handoffs.Context(
            title=_("%(company)s har udfyldt kompetencekort") % {"company": placement.company.name},
            values=_company_values(placement),
            link=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
        )
    handoffs.notify("assessment.by_company", handoffs.job_consultant(placement), assessment, context)


def citizen_referred(*, citizen, actor) -> None:
    """A new citizen was referred: the coordinators find a mentor (the referrer is not told of their own step)."""
    with handoffs.danish():
        context = handoffs.Context(
            title=_("En ny borger er henvist"),
            values={"borger_fornavn": handoffs.first_name(citizen.name)},
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
        values = {"borger_fornavn": handoffs.first_name(agreement.citizen.name), "tidspunkt": when, "sted": plan.place}
        if cancelled:
            title = _("Opstartsmøde aflyst")
            lines = [_("Aflysningen til din kalender er vedhæftet.")]
        else:
            title = _("Opstartsmøde flyttet") if moved else _("Invitation til opstartsmøde")
            lines = [_("Invitationen til din kalender er vedhæftet.")]
        context = handoffs.Context(
            title=title,
            values=values,
            lines=lines,
            link=reverse("citizens:agreement_detail", kwargs={"pk": agreement.pk}),
            period=period,
            attachments=tuple(attachments),
        )
    event = "first_meeting.cancelled" if cancelled else "first_meeting.planned"
    handoffs.notify(event, [recipient], plan, context, jobcenter=agreement.jobcenter)
