"""Every read on citizens, agreements and placements, scoped to a jobcenter (or a company for the
portal), each page in a fixed number of queries.

Other apps use these:
- notifications: active_agreements, active_placements (weekly reminders), agreements_ending_within
  (the warning before an agreement ends), placements_without_follow_up (the outbox page). The rules'
  numbers and conditions live in citizens.rules, which the fan-out's SQL is built from.
- reports: outcome_counts, placements_without_follow_up, unconfirmed_hours.
- companies/portal: company_placements, company_placement, company_placement_for_update. These never
  carry CPR numbers, sensitive notes, the caseworker's view or any other social field of the citizen.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import actions
from audit.models import ActivityLog
from citizens import cpr
from citizens.activity import TIMELINE_HIDDEN
from citizens.models import (
    AgreementStatus,
    Citizen,
    CitizenStatus,
    FollowUp,
    Goal,
    MentorAgreement,
    Outcome,
    Placement,
    PlacementStatus,
    PlacementType,
    ProgressAssessment,
    ProgressDimension,
    ProgressScore,
    SensitiveNote,
    TargetGroup,
)
from citizens.rules import AGREEMENT_ENDING_WARNING_DAYS, FOLLOW_UP_OVERDUE_DAYS, follow_up_clock, follow_up_overdue
from mentorship.choices import label

# The rules' numbers under the names the pages and reports use; defined once, in citizens.rules.
FOLLOW_UP_DUE_DAYS = FOLLOW_UP_OVERDUE_DAYS
AGREEMENT_WARNING_DAYS = AGREEMENT_ENDING_WARNING_DAYS


# --- Vocabulary ----------------------------------------------------------------------------------


def target_groups_for(*, jobcenter, active_only: bool = True) -> QuerySet[TargetGroup]:
    queryset = TargetGroup.objects.filter(jobcenter=jobcenter)
    return queryset.filter(is_active=True) if active_only else queryset


def placement_types_for(*, jobcenter, active_only: bool = True) -> QuerySet[PlacementType]:
    queryset = PlacementType.objects.filter(jobcenter=jobcenter)
    return queryset.filter(is_active=True) if active_only else queryset


def dimensions_for(*, jobcenter, active_only: bool = True) -> QuerySet[ProgressDimension]:
    queryset = ProgressDimension.objects.filter(jobcenter=jobcenter)
    return queryset.filter(is_active=True) if active_only else queryset


# --- Citizens ------------------------------------------------------------------------------------


def citizens_for_list(
    *, jobcenter, search: str = "", status: str = "", target_group: int | None = None, caseworker=None
) -> QuerySet[Citizen]:
    """The citizen list, filtered by a name fragment, status, target group or caseworker. One query.
    (CPR search is citizen_by_cpr: by POST, so the number is never in a URL.)"""
    queryset = (
        Citizen.objects.filter(jobcenter=jobcenter)
        .select_related("target_group", "caseworker")
        .only(
            "id",
            "jobcenter_id",
            "name",
            "birth_date",
            "cpr_hash",
            "postcode",
            "status",
            "outcome",
            "referred_on",
            "target_group__name",
            "caseworker__full_name",
            "caseworker__email",
        )
        .order_by("name", "id")
    )
    search = (search or "").strip()
    if search:
        queryset = queryset.filter(name__icontains=search)
    if status:
        queryset = queryset.filter(status=status)
    if target_group:
        queryset = queryset.filter(target_group_id=target_group)
    if caseworker is not None:
        queryset = queryset.filter(caseworker=caseworker)
    return queryset


def search_criterion(*, search: str = "", status: str = "", target_group=None, mine: bool = False) -> str:
    """The access log's record of a list search (names only; CPR searches go through citizen_by_cpr)."""
    parts = []
    if (search or "").strip():
        parts.append(f"navn={search.strip()[:100]}")
    if status:
        parts.append(f"status={status}")
    if target_group:
        parts.append(f"målgruppe={target_group}")
    if mine:
        parts.append("egne")
    return "; ".join(parts)


def citizen_by_cpr(*, jobcenter, cpr_number: str) -> Citizen | None:
    """Exact match on the keyed hash of a normalised CPR number: no scan, nothing decrypted."""
    return (
        Citizen.objects.filter(jobcenter=jobcenter, cpr_hash=cpr.search_hash(cpr_number))
        .only("id", "jobcenter_id", "name")
        .first()
    )


