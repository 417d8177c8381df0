"""The daily retention job: deletes, for real, what has passed the jobcenter's retention periods.

- a citizen whose case ended (outcome date) more than N months ago, unless kept for the archive;
- a corps applicant rejected more than M months ago (unless still named in a citizen's case);
- access-log entries older than K months (with the retention setting, past the append-only trigger);
- sent or failed e-mails in the outbox older than their period.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.erasure import log_rows_delete_before, person_erase
from audit.models import AccessLog, ArchiveHold, RetentionKind, RetentionRule
from audit.registry import Subject
from audit.services import activity_record, retention_defaults_ensure

RETENTION_REASON = "Slettefristen er udløbet"


def months_before(value, months: int):
    """The same day `months` calendar months earlier (the last day of a shorter month)."""
    total = value.year * 12 + value.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return value.replace(year=year, month=month, day=min(value.day, last_day))


@dataclass
class RetentionResult:
    citizens: int = 0
    mentors: int = 0
    access_log: int = 0
    messages: int = 0
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "citizens": self.citizens,
            "mentors": self.mentors,
            "access_log": self.access_log,
            "messages": self.messages,
            "skipped": self.skipped,
        }


def retention_months(*, jobcenter) -> dict[str, int]:
    retention_defaults_ensure(jobcenter=jobcenter)
    return dict(RetentionRule.objects.filter(jobcenter=jobcenter).values_list("kind", "months"))


def expired_citizens(*, jobcenter, today: datetime.date, months: int):
    from citizens.models import Citizen, CitizenStatus

    held = ArchiveHold.objects.filter(jobcenter=jobcenter).values("citizen_id")
    return Citizen.objects.filter(
        jobcenter=jobcenter, status=CitizenStatus.ENDED, outcome_on__lt=months_before(today, months)
    ).exclude(pk__in=held)


def expired_applicants(*, jobcenter, now: datetime.datetime, months: int):
    from corps.models import Mentor, MentorStatus

    return Mentor.objects.filter(
        jobcenter=jobcenter, status=MentorStatus.REJECTED, status_changed_at__lt=months_before(now, months)
    )


def retention_apply(*, jobcenter, today: datetime.date | None = None) -> RetentionResult:
    """Applies the jobcenter's retention rules once. Idempotent: a second run the same day deletes nothing.
    Each person is deleted in its own transaction, so one refusal does not stop the rest. Runs inside the
    jobcenter's tenant scope (audit.tasks.retention_run sets it)."""
    from notifications.models import Message, MessageStatus

    # Months are counted on Copenhagen's calendar: months_before() of a UTC moment near midnight starts from the
    # day before, and at the end of a shorter month that moves the limit by a day.
    now = timezone.localtime()
    today = today or timezone.localdate()
    if today != timezone.localdate():
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    months = retention_months(jobcenter=jobcenter)
    result = RetentionResult()

    for citizen in expired_citizens(jobcenter=jobcenter, today=today, months=months[RetentionKind.CITIZEN_ENDED]):
        try:
            person_erase(actor=None, subject=Subject.CITIZEN, person=citizen, reason=RETENTION_REASON)
        except ValidationError:
            result.skipped.append(f"citizen:{citizen.pk}")
        else:
            result.citizens += 1
    for mentor in expired_applicants(jobcenter=jobcenter, now=now, months=months[RetentionKind.MENTOR_REJECTED]):
        try:
            person_erase(actor=None, subject=Subject.MENTOR, person=mentor, reason=RETENTION_REASON)
        except ValidationError:
            result.skipped.append(f"mentor:{mentor.pk}")
        else:
            result.mentors += 1
    with transaction.atomic():
        result.access_log = log_rows_delete_before(
            AccessLog, jobcenter_id=jobcenter.pk, before=months_before(now, months[RetentionKind.ACCESS_LOG])
        )
        result.messages, _detail = Message.objects.filter(
            jobcenter=jobcenter,
            status__in=[MessageStatus.SENT, MessageStatus.FAILED],
            created_at__lt=months_before(now, months[RetentionKind.OUTBOX_MESSAGE]),
        ).delete()
        if result.citizens or result.mentors or result.access_log or result.messages or result.skipped:
            activity_record(actor=None, action="audit.retention.ran", jobcenter=jobcenter, data=result.as_dict())
    return result
