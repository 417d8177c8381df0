"""The start page: what waits on the coordinator, and on the caseworker."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Jobcenter
from citizens.models import (
    AgreementStatus,
    Citizen,
    CitizenStatus,
    MentorAgreement,
)
from citizens.selectors import (
    AGREEMENT_WARNING_DAYS,
    FOLLOW_UP_DUE_DAYS,
    agreements_ending_within,
    placements_without_follow_up,
)
from companies.models import ClaimStatus, CompensationClaim, CourseNomination, NominationStatus
from corps.models import Mentor, MentorStatus
from courses.models import Course, CourseSettings, CourseStatus
from matching.models import Offer, OfferStatus
from mentorship.prepared import PreparedQuery
from notifications.models import Message, MessageStatus
from notifications.selectors import messages_delayed
from reports.selectors._common import _count


@dataclass(frozen=True)
class TodoItem:
    key: str
    label: str
    count: int
    url: str
    action: str


def _coordinator_counts(*, jobcenter, today: date, now: datetime) -> QuerySet:
    """One SELECT of scalar subqueries, one per item of the coordinator's to-do list; the course settings'
    minimum number of job consultants is a subquery in it too (courses.services.settings_for's rule: the
    jobcenter's row, else the field's default)."""
    minimum = Coalesce(
        Subquery(
            CourseSettings.objects.filter(jobcenter=jobcenter).order_by("id").values("minimum_job_consultants")[:1]
        ),
        Value(CourseSettings._meta.get_field("minimum_job_consultants").default),
    )
    through = Course.job_consultants.through
    consultants = Coalesce(
        Subquery(
            # Ignored: django-stubs forgets the annotate(n=...) after values() on this through model.
            through.objects.filter(course_id=OuterRef("pk"))  # type: ignore[misc]
            .order_by()
            .values("course_id")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    short_courses = (
        Course.objects.filter(jobcenter=jobcenter, status=CourseStatus.PLANNED)
        .filter(Q(last_day__gte=today) | Q(last_day__isnull=True))
        .annotate(consultants=consultants)
        .filter(consultants__lt=minimum)
    )
    return (
        Jobcenter.objects.filter(pk=jobcenter.pk)
        .annotate(
            follow_up_overdue=_count(placements_without_follow_up(jobcenter=jobcenter, today=today)),
            offers_open=_count(Offer.objects.filter(jobcenter=jobcenter, status=OfferStatus.OFFERED)),
            agreements_ending=_count(agreements_ending_within(jobcenter=jobcenter, today=today)),
            applications=_count(Mentor.objects.filter(jobcenter=jobcenter, status=MentorStatus.APPLICANT)),
            courses_short=_count(short_courses),
            claims=_count(CompensationClaim.objects.filter(jobcenter=jobcenter, status=ClaimStatus.SUBMITTED)),
            nominations=_count(
                CourseNomination.objects.filter(mentor__company__jobcenter=jobcenter, status=NominationStatus.NEW)
            ),
            messages_failed=_count(Message.objects.filter(jobcenter=jobcenter, status=MessageStatus.FAILED)),
            messages_delayed=_count(messages_delayed(jobcenter=jobcenter, now=now)),
            minimum=minimum,
        )
        .values(
            "follow_up_overdue",
            "offers_open",
            "agreements_ending",
            "applications",
            "courses_short",
            "claims",
            "nominations",
            "messages_failed",
            "messages_delayed",
            "minimum",
        )
    )


def _caseworker_counts(*, jobcenter, user, today: date) -> QuerySet:
    """One SELECT of the caseworker's three counts."""
    mine = Citizen.objects.filter(jobcenter=jobcenter, caseworker=user)
    active = MentorAgreement.objects.filter(citizen=OuterRef("pk"), status=AgreementStatus.ACTIVE)
    return (
        Jobcenter.objects.filter(pk=jobcenter.pk)
        .annotate(
            waiting=_count(mine.filter(status=CitizenStatus.REFERRED).exclude(Exists(active))),
            active=_count(mine.filter(status=CitizenStatus.ACTIVE)),
            ending=_count(agreements_ending_within(jobcenter=jobcenter, today=today).filter(citizen__caseworker=user)),
        )
        .values("waiting", "active", "ending")
    )


