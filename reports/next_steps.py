"""What is waiting on the people who run the programme, for the start page: not only how many, but which
ones, oldest first, each with a direct link to where the next step is taken.

- referred citizens who still have no mentor (no accepted offer, no agreement in draft or force), with how
  long they have waited since the referral, and the median wait;
- offers a mentor has accepted with no mentor agreement yet (the link opens the agreement form filled in
  from the offer);
- draft mentor agreements older than citizens.rules.DRAFT_AGREEMENT_STALE_DAYS;
- placements proposed to a company with no leader who can answer in the portal;
- mentor agreements in force with no first meeting, neither held nor planned (the link plans it).

A coordinator (and a jobcenter admin) sees all five for the jobcenter; a caseworker sees only their own
referred citizens without a mentor, linked to pages a caseworker may open. Each list costs one query
(the rows and, in a subquery, the total), and the waiting list one more for the median: a fixed number of
queries whatever the number of rows.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import DateField, Exists, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role
from citizens.models import (
    AgreementStatus,
    Citizen,
    CitizenStatus,
    FirstMeeting,
    FirstMeetingPlan,
    MeetingPlanStatus,
    MentorAgreement,
    Placement,
    PlacementStatus,
)
from citizens.rules import DRAFT_AGREEMENT_STALE_DAYS, agreement_running_on
from companies.selectors import portal_leader_exists
from matching.models import Offer, OfferStatus
from matching.selectors import offers_awaiting_agreement
from mentorship.prepared import PreparedQuery
from mentorship.templatetags.dk import dk_date
from reports.aggregates import DaysBetween, PercentileCont

# How many rows each list shows on the start page; the rest are one click away ("Se alle").
SHOWN = 5

COORDINATOR_ROLES = (Role.COORDINATOR, Role.JOBCENTER_ADMIN)


@dataclass(frozen=True)
class WaitingRow:
    text: str  # who or what (a citizen's name, with the mentor or company)
    detail: str  # since when, how long
    url: str
    action: str


@dataclass(frozen=True)
class WaitingList:
    key: str
    title: str
    count: int
    rows: list[WaitingRow]
    summary: str = ""
    more_url: str = ""
    more_action: str = field(default="")

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


def _days(days: int) -> str:
    return ngettext("%(days)s dag", "%(days)s dage", days) % {"days": days}


class _Total(Subquery):
    """The number of rows of a query, as an uncorrelated subquery: the database counts it once."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def _first_with_total(queryset: QuerySet, *fields: str) -> QuerySet:
    """The first SHOWN rows' `fields` with the total number of rows on each, as one query. The total is a
    subquery over the bare rows, not COUNT(*) OVER (): a window makes the database join every row to its
    citizen and mentor before it can stop at SHOWN (22 ms for 2,528 agreements at the largest jobcenter;
    4 ms this way, with the index agreement_jc_status_start)."""
    return queryset.annotate(total=_Total(queryset.order_by().values("pk"))).values(*fields, "total")[:SHOWN]


def citizens_without_mentor(*, jobcenter, caseworker=None) -> QuerySet[Citizen]:
    """Referred citizens with no accepted offer and no mentor agreement in draft or in force, the longest
    waiting first (the referral date, then the order they were created)."""
    accepted = Offer.objects.filter(citizen=OuterRef("pk"), status=OfferStatus.ACCEPTED)
    agreement = MentorAgreement.objects.filter(
        citizen=OuterRef("pk"), status__in=[AgreementStatus.DRAFT, AgreementStatus.ACTIVE]
    )
    queryset = Citizen.objects.filter(jobcenter=jobcenter, status=CitizenStatus.REFERRED)
    if caseworker is not None:
        queryset = queryset.filter(caseworker=caseworker)
    return queryset.exclude(Exists(accepted)).exclude(Exists(agreement)).order_by("referred_on", "id")


def stale_draft_agreements(*, jobcenter, today: date) -> QuerySet[MentorAgreement]:
    """Draft mentor agreements created more than DRAFT_AGREEMENT_STALE_DAYS days ago, oldest first."""
    limit = today - timedelta(days=DRAFT_AGREEMENT_STALE_DAYS)
    return MentorAgreement.objects.filter(
        jobcenter=jobcenter, status=AgreementStatus.DRAFT, created_at__date__lt=limit
    ).order_by("created_at", "id")


def placements_proposed_without_leader(*, jobcenter) -> QuerySet[Placement]:
    """Placements proposed to a company where no leader can answer in the portal, oldest proposal first."""
    return (
        Placement.objects.filter(jobcenter=jobcenter, status=PlacementStatus.PROPOSED)
        .exclude(portal_leader_exists("company"))
        .order_by("starts_on", "id")
    )