def likely_duplicates(*, jobcenter, name: str, birth_date: date | None) -> list[Citizen]:
    """Citizens of the jobcenter who are probably the one about to be created: the same name (case and spaces
    aside) and the same birth date, or a birth date missing on one side (a citizen made without CPR)."""
    same_name = Citizen.objects.filter(jobcenter=jobcenter, name__iexact=" ".join(name.split()))
    if birth_date is not None:
        same_name = same_name.filter(Q(birth_date=birth_date) | Q(birth_date__isnull=True))
    return list(same_name.only("id", "jobcenter_id", "name").order_by("id")[:5])


def citizen_get(*, jobcenter, pk: int) -> Citizen:
    """One citizen of the jobcenter, or 404 (also for another jobcenter's citizen)."""
    return get_object_or_404(
        Citizen.objects.filter(jobcenter=jobcenter).select_related("target_group", "caseworker", "wish_language"),
        pk=pk,
    )


def citizen_detail(*, jobcenter, pk: int) -> Citizen:
    """The citizen with needs, languages, agreements (with mentors) and placements prefetched."""
    return get_object_or_404(
        Citizen.objects.filter(jobcenter=jobcenter)
        .select_related("target_group", "caseworker", "wish_language", "created_by")
        .prefetch_related(
            "needs",
            "languages",
            Prefetch(
                "agreements",
                queryset=MentorAgreement.objects.select_related("mentor", "company_mentor", "first_meeting").order_by(
                    "-starts_on", "-id"
                ),
            ),
            Prefetch(
                "placements",
                queryset=Placement.objects.select_related(
                    "company", "company_mentor", "placement_type", "responsible"
                ).order_by("-starts_on", "-id"),
            ),
        ),
        pk=pk,
    )


def cpr_reveal(*, citizen: Citizen) -> str:
    """The CPR number in clear, for the reveal view only (which logs a REVEAL access entry first)."""
    if not citizen.cpr_encrypted:
        return ""
    return cpr.formatted(cpr.decrypt(citizen.cpr_encrypted))


def can_read_sensitive(*, membership, citizen: Citizen) -> bool:
    """Coordinators (and jobcenter admins) and the citizen's own caseworker read sensitive notes."""
    if membership is None or membership.jobcenter_id != citizen.jobcenter_id:
        return False
    return membership.is_coordinator or citizen.caseworker_id == membership.user_id


def sensitive_notes(*, citizen: Citizen) -> QuerySet[SensitiveNote]:
    return SensitiveNote.objects.filter(jobcenter_id=citizen.jobcenter_id, citizen=citizen).select_related("author")


# --- Timeline ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    on: date
    order: int  # ties on the same day: referral first, outcome last
    kind: str
    title: str
    detail: str = ""
    url: str = ""
    extra: list[str] = field(default_factory=list)


