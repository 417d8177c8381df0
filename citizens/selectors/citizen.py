"""The citizens: vocabulary choices, the list and its search, one citizen's record, CPR and sensitive notes,
and the outcome counts."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from django.db import connection
from django.db.models import BooleanField, Count, Func, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Upper
from django.shortcuts import get_object_or_404

from citizens import cpr
from citizens.models import (
    Citizen,
    CitizenStatus,
    MentorAgreement,
    Outcome,
    Placement,
    PlacementType,
    ProgressDimension,
    SensitiveNote,
    TargetGroup,
)
from citizens.rules import AGREEMENT_ENDING_WARNING_DAYS, FOLLOW_UP_OVERDUE_DAYS

# The rules' numbers under the names the pages and reports use; defined once, in citizens.rules.
FOLLOW_UP_DUE_DAYS = FOLLOW_UP_OVERDUE_DAYS
AGREEMENT_WARNING_DAYS = AGREEMENT_ENDING_WARNING_DAYS


def target_groups_for(*, jobcenter, active_only: bool = True) -> QuerySet[TargetGroup]:
    queryset = TargetGroup.objects.filter(jobcenter=jobcenter)
    return queryset.filter(is_active=True) if active_only else queryset


def placement_types_for(*, jobcenter, active_only: bool = True) -> QuerySet[PlacementType]:
    queryset = PlacementType.objects.filter(jobcenter=jobcenter)
    return queryset.filter(is_active=True) if active_only else queryset


def dimensions_for(*, jobcenter, active_only: bool = True) -> QuerySet[ProgressDimension]:
    queryset = ProgressDimension.objects.filter(jobcenter=jobcenter)
    return queryset.filter(is_active=True) if active_only else queryset


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


# Danish letters as they are written without a Danish keyboard (æ → ae, ø → oe, å → aa), then each digraph to
# one letter, so "Sørensen", "Soerensen" and "Sorensen", or "Åse" and "Aase", have the same key.
_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ł": "l", "đ": "d", "ı": "i"})
_DIGRAPHS = re.compile(r"aa|ae|oe")
# Two names of citizens with the same birth date count as the same when their keys are this alike (a typo,
# Mohammad/Mohammed); with a birth date missing on one side, only the same key counts.
SIMILAR_NAMES = 0.85
# How many candidates PostgreSQL hands back for the comparison in Python (a trigram match, or a birth date).
_CANDIDATES = 200


def name_key(name: str) -> str:
    """A name as the duplicate check compares it: case, spaces, hyphens, accents and the order of the names
    aside, and æ/ø/å the same as ae/oe/aa and a/o/a ("Jørgen  Østergaard-Hansen" ~ "hansen jorgen ostergaard")."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = (_DIGRAPHS.sub(lambda match: match.group()[0], word) for word in re.findall(r"[^\W\d_]+", text))
    return " ".join(sorted(words))


class _TrigramSimilar(Func):
    """`a % b`: pg_trgm's similarity operator (similarity above pg_trgm.similarity_threshold, 0.3), which the
    trigram index on UPPER(name) serves (citizens/migrations/0003)."""

    function = ""
    arg_joiner = " %% "
    output_field = BooleanField()


def likely_duplicates(*, jobcenter, name: str, birth_date: date | None) -> list[Citizen]:
    """Citizens of the jobcenter who are probably the one about to be created (at most 5, oldest first): the same
    name as `name_key` compares names (case, spaces, accents, æ/ø/å and word order aside) with the same birth date
    or one missing on one side (a citizen made without CPR); or, with the same birth date on both sides, a name
    almost the same (SIMILAR_NAMES). Another jobcenter's citizens are never looked at. One query: on PostgreSQL the
    trigram index picks the candidates by name, and those with the birth date come along."""
    key = name_key(name)
    if not key:
        return []
    citizens = Citizen.objects.filter(jobcenter=jobcenter)
    by_name = Q()
    if connection.vendor == "postgresql":
        by_name = Q(_TrigramSimilar(Upper("name"), Upper(Value(" ".join(name.split())))))
    if birth_date is not None:
        candidates = citizens.filter(Q(birth_date=birth_date) | (Q(birth_date__isnull=True) & by_name))
    else:
        candidates = citizens.filter(by_name)
    candidates = candidates.only("id", "jobcenter_id", "name", "birth_date").order_by("id")
    if connection.vendor == "postgresql":
        candidates = candidates[:_CANDIDATES]  # elsewhere (the embedded SQLite) every name is compared
    found = []
    for citizen in candidates:
        other = name_key(citizen.name)
        same_day = birth_date is not None and citizen.birth_date == birth_date
        if other == key or (same_day and SequenceMatcher(None, key, other).ratio() >= SIMILAR_NAMES):
            found.append(citizen)
    return found[:5]


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