def agreements_without_first_meeting(*, jobcenter, today: date) -> QuerySet[MentorAgreement]:
    """Mentor agreements in force that have started by `today` with no first meeting recorded and none planned,
    the longest running first."""
    held = FirstMeeting.objects.filter(agreement=OuterRef("pk"))
    planned = FirstMeetingPlan.objects.filter(agreement=OuterRef("pk"), status=MeetingPlanStatus.PLANNED)
    return (
        MentorAgreement.objects.filter(agreement_running_on(on=today), jobcenter=jobcenter)
        .exclude(Exists(held))
        .exclude(Exists(planned))
        .order_by("starts_on", "id")
    )


def _waiting_for_mentor_rows(*, jobcenter, caseworker) -> QuerySet:
    return _first_with_total(
        citizens_without_mentor(jobcenter=jobcenter, caseworker=caseworker), "id", "name", "referred_on"
    )


def _waiting_for_mentor_median(*, jobcenter, caseworker, today: date) -> QuerySet:
    waited = DaysBetween(Value(today, output_field=DateField()), F("referred_on"))
    return (
        citizens_without_mentor(jobcenter=jobcenter, caseworker=caseworker)
        .order_by()
        .annotate(_one=Value(1))
        .values("_one")
        .annotate(median=PercentileCont(waited, 0.5))
        .values("median")
    )


def _accepted_offers_rows(*, jobcenter) -> QuerySet:
    fields = ("id", "answered_at", "citizen_id", "citizen__name", "mentor__full_name")
    return _first_with_total(offers_awaiting_agreement(jobcenter=jobcenter), *fields)


def _stale_drafts_rows(*, jobcenter, today: date) -> QuerySet:
    fields = ("id", "created_at", "citizen__name", "mentor__full_name", "company_mentor__full_name")
    return _first_with_total(stale_draft_agreements(jobcenter=jobcenter, today=today), *fields)


def _proposals_without_leader_rows(*, jobcenter) -> QuerySet:
    fields = ("id", "starts_on", "citizen__name", "company_id", "company__name")
    return _first_with_total(placements_proposed_without_leader(jobcenter=jobcenter), *fields)


def _without_first_meeting_rows(*, jobcenter, today: date) -> QuerySet:
    fields = ("id", "starts_on", "citizen__name", "mentor__full_name", "company_mentor__full_name")
    return _first_with_total(agreements_without_first_meeting(jobcenter=jobcenter, today=today), *fields)


# Compiled once per process (mentorship.prepared): building and compiling these querysets cost more CPU than
# PostgreSQL spends on them.
WAITING_FOR_MENTOR = PreparedQuery(_waiting_for_mentor_rows)
WAITING_FOR_MENTOR_MEDIAN = PreparedQuery(_waiting_for_mentor_median)
ACCEPTED_OFFERS = PreparedQuery(_accepted_offers_rows)
STALE_DRAFTS = PreparedQuery(_stale_drafts_rows)
PROPOSALS_WITHOUT_LEADER = PreparedQuery(_proposals_without_leader_rows)
WITHOUT_FIRST_MEETING = PreparedQuery(_without_first_meeting_rows)


def _total(rows: list[dict]) -> int:
    return rows[0]["total"] if rows else 0


def _with_mentor(row: dict) -> str:
    """The citizen's name, with the agreement's mentor (or company mentor) when it has one."""
    mentor = row["mentor__full_name"] or row["company_mentor__full_name"]
    return (
        _("%(citizen)s med %(mentor)s") % {"citizen": row["citizen__name"], "mentor": mentor}
        if mentor
        else row["citizen__name"]
    )


def _waiting_for_mentor(*, jobcenter, today: date, caseworker=None, coordinator: bool) -> WaitingList:
    rows = WAITING_FOR_MENTOR(jobcenter=jobcenter, caseworker=caseworker)
    count = _total(rows)
    summary = ""
    if count > 1:
        median = WAITING_FOR_MENTOR_MEDIAN(jobcenter=jobcenter, caseworker=caseworker, today=today)[0]["median"]
        summary = _("%(count)s borgere venter på en mentor; halvdelen har ventet %(median)s eller mere (median).") % {
            "count": count,
            "median": _days(round(median or 0)),
        }
    if coordinator:
        link, action = "matching:citizen", _("Find mentor")
        more_url = reverse("citizens:list") + "?status=referred"
    else:
        link, action = "citizens:detail", _("Se borgeren")
        more_url = reverse("citizens:list") + "?mine=on&status=referred"
    return WaitingList(
        key="without_mentor",
        title=_("Dine henviste borgere uden mentor") if caseworker else _("Henviste borgere uden mentor"),
        count=count,
        rows=[
            WaitingRow(
                text=citizen["name"],
                detail=_("Henvist %(date)s, har ventet %(days)s")
                % {"date": dk_date(citizen["referred_on"]), "days": _days((today - citizen["referred_on"]).days)},
                url=reverse(link, kwargs={"pk": citizen["id"]}),
                action=action,
            )
            for citizen in rows
        ],
        summary=summary,
        more_url=more_url,
        more_action=_("Se alle henviste borgere"),
    )


