"""What companies' services write to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class CompaniesAction(models.TextChoices):
    COMPANY_CREATED = "companies.company.created", _("Virksomhed oprettet")
    COMPANY_UPDATED = "companies.company.updated", _("Virksomhedens oplysninger ændret")
    MENTOR_CREATED = "companies.mentor.created", _("Virksomhedsmentor oprettet")
    MENTOR_UPDATED = "companies.mentor.updated", _("Virksomhedsmentor ændret")
    COURSE_NOMINATION_CREATED = "companies.course_nomination.created", _("Virksomhedsmentor indstillet til kursus")
    COURSE_NOMINATION_HANDLED = "companies.course_nomination.handled", _("Indstilling til kursus behandlet")
    LEADER_INVITATION_CREATED = "companies.leader_invitation.created", _("Leder inviteret til portalen")
    LEADER_INVITATION_REVOKED = "companies.leader_invitation.revoked", _("Invitation til leder trukket tilbage")
    LEADER_INVITATION_ACCEPTED = "companies.leader_invitation.accepted", _("Leder tog imod invitationen")
    LEADER_REMOVED = "companies.leader.removed", _("Leders adgang til portalen fjernet")
    # claim_submit, and _decide with the ClaimStatus it sets (companies.claim.<status>).
    CLAIM_SUBMITTED = "companies.claim.submitted", _("Anmodning om frikøb indsendt")
    CLAIM_RESUBMITTED = "companies.claim.resubmitted", _("Anmodning om frikøb indsendt igen")
    CLAIM_APPROVED = "companies.claim.approved", _("Anmodning om frikøb godkendt")
    CLAIM_REJECTED = "companies.claim.rejected", _("Anmodning om frikøb afvist")
