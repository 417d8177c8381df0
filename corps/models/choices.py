"""A mentor's choices: status, attachment, gender, employment, source, the availability bitmasks, age
bands, and the postcode and phone validators."""

from datetime import date

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MentorStatus(models.TextChoices):
    APPLICANT = "applicant", _("Ansøger")
    INTERVIEW = "interview", _("Samtale aftalt")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Afvist")
    ACTIVE = "active", _("Aktiv")
    PAUSED = "paused", _("På pause")
    RESIGNED = "resigned", _("Fratrådt")


class Attachment(models.TextChoices):
    """How the mentor is attached to the labour market; one is required (seed 004)."""

    JOB = "job", _("I job")
    EDUCATION = "education", _("I uddannelse")
    RETIRED = "retired", _("Pensioneret efter et langt arbejdsliv")


class Gender(models.TextChoices):
    FEMALE = "female", _("Kvinde")
    MALE = "male", _("Mand")
    OTHER = "other", _("Andet")
    UNSPECIFIED = "", _("Ikke oplyst")


class Employment(models.TextChoices):
    HOURLY = "hourly", _("Timeansat (mentorkorps)")
    FULL_TIME = "full_time", _("Fuldtidsansat (mentorkorps)")


class Source(models.TextChoices):
    APPLICATION = "application", _("Ansøgning via hjemmesiden")
    MANUAL = "manual", _("Oprettet af koordinator")
    IMPORT = "import", _("Importeret")


# Availability is stored as two bit sets, so a list filter is one bitwise AND on an indexed table.
WEEKDAYS = [
    (1 << 0, _("Mandag")),
    (1 << 1, _("Tirsdag")),
    (1 << 2, _("Onsdag")),
    (1 << 3, _("Torsdag")),
    (1 << 4, _("Fredag")),
    (1 << 5, _("Lørdag")),
    (1 << 6, _("Søndag")),
]
DAY_PARTS = [
    (1 << 0, _("Formiddag")),
    (1 << 1, _("Eftermiddag")),
    (1 << 2, _("Aften")),
]
ALL_WEEKDAYS = sum(bit for bit, _label in WEEKDAYS)
ALL_DAY_PARTS = sum(bit for bit, _label in DAY_PARTS)

AGE_BANDS = [
    ("u25", _("Under 25 år"), 0, 24),
    ("25-34", _("25–34 år"), 25, 34),
    ("35-44", _("35–44 år"), 35, 44),
    ("45-54", _("45–54 år"), 45, 54),
    ("55-64", _("55–64 år"), 55, 64),
    ("65+", _("65 år og derover"), 65, 200),
]


def age_band_of(birth_year: int | None, today: date | None = None) -> tuple[str, str] | None:
    """(key, label) of the age band for a birth year; the product shows bands, never a birth year."""
    if not birth_year:
        return None
    age = (today or timezone.localdate()).year - birth_year
    for key, label, low, high in AGE_BANDS:
        if low <= age <= high:
            return key, str(label)
    return None


def bits_labels(value: int, choices) -> list[str]:
    return [str(label) for bit, label in choices if value & bit]


postcode_validator = RegexValidator(r"^\d{4}$", _("Postnummeret skal være fire cifre."))
phone_validator = RegexValidator(
    r"^\+?[0-9 ]{8,15}$", _("Skriv telefonnummeret med cifre, fx 20 30 40 50 eller +45 20304050.")
)