def citizen_timeline(*, citizen: Citizen, limit: int | None = None) -> list[TimelineEvent]:
    """Everything about the citizen in date order, newest first: referral, agreements, first
    meetings, offers to mentors and their answers, placements (proposal, answer, end), follow-ups,
    assessments, the outcome, and who changed what (the activity log, by its Danish descriptions).

    Fixed queries: agreements (with mentor and first meeting), placements, offers, follow-ups, assessments
    (with scores prefetched), activity. `limit` caps the follow-ups and the activity entries read (the
    busiest citizens have hundreds)."""
    events: list[TimelineEvent] = [
        TimelineEvent(
            citizen.referred_on,
            0,
            "referral",
            _("Henvist"),
            _("Målgruppe: %(group)s") % {"group": citizen.target_group.name},
        )
    ]
    agreements = MentorAgreement.objects.filter(jobcenter_id=citizen.jobcenter_id, citizen=citizen).select_related(
        "mentor", "company_mentor", "first_meeting"
    )
    for agreement in agreements:
        url = reverse("citizens:agreement_detail", args=[agreement.pk])
        mentor = agreement.mentor_display
        events.append(
            TimelineEvent(
                agreement.starts_on,
                1,
                "agreement",
                _("Mentoraftale (%(status)s)") % {"status": label(agreement, "status")},
                _("%(start)s–%(end)s, mentor: %(mentor)s")
                % {
                    "start": agreement.starts_on.strftime("%d.%m.%Y"),
                    "end": agreement.ends_on.strftime("%d.%m.%Y"),
                    "mentor": mentor or _("ikke valgt"),
                },
                url,
            )
        )
        meeting = getattr(agreement, "first_meeting", None)
        if meeting is not None:
            events.append(TimelineEvent(meeting.held_on, 2, "meeting", _("Opstartsmøde"), meeting.goals[:200], url))
        if agreement.ended_on:
            events.append(
                TimelineEvent(
                    agreement.ended_on, 8, "agreement_end", _("Mentoraftale afsluttet"), agreement.end_reason[:200], url
                )
            )
    placements = Placement.objects.filter(jobcenter_id=citizen.jobcenter_id, citizen=citizen).select_related(
        "company", "placement_type"
    )
    placement_names = {}
    for placement in placements:
        url = reverse("citizens:placement_detail", args=[placement.pk])
        placement_names[placement.pk] = f"{placement.placement_type.name}, {placement.company.name}"
        events.append(
            TimelineEvent(
                placement.starts_on,
                3,
                "placement",
                placement_names[placement.pk],
                _("%(start)s–%(end)s (%(status)s)")
                % {
                    "start": placement.starts_on.strftime("%d.%m.%Y"),
                    "end": placement.ends_on.strftime("%d.%m.%Y"),
                    "status": label(placement, "status"),
                },
                url,
            )
        )
        if placement.ended_on:
            events.append(
                TimelineEvent(
                    placement.ended_on,
                    8,
                    "placement_end",
                    _("Forløb afsluttet: %(outcome)s") % {"outcome": label(placement, "outcome")},
                    placement_names[placement.pk],
                    url,
                )
            )
    follow_ups = (
        FollowUp.objects.filter(jobcenter_id=citizen.jobcenter_id, citizen=citizen)
        .select_related("author")
        .order_by("-occurred_on", "-id")
    )
    if limit is not None:
        follow_ups = follow_ups[:limit]
    for follow_up in follow_ups:
        detail = follow_up.notes[:300]
        extra = []
        if follow_up.next_action:
            extra.append(_("Næste skridt: %(action)s") % {"action": follow_up.next_action})
        if follow_up.mentor_hours:
            extra.append(
                _("Mentortimer: %(hours)s (%(state)s)")
                % {"hours": follow_up.mentor_hours, "state": label(follow_up, "hours_confirmed_by")}
            )
        events.append(
            TimelineEvent(
                follow_up.occurred_on,
                5,
                "follow_up",
                _("Opfølgning: %(kind)s") % {"kind": label(follow_up, "kind")},
                detail,
                reverse("citizens:placement_detail", args=[follow_up.placement_id]) if follow_up.placement_id else "",
                [
                    _("Af %(who)s") % {"who": follow_up.author or label(follow_up, "recorded_as")},
                    *extra,
                ],
            )
        )
    assessments = (
        ProgressAssessment.objects.filter(jobcenter_id=citizen.jobcenter_id, placement__citizen=citizen)
        .select_related("placement")
        .prefetch_related(Prefetch("scores", queryset=ProgressScore.objects.select_related("dimension")))
    )
    for assessment in assessments:
        events.append(
            TimelineEvent(
                assessment.assessed_on,
                6,
                "assessment",
                _("Progressionsvurdering (%(by)s)") % {"by": label(assessment, "assessor_kind")},
                ", ".join(f"{score.dimension.name} {score.score}" for score in assessment.scores.all()),
                reverse("citizens:placement_detail", args=[assessment.placement_id]),
            )
        )
    events.extend(_offer_events(citizen))
    events.extend(
        _activity_events(
            citizen,
            agreement_ids=[agreement.pk for agreement in agreements],
            placement_ids=list(placement_names),
            limit=limit,
        )
    )
    if citizen.status == CitizenStatus.ENDED and citizen.outcome_on:
        events.append(
            TimelineEvent(citizen.outcome_on, 9, "outcome", _("Afsluttet: %(o)s") % {"o": label(citizen, "outcome")})
        )
    events.sort(key=lambda event: (event.on, event.order), reverse=True)
    return events


