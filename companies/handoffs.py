"""The hand-offs of the companies app (notifications.handoffs): what a claim or a course nomination tells whom.
Each function is called by the service that performs the step, inside its transaction."""

from django.urls import reverse
from django.utils.translation import gettext as _

from companies.models import ClaimStatus
from notifications import handoffs


def claim_submitted(*, claim) -> None:
    """A leader submitted (or resubmitted) a claim: the coordinators approve or reject it. Each submission is
    its own hand-off (the period is the moment it was submitted)."""
    with handoffs.danish():
        month = handoffs.date_text(claim.month, "month")
        context = handoffs.Context(
            title=_("%(company)s har søgt om frikøb for %(month)s") % {"company": claim.company.name, "month": month},
            values={"virksomhed": claim.company.name, "måned": month},
            link=reverse("companies:claim_detail", kwargs={"pk": claim.pk}),
            period=handoffs.moment_period("s", claim.submitted_at),
        )
    handoffs.notify("claim.submitted", handoffs.coordinators(claim.jobcenter_id), claim, context)


def claim_decided(*, claim) -> None:
    """A coordinator approved or rejected a claim: the leader who submitted it is told (a rejection with the
    reason, so they can correct and resubmit)."""
    approved = claim.status == ClaimStatus.APPROVED
    with handoffs.danish():
        month = handoffs.date_text(claim.month, "month")
        values = {"month": month}
        if approved:
            title = _("Jobcentret har godkendt anmodningen om frikøb for %(month)s") % values
        else:
            title = _("Jobcentret har afvist anmodningen om frikøb for %(month)s") % values
        context = handoffs.Context(
            title=title,
            values={"virksomhed": claim.company.name, "måned": month},
            reason="" if approved else claim.rejection_reason,
            link=reverse("portal:claim_detail", kwargs={"pk": claim.pk}),
            period=handoffs.moment_period("d", claim.decided_at),
            company=claim.company,
        )
    event = "claim.approved" if approved else "claim.rejected"
    handoffs.notify(event, handoffs.leader_or_leaders(claim.submitted_by, claim.company), claim, context)


def course_nomination_created(*, nomination) -> None:
    """A leader nominated a company mentor for a mentor course: the coordinators find a seat (the start page's
    to-do list counts the open nominations too). A changed wish on the open nomination tells no one again."""
    company = nomination.mentor.company
    with handoffs.danish():
        context = handoffs.Context(
            title=_("%(company)s har indstillet en mentor til mentorkursus") % {"company": company.name},
            values={"virksomhed": company.name, "mentor": nomination.mentor.full_name},
            link=reverse("companies:detail", kwargs={"pk": company.pk}),
        )
    recipients = handoffs.coordinators(company.jobcenter_id)
    handoffs.notify("course_nomination.created", recipients, nomination, context, jobcenter=company.jobcenter)
