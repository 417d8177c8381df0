"""What courses' services write to the activity log (registry: audit.actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class CoursesAction(models.TextChoices):
    COURSE_TYPE_SEED = "courses.course_type.seed", _("Standardkursustyper oprettet")
    COURSE_CREATE = "courses.course.create", _("Kursus oprettet")
    COURSE_UPDATE = "courses.course.update", _("Kursus ændret")
    COURSE_CANCEL = "courses.course.cancel", _("Kursus aflyst")
    COURSE_COMPLETE = "courses.course.complete", _("Kursus afsluttet")
    SESSION_ADD = "courses.session.add", _("Kursusdag tilføjet")
    SESSION_UPDATE = "courses.session.update", _("Kursusdag flyttet")
    SESSION_REMOVE = "courses.session.remove", _("Kursusdag fjernet")
    YEAR_PLAN_CREATE = "courses.year_plan.create", _("Årsplan oprettet")
    INVITATION_SEND = "courses.invitation.send", _("Invitationer til kursus sendt")
    INVITATION_OPEN = "courses.invitation.open", _("Invitation til kursus åbnet")
    INVITATION_DECLINE = "courses.invitation.decline", _("Invitation til kursus afslået")
    REGISTRATION_CREATE = "courses.registration.create", _("Tilmelding til kursus")
    REGISTRATION_CANCEL = "courses.registration.cancel", _("Tilmelding til kursus annulleret")
    REGISTRATION_OFFER = "courses.registration.offer", _("Plads tilbudt fra ventelisten")
    REGISTRATION_ACCEPT_OFFER = "courses.registration.accept_offer", _("Tilbudt plads taget")
    REGISTRATION_DECLINE_OFFER = "courses.registration.decline_offer", _("Tilbudt plads afslået")
    REGISTRATION_OFFER_LAPSED = "courses.registration.offer_lapsed", _("Tilbud om plads udløbet")
    ATTENDANCE_RECORD = "courses.attendance.record", _("Fremmøde registreret")
    EVALUATION_SUBMIT = "courses.evaluation.submit", _("Evaluering af kursus afgivet")
    SHADOWING_CREATE = "courses.shadowing.create", _("Følgeordning oprettet")