def _activity_events(
    citizen: Citizen, *, agreement_ids: list[int], placement_ids: list[int], limit: int | None
) -> list[TimelineEvent]:
    """The activity log on the citizen, their agreements and their placements, newest first, one query: each
    entry as its action's Danish description and who did it. Entries in TIMELINE_HIDDEN stay off."""
    types = ContentType.objects.get_for_models(Citizen, MentorAgreement, Placement)
    about = Q(content_type=types[Citizen], object_id=str(citizen.pk))
    for model, ids in ((MentorAgreement, agreement_ids), (Placement, placement_ids)):
        if ids:
            about |= Q(content_type=types[model], object_id__in=[str(pk) for pk in ids])
    entries = (
        ActivityLog.objects.filter(about, jobcenter_id=citizen.jobcenter_id)
        .exclude(action__in=TIMELINE_HIDDEN)
        .only("at", "action", "actor_label")
        .order_by("-at", "-id")
    )
    if limit is not None:
        entries = entries[:limit]
    return [
        TimelineEvent(
            timezone.localdate(entry.at),
            7,
            "activity",
            actions.description(entry.action),
            extra=[_("Af %(who)s") % {"who": entry.actor_label or _("systemet")}],
        )
        for entry in entries
    ]


def _offer_events(citizen: Citizen) -> list[TimelineEvent]:
    """Offers of the mentor task (matching app) and the mentors' answers, one query. The model is looked up
    by name: matching builds on citizens, not the other way round."""
    from django.apps import apps

    offer_model = apps.get_model("matching", "Offer")
    offers = offer_model.objects.filter(jobcenter_id=citizen.jobcenter_id, citizen=citizen).select_related("mentor")
    # No link: the timeline is also the caseworker's, and the offer pages are the coordinators'.
    url = ""
    events = []
    for offer in offers:
        events.append(
            TimelineEvent(
                timezone.localdate(offer.offered_at),
                4,
                "offer",
                _("Tilbud til mentor %(mentor)s") % {"mentor": offer.mentor.full_name},
                _("Svarfrist %(date)s") % {"date": timezone.localtime(offer.expires_at).strftime("%d.%m.%Y")},
                url,
            )
        )
        if offer.answered_at and offer.is_answered:
            said = _("sagde ja") if offer.is_accepted else _("sagde nej")
            events.append(
                TimelineEvent(
                    timezone.localdate(offer.answered_at),
                    4,
                    "offer_answer",
                    _("%(mentor)s %(said)s") % {"mentor": offer.mentor.full_name, "said": said},
                    offer.decline_reason[:200],
                    url,
                )
            )
    return events


# --- Agreements ----------------------------------------------------------------------------------


def agreement_get(*, jobcenter, pk: int) -> MentorAgreement:
    return get_object_or_404(
        MentorAgreement.objects.filter(jobcenter=jobcenter).select_related(
            "citizen",
            "citizen__jobcenter",
            "mentor",
            "company_mentor",
            "company_mentor__company",
            "caseworker",
            "renews",
            "first_meeting",
            "jobcenter",
        ),
        pk=pk,
    )


def active_agreements(*, jobcenter=None) -> QuerySet[MentorAgreement]:
    """Active agreements (for the weekly reminders): with citizen name, mentor and caseworker."""
    queryset = MentorAgreement.objects.filter(status=AgreementStatus.ACTIVE).select_related(
        "citizen", "mentor", "company_mentor", "caseworker"
    )
    return queryset.filter(jobcenter=jobcenter) if jobcenter is not None else queryset


def agreements_ending_within(
    *, jobcenter=None, today: date | None = None, days: int = AGREEMENT_WARNING_DAYS
) -> QuerySet[MentorAgreement]:
    """Active agreements that end within `days` (default citizens.rules.AGREEMENT_ENDING_WARNING_DAYS) from
    today, soonest first, and not yet followed by a renewal draft. The notifications app warns about each
    once (its idempotency key)."""
    today = today or timezone.localdate()
    return (
        active_agreements(jobcenter=jobcenter)
        .filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=days))
        .filter(renewed_by__isnull=True)
        .order_by("ends_on", "id")
    )


# --- Placements ----------------------------------------------------------------------------------


def placement_get(*, jobcenter, pk: int) -> Placement:
    return get_object_or_404(
        Placement.objects.filter(jobcenter=jobcenter).select_related(
            "citizen", "company", "company_mentor", "placement_type", "responsible"
        ),
        pk=pk,
    )


