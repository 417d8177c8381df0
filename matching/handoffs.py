"""The hand-offs of matching (notifications.handoffs): a declined offer, and a committed cohort's proposals.
Each function is called by the service that performs the step, inside its transaction."""

from itertools import groupby

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications import handoffs


def offer_declined(*, offer, next_offer=None) -> None:
    """A corps mentor said no: the coordinator who sent the offer decides what next (told whether the next
    suggestion has already been offered)."""
    with handoffs.danish():
        values = {"mentor": offer.mentor.full_name, "borger_fornavn": handoffs.first_name(offer.citizen.name)}
        lines = []
        if next_offer is not None:
            lines.append(
                _("Opgaven er sendt videre til næste forslag, %(mentor)s.") % {"mentor": next_offer.mentor.full_name}
            )
        else:
            lines.append(_("Der er ikke sendt et nyt tilbud. Find en anden mentor til borgeren."))
        context = handoffs.Context(
            title=_("En mentor har sagt nej til et tilbud om en mentoropgave"),
            values=values,
            lines=lines,
            link=reverse("matching:citizen", kwargs={"pk": offer.citizen_id}),
        )
    recipients = handoffs.person_or_coordinators(offer.offered_by, offer.jobcenter_id)
    handoffs.notify("offer.declined", recipients, offer, context, actor=offer.closed_by)


def cohort_proposed(*, cohort, placements) -> None:
    """A committed cohort proposes its placements: one message per company (to each of its leaders) listing
    the company's citizens by first name, never one per citizen. All companies' messages and inbox items are
    written at once (`notify_all`), in the same number of queries for 5 companies as for 50."""
    by_company = groupby(sorted(placements, key=lambda p: (p.company_id, p.pk)), key=lambda p: p.company_id)
    groups = [list(group) for _company_id, group in by_company]
    leaders = handoffs.leaders_by_company(rows[0].company for rows in groups)
    steps = []
    for rows in groups:
        company = rows[0].company
        with handoffs.danish():
            context = handoffs.Context(
                title=_("Jobcentret foreslår %(count)s forløb hos %(company)s")
                % {"count": len(rows), "company": company.name},
                values={
                    "antal": str(len(rows)),
                    "virksomhed": company.name,
                    "forløbstype": cohort.placement_type.name,
                    "start": handoffs.date_text(cohort.starts_on),
                    "slut": handoffs.date_text(cohort.ends_on),
                    "dato": handoffs.date_text(cohort.starts_on, "long"),
                    "hold": cohort.name,
                },
                items=[handoffs.first_name(placement.citizen.name) for placement in rows],
                link=reverse("portal:placements"),
                period=f"c{company.pk}",
                company=company,
            )
        steps.append(handoffs.Step(leaders[company.pk], cohort, context))
    handoffs.notify_all("cohort.proposed", steps)