# Compiled once per process (mentorship.prepared): building and compiling these querysets cost more CPU than
# PostgreSQL spends on them.
COORDINATOR_COUNTS = PreparedQuery(_coordinator_counts)
CASEWORKER_COUNTS = PreparedQuery(_caseworker_counts)


def coordinator_todo(*, jobcenter, today: date | None = None) -> list[TodoItem]:
    """What the coordinator must do now, each with a count and the page where it is done (one query)."""
    today = today or timezone.localdate()
    (counts,) = COORDINATOR_COUNTS(jobcenter=jobcenter, today=today, now=timezone.now())
    return [
        TodoItem(
            "follow_up_overdue",
            _("Forløb uden opfølgning i %(days)s dage eller mere") % {"days": FOLLOW_UP_DUE_DAYS},
            counts["follow_up_overdue"],
            reverse("citizens:follow_up_overdue"),
            _("Følg op"),
        ),
        TodoItem(
            "offers_open",
            _("Tilbud, der venter på mentorens svar"),
            counts["offers_open"],
            reverse("matching:offer_list") + "?status=offered",
            _("Se tilbud"),
        ),
        TodoItem(
            "agreements_ending",
            _("Mentoraftaler, der udløber inden for %(days)s dage") % {"days": AGREEMENT_WARNING_DAYS},
            counts["agreements_ending"],
            reverse("citizens:agreements_ending"),
            _("Forlæng eller afslut"),
        ),
        TodoItem(
            "applications",
            _("Ansøgninger til mentorkorpset, der skal vurderes"),
            counts["applications"],
            reverse("corps:mentor_list") + "?status=applicant",
            _("Vurdér ansøgere"),
        ),
        TodoItem(
            "courses_short",
            _("Kommende kurser med færre end %(n)s jobkonsulenter") % {"n": counts["minimum"]},
            counts["courses_short"],
            reverse("courses:list"),
            _("Find jobkonsulenter"),
        ),
        TodoItem(
            "claims",
            _("Anmodninger om frikøb, der skal godkendes"),
            counts["claims"],
            reverse("companies:claim_list") + "?status=submitted",
            _("Behandl anmodninger"),
        ),
        TodoItem(
            "nominations",
            _("Virksomhedsmentorer, som lederen har indstillet til mentorkursus"),
            counts["nominations"],
            reverse("companies:list") + "?nominated=ja",
            _("Find en plads"),
        ),
        TodoItem(
            "messages_failed",
            _("Beskeder, der ikke kunne sendes"),
            counts["messages_failed"],
            reverse("notifications:outbox") + "?status=failed",
            _("Se udbakken"),
        ),
        TodoItem(
            "messages_delayed",
            _("Beskeder, der er forsinket, fordi mailserveren ikke svarer (de sendes, når den svarer igen)"),
            counts["messages_delayed"],
            reverse("notifications:outbox") + "?status=pending",
            _("Se udbakken"),
        ),
    ]


def caseworker_todo(*, jobcenter, user, today: date | None = None) -> list[TodoItem]:
    """The caseworker's own citizens: waiting for a mentor, and with an agreement ending soon. One query."""
    today = today or timezone.localdate()
    (counts,) = CASEWORKER_COUNTS(jobcenter=jobcenter, user=user, today=today)
    mine_url = reverse("citizens:list") + "?mine=on"
    return [
        TodoItem(
            "waiting",
            _("Dine henviste borgere, der venter på en mentor"),
            counts["waiting"],
            mine_url + "&status=referred",
            _("Se borgerne"),
        ),
        TodoItem("active", _("Dine borgere i forløb"), counts["active"], mine_url + "&status=active", _("Se borgerne")),
        TodoItem(
            "ending",
            _("Mentoraftaler for dine borgere, der udløber inden for %(days)s dage") % {"days": AGREEMENT_WARNING_DAYS},
            counts["ending"],
            reverse("citizens:agreements_ending"),  # the caseworker's own citizens' agreements, a page they may open
            _("Se aftalerne"),
        ),
    ]