def goal_tree(goals: list[Goal]) -> list[Goal]:
    """The top-level goals, in order, each with its sub-goals (in order) as `sub_goal_list`, built from all of a
    placement's goals read in ONE query. A prefetch of goals and then sub-goals costs two queries, or one when
    the placement has no goals, so the page's count would depend on the data."""
    children: dict[int, list[Goal]] = {}
    for goal in goals:
        if goal.parent_id is not None:
            children.setdefault(goal.parent_id, []).append(goal)
    top = [goal for goal in goals if goal.parent_id is None]
    for goal in top:
        goal.sub_goal_list = children.get(goal.pk, [])  # type: ignore[attr-defined]  # read by the templates
    return top


def placement_detail(*, jobcenter, pk: int) -> Placement:
    """A placement with step-up plan and goals (`top_goals`, each with `sub_goal_list`: goal_tree) prefetched."""
    placement: Placement = get_object_or_404(
        Placement.objects.filter(jobcenter=jobcenter)
        .select_related("citizen", "company", "company_mentor", "placement_type", "responsible")
        .prefetch_related(
            "hours_steps",
            Prefetch("goals", queryset=Goal.objects.order_by("position", "id"), to_attr="all_goals"),
        ),
        pk=pk,
    )
    placement.top_goals = goal_tree(placement.all_goals)  # type: ignore[attr-defined]
    return placement


def placement_follow_ups(*, placement: Placement, limit: int = 50) -> list[FollowUp]:
    return list(
        FollowUp.objects.filter(jobcenter_id=placement.jobcenter_id, placement=placement)
        .select_related("author")
        .order_by("-occurred_on", "-id")[:limit]
    )


def active_placements(*, jobcenter=None) -> QuerySet[Placement]:
    """Active placements (for weekly reminders): with citizen name, company, company mentor, responsible."""
    queryset = Placement.objects.filter(status=PlacementStatus.ACTIVE).select_related(
        "citizen", "company", "company_mentor", "placement_type", "responsible"
    )
    return queryset.filter(jobcenter=jobcenter) if jobcenter is not None else queryset


def placements_without_follow_up(*, jobcenter=None, today: date | None = None) -> QuerySet[Placement]:
    """Active placements overdue for follow-up (citizens.rules.follow_up_overdue: no follow-up for 8 days or
    more), the longest-waiting first. The page, the outbox, the reports and the daily reminders use this rule."""
    today = today or timezone.localdate()
    return active_placements(jobcenter=jobcenter).filter(follow_up_overdue(on=today)).order_by(follow_up_clock(), "id")


def unconfirmed_hours(*, jobcenter) -> QuerySet[FollowUp]:
    """Follow-ups with mentor hours nobody has confirmed yet, oldest first."""
    return (
        FollowUp.objects.filter(jobcenter=jobcenter, mentor_hours__gt=0, hours_confirmed_by="")
        .select_related("citizen", "placement__company", "agreement__mentor", "author")
        .order_by("occurred_on", "id")
    )


def unconfirmed_hours_total(*, jobcenter) -> Decimal:
    total = unconfirmed_hours(jobcenter=jobcenter).aggregate(total=Sum("mentor_hours"))["total"]
    return total or Decimal("0")


# --- Progress chart ------------------------------------------------------------------------------


@dataclass
class ProgressSeries:
    dimension: ProgressDimension
    points: list[tuple[date, int]]


@dataclass
class ProgressTable:
    dimensions: list[ProgressDimension]
    rows: list[dict]  # {"assessment": ProgressAssessment, "scores": [score or None per dimension]}
    series: list[ProgressSeries]


