"""What corps' services write to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class CorpsAction(models.TextChoices):
    COMPETENCE_SEED = "corps.competence.seed", _("Standardkompetencer oprettet")
    MENTOR_APPLY = "corps.mentor.apply", _("Ansøgning til mentorkorpset modtaget")
    MENTOR_APPLY_AGAIN = "corps.mentor.apply_again", _("Ansøger søgte igen")
    MENTOR_CREATE = "corps.mentor.create", _("Mentor oprettet")
    MENTOR_UPDATE = "corps.mentor.update", _("Mentorens oplysninger ændret")
    MENTOR_INTERVIEW_BOOK = "corps.mentor.interview_book", _("Samtale med ansøger aftalt")
    MENTOR_APPROVE = "corps.mentor.approve", _("Ansøger godkendt")
    MENTOR_REJECT = "corps.mentor.reject", _("Ansøger afvist")
    MENTOR_ACTIVATE = "corps.mentor.activate", _("Mentor aktiveret")
    MENTOR_PAUSE = "corps.mentor.pause", _("Mentor sat på pause")
    MENTOR_RESIGN = "corps.mentor.resign", _("Mentor udtrådt af korpset")
    MENTOR_RESUME_DUE = "corps.mentor.resume_due", _("Mentor aktiv igen efter pause")
    MENTOR_NOTE_ADD = "corps.mentor.note_add", _("Note om mentor tilføjet")
    MENTOR_IMPORT = "corps.mentor.import", _("Mentorkorps importeret")
    QUALIFICATION_ADD = "corps.qualification.add", _("Kvalifikation tilføjet")
    HOURS_RECORD = "corps.hours.record", _("Mentortimer registreret")
    HOURS_APPROVE = "corps.hours.approve", _("Mentortimer godkendt")
    HOURS_REJECT = "corps.hours.reject", _("Mentortimer afvist")