def _accepted_offers(*, jobcenter, today: date) -> WaitingList:
    rows = ACCEPTED_OFFERS(jobcenter=jobcenter)
    return WaitingList(
        key="accepted_offers",
        title=_("Mentorer har sagt ja, men der er ingen mentoraftale"),
        count=_total(rows),
        rows=[
            WaitingRow(
                text=_("%(citizen)s med %(mentor)s")
                % {"citizen": offer["citizen__name"], "mentor": offer["mentor__full_name"]},
                detail=_("Sagde ja %(date)s")
                % {"date": dk_date(timezone.localdate(offer["answered_at"]) if offer["answered_at"] else None)},
                url=reverse("citizens:agreement_create", kwargs={"pk": offer["citizen_id"]}) + f"?tilbud={offer['id']}",
                action=_("Opret mentoraftale"),
            )
            for offer in rows
        ],
        more_url=reverse("matching:offer_list") + "?status=accepted",
        more_action=_("Se alle accepterede tilbud"),
    )


def _stale_drafts(*, jobcenter, today: date) -> WaitingList:
    rows = STALE_DRAFTS(jobcenter=jobcenter, today=today)
    return WaitingList(
        key="stale_drafts",
        title=ngettext(
            "Kladder til mentoraftaler, der er mere end %(days)s dag gamle",
            "Kladder til mentoraftaler, der er mere end %(days)s dage gamle",
            DRAFT_AGREEMENT_STALE_DAYS,
        )
        % {"days": DRAFT_AGREEMENT_STALE_DAYS},
        count=_total(rows),
        rows=[
            WaitingRow(
                text=_with_mentor(agreement),
                detail=_("Kladde siden %(date)s, %(days)s")
                % {
                    "date": dk_date(timezone.localdate(agreement["created_at"])),
                    "days": _days((today - timezone.localdate(agreement["created_at"])).days),
                },
                url=reverse("citizens:agreement_detail", kwargs={"pk": agreement["id"]}),
                action=_("Gør aftalen færdig"),
            )
            for agreement in rows
        ],
    )


def _proposals_without_leader(*, jobcenter, today: date) -> WaitingList:
    rows = PROPOSALS_WITHOUT_LEADER(jobcenter=jobcenter)
    return WaitingList(
        key="proposals_without_leader",
        title=_("Forløb foreslået til virksomheder uden en leder i portalen"),
        count=_total(rows),
        rows=[
            WaitingRow(
                text=_("%(citizen)s hos %(company)s")
                % {"citizen": placement["citizen__name"], "company": placement["company__name"]},
                detail=_("Ingen kan svare på forslaget. Start %(date)s") % {"date": dk_date(placement["starts_on"])},
                url=reverse("companies:leader_invite", kwargs={"pk": placement["company_id"]}),
                action=_("Invitér en leder"),
            )
            for placement in rows
        ],
    )


def _without_first_meeting(*, jobcenter, today: date) -> WaitingList:
    rows = WITHOUT_FIRST_MEETING(jobcenter=jobcenter, today=today)
    return WaitingList(
        key="without_first_meeting",
        title=_("Aftaler i gang uden første møde"),
        count=_total(rows),
        rows=[
            WaitingRow(
                text=_with_mentor(agreement),
                detail=_("I kraft siden %(date)s, %(days)s")
                % {"date": dk_date(agreement["starts_on"]), "days": _days((today - agreement["starts_on"]).days)},
                url=reverse("citizens:first_meeting_plan", kwargs={"pk": agreement["id"]}),
                action=_("Planlæg opstartsmødet"),
            )
            for agreement in rows
        ],
    )


def waiting_on(*, jobcenter, role: str, user, today: date | None = None) -> list[WaitingList]:
    """The start page's lists of what waits on `user` in `role`: all five for a coordinator or jobcenter admin,
    a caseworker's own citizens without a mentor for a caseworker, nothing for other roles."""
    today = today or timezone.localdate()
    if role in COORDINATOR_ROLES:
        return [
            _waiting_for_mentor(jobcenter=jobcenter, today=today, coordinator=True),
            _accepted_offers(jobcenter=jobcenter, today=today),
            _stale_drafts(jobcenter=jobcenter, today=today),
            _proposals_without_leader(jobcenter=jobcenter, today=today),
            _without_first_meeting(jobcenter=jobcenter, today=today),
        ]
    if role == Role.CASEWORKER:
        return [_waiting_for_mentor(jobcenter=jobcenter, today=today, caseworker=user, coordinator=False)]
    return []