def placement_progress(*, placement: Placement) -> ProgressTable:
    """The competence-card scores over time: one row per assessment, one column per dimension. Two
    queries (dimensions; assessments with scores)."""
    dimensions = list(dimensions_for(jobcenter=placement.jobcenter_id, active_only=False))
    assessments = list(
        ProgressAssessment.objects.filter(jobcenter_id=placement.jobcenter_id, placement=placement)
        .select_related("company_mentor", "recorded_by")
        .prefetch_related("scores")
        .order_by("assessed_on", "id")
    )
    used = {score.dimension_id for a in assessments for score in a.scores.all()}
    dimensions = [d for d in dimensions if d.is_active or d.pk in used]
    rows = []
    by_dimension = defaultdict(list)
    for assessment in assessments:
        scores = {score.dimension_id: score for score in assessment.scores.all()}
        rows.append({"assessment": assessment, "scores": [scores.get(d.pk) for d in dimensions]})
        for dimension_id, score in scores.items():
            by_dimension[dimension_id].append((assessment.assessed_on, score.score))
    series = [ProgressSeries(d, by_dimension[d.pk]) for d in dimensions if by_dimension[d.pk]]
    return ProgressTable(dimensions=dimensions, rows=rows, series=series)


# --- Company portal ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompanyPlacement:
    """What a company may know about a placement: no CPR, no sensitive notes, no social fields."""

    pk: int
    citizen_name: str
    placement_type: str
    status: str
    status_label: str
    starts_on: date
    ends_on: date
    tasks: str
    hours_per_week: Decimal
    mentor_hours_per_week: Decimal
    company_mentor_id: int | None
    company_mentor_name: str
    responsible_name: str
    responsible_email: str
    proposal_note: str
    last_follow_up_on: date | None


_PORTAL_FIELDS = (
    "id",
    "company_id",
    "citizen__name",
    "placement_type__name",
    "status",
    "starts_on",
    "ends_on",
    "tasks",
    "hours_per_week",
    "mentor_hours_per_week",
    "company_mentor_id",
    "company_mentor__full_name",
    "responsible__full_name",
    "responsible__email",
    "proposal_note",
    "last_follow_up_on",
)


def _company_placement_from_row(row: dict) -> CompanyPlacement:
    return CompanyPlacement(
        pk=row["id"],
        citizen_name=row["citizen__name"],
        placement_type=row["placement_type__name"],
        status=row["status"],
        status_label=str(PlacementStatus(row["status"]).label),
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        tasks=row["tasks"],
        hours_per_week=row["hours_per_week"],
        mentor_hours_per_week=row["mentor_hours_per_week"],
        company_mentor_id=row["company_mentor_id"],
        company_mentor_name=row["company_mentor__full_name"] or "",
        responsible_name=row["responsible__full_name"] or "",
        responsible_email=row["responsible__email"] or "",
        proposal_note=row["proposal_note"],
        last_follow_up_on=row["last_follow_up_on"],
    )


def company_placements(*, company, statuses: list[str] | None = None) -> list[CompanyPlacement]:
    """The company's placements for its portal, newest first: one query, plain values only."""
    queryset = Placement.objects.filter(jobcenter_id=company.jobcenter_id, company=company)
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    rows = queryset.order_by("-starts_on", "-id").values(*_PORTAL_FIELDS)
    return [_company_placement_from_row(row) for row in rows]


def company_placement(*, company, pk: int) -> CompanyPlacement:
    """One of the company's placements, or Http404 (also for another company's placement)."""
    row = (
        Placement.objects.filter(jobcenter_id=company.jobcenter_id, company=company, pk=pk)
        .values(*_PORTAL_FIELDS)
        .first()
    )
    if row is None:
        raise Http404
    return _company_placement_from_row(row)


def company_placement_for_update(*, company, pk: int) -> Placement:
    """The Placement row for a portal service call (accept, decline, assessment, follow-up). Only
    the placement's own columns are loaded; do not render its citizen from here."""
    return get_object_or_404(Placement.objects.filter(jobcenter_id=company.jobcenter_id, company=company), pk=pk)


# --- Reports -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeCounts:
    total: int
    by_outcome: dict[str, int]

    def label_rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.by_outcome.get(value, 0)) for value, label in Outcome.choices]


def outcome_counts(*, jobcenter, ended_from: date | None = None, ended_to: date | None = None) -> OutcomeCounts:
    """Cohort counts of ended citizens by outcome ("27 of 100 in ordinary jobs, 4 in education")."""
    queryset = Citizen.objects.filter(jobcenter=jobcenter, status=CitizenStatus.ENDED)
    if ended_from:
        queryset = queryset.filter(outcome_on__gte=ended_from)
    if ended_to:
        queryset = queryset.filter(outcome_on__lte=ended_to)
    counts = dict(queryset.order_by().values("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
    return OutcomeCounts(total=sum(counts.values()), by_outcome=counts)
