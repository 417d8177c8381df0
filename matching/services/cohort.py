"""Cohorts: many citizens placed with many companies at once, solved, adjusted, and committed as placements."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import activity_record
from citizens.models import Citizen
from citizens.services import placement_create
from companies.models import Company
from matching import handoffs
from matching.cohort_seats import rooms_for, seat_problems
from matching.engine import STATUS_OPTIMAL, Host, Problem, assignment_value, assignment_violations, make_problem
from matching.engine.diagnose import reason_for
from matching.models import (
    Cohort,
    CohortCandidate,
    CohortCompany,
    CohortStatus,
)
from matching.placement import CompanyProfile, score_company
from matching.selectors._common import _need_name
from matching.selectors.placement import _company_profiles
from mentorship.constraints import constraint_errors


@dataclass(frozen=True)
class CompanySeat:
    company: Company
    capacity: int
    min_group: int = 0
    allow_empty: bool = False


COHORT_FIELDS = (
    "name",
    "require_all_assigned",
    "placement_type",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "tasks",
    "responsible",
)


@constraint_errors
@transaction.atomic
def cohort_create(*, actor, jobcenter, data: dict, citizens, seats: list[CompanySeat]) -> Cohort:
    """A draft cohort of candidates and companies (each with capacity and minimum group)."""
    citizens = list(citizens)
    errors = {}
    if not citizens:
        errors["citizens"] = _("Vælg mindst én kandidat.")
    if not seats:
        errors["companies"] = _("Vælg mindst én virksomhed.")
    for seat in seats:
        if seat.min_group > seat.capacity:
            errors["companies"] = _("%(company)s: mindste gruppe kan ikke være større end antal pladser.") % {
                "company": seat.company.name
            }
    if errors:
        raise ValidationError(errors)
    for item in [*citizens, *(seat.company for seat in seats), data.get("placement_type")]:
        if item is not None and item.jobcenter_id != jobcenter.pk:
            raise ValueError(f"{type(item).__name__} {item.pk} belongs to another jobcenter.")
    unknown = set(data) - set(COHORT_FIELDS)
    if unknown:
        raise ValueError(f"Fields {sorted(unknown)} may not be set here.")
    # The seats asked for are a ceiling: no company gets more than it has free today, and every company must
    # offer the cohort's placement type (matching.cohort_seats).
    rooms = rooms_for(seat.company.pk for seat in seats)
    seats = [replace(seat, capacity=min(seat.capacity, rooms[seat.company.pk].free)) for seat in seats]
    problems = seat_problems(
        rooms,
        placement_type=data.get("placement_type"),
        wanted={seat.company.pk: (seat.capacity, seat.min_group, seat.allow_empty) for seat in seats},
    )
    if problems:
        raise ValidationError({"companies": problems})
    cohort = Cohort(jobcenter=jobcenter, created_by=actor, **data)
    cohort.full_clean(exclude=["jobcenter", "created_by", "result", "violations"])
    cohort.save()
    CohortCompany.objects.bulk_create(
        [
            CohortCompany(
                cohort=cohort,
                company=seat.company,
                capacity=seat.capacity,
                min_group=seat.min_group,
                allow_empty=seat.allow_empty,
            )
            for seat in seats
        ]
    )
    CohortCandidate.objects.bulk_create([CohortCandidate(cohort=cohort, citizen=citizen) for citizen in citizens])
    activity_record(
        actor=actor,
        action="matching.cohort.created",
        obj=cohort,
        data={"candidates": len(citizens), "companies": len(seats)},
    )
    return cohort


@dataclass
class CohortProblem:
    problem: Problem
    names: dict[str, str]
    company_ids: dict[str, int]  # engine host id -> CohortCompany pk
    candidate_ids: dict[str, int]  # engine candidate id -> CohortCandidate pk
    needs: dict[int, tuple[str, ...]]
    profiles: dict[int, CompanyProfile]


def _cohort_problem(cohort: Cohort) -> CohortProblem:
    """The engine problem for a cohort: every candidate may go to every company, scored by the company
    mentors' coverage of the candidate's needs, the placement type and the seats."""
    companies = list(cohort.companies.select_related("company"))
    candidates = list(cohort.candidates.select_related("citizen"))
    need_rows = Citizen.needs.through.objects.filter(
        citizen__in=[candidate.citizen_id for candidate in candidates]
    ).values_list("citizen_id", "competence__name")
    needs: dict[int, list[str]] = {}
    for citizen_id, name in need_rows:
        needs.setdefault(citizen_id, []).append(_need_name(name))
    base, _companies = _company_profiles(jobcenter=cohort.jobcenter_id, placement_type_id=cohort.placement_type_id)
    by_company = {int(profile.id): profile for profile in base}
    profiles = {}
    for seat in companies:
        profile = by_company.get(seat.company_id, CompanyProfile(id=str(seat.company_id), free=0, offers_type=False))
        profiles[seat.pk] = replace(profile, free=seat.capacity)
    names, company_ids, candidate_ids = {}, {}, {}
    hosts = []
    for seat in companies:
        hid = f"[v{seat.pk}]"
        names[hid], company_ids[hid] = seat.company.name, seat.pk
        hosts.append(Host(hid, capacity=seat.capacity, min_group=seat.min_group, allow_empty=seat.allow_empty))
    scores = []
    for candidate in candidates:
        cid = f"[b{candidate.pk}]"
        names[cid], candidate_ids[cid] = candidate.citizen.name, candidate.pk
        candidate_needs = tuple(needs.get(candidate.citizen_id, ()))
        for seat in companies:
            value = score_company(candidate_needs, profiles[seat.pk], explain=False).score
            scores.append((cid, f"[v{seat.pk}]", round(value, 6)))
    problem = make_problem(
        candidates=list(candidate_ids),
        hosts=hosts,
        scores=scores,
        require_all_assigned=cohort.require_all_assigned,
    )
    citizen_needs = {c.pk: tuple(needs.get(c.citizen_id, ())) for c in candidates}
    return CohortProblem(problem, names, company_ids, candidate_ids, citizen_needs, profiles)


def _named(text: str, names: dict[str, str]) -> str:
    for engine_id, name in names.items():
        text = text.replace(engine_id, name)
    return text


def _current_assignment(cohort: Cohort) -> dict[str, str]:
    return {
        f"[b{pk}]": f"[v{assigned}]"
        for pk, assigned in cohort.candidates.filter(assigned__isnull=False).values_list("pk", "assigned_id")
    }


def _rescore(cohort: Cohort, built: CohortProblem, assignment: dict[str, str]) -> list[str]:
    """Stores violations (in Danish, with names) and the assignment's score on the cohort."""
    violations = [_named(text, built.names) for text in assignment_violations(built.problem, assignment)]
    count, objective = assignment_value(built.problem, assignment)
    cohort.violations = violations
    cohort.result = {**cohort.result, "assigned_count": count, "objective": round(objective, 6)}
    return violations


@transaction.atomic
def cohort_solve(*, actor, cohort: Cohort, time_limit: float = 20.0) -> Cohort:
    """The best assignment (as many placed as possible, then the highest total score) with each
    candidate's reasons, or the reason in Danish, with names, why no assignment exists."""
    from matching.engine import solve

    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if not cohort.is_editable:
        raise ValidationError(_("Holdet er allerede oprettet som forløb."))
    built = _cohort_problem(cohort)
    result = solve(built.problem, time_limit=time_limit)
    candidates = {candidate.pk: candidate for candidate in cohort.candidates.all()}
    for candidate in candidates.values():
        candidate.assigned_id, candidate.score, candidate.explanations, candidate.moved_by_hand = None, None, [], False
    if result.status == STATUS_OPTIMAL:
        for cid, hid in result.assignment.items():
            candidate = candidates[built.candidate_ids[cid]]
            seat_pk = built.company_ids[hid]
            explained = score_company(built.needs[candidate.pk], built.profiles[seat_pk])
            candidate.assigned_id, candidate.score = seat_pk, round(explained.score, 6)
            candidate.explanations = list(explained.explanations)
        cohort.status = CohortStatus.SOLVED
        reason = ""
    else:
        cohort.status = CohortStatus.DRAFT
        conflict = result.conflict
        reason = (
            reason_for(
                replace(
                    conflict,
                    hosts=tuple(built.names.get(h, h) for h in conflict.hosts),
                    candidates=tuple(built.names.get(c, c) for c in conflict.candidates),
                )
            )
            if conflict
            else _named(result.reason or "", built.names)
        )
    CohortCandidate.objects.bulk_update(
        list(candidates.values()), ["assigned", "score", "explanations", "moved_by_hand"]
    )
    cohort.result = {
        "status": result.status,
        "objective": result.objective,
        "assigned_count": result.assigned_count,
        "reason": reason,
        "method": result.method,
    }
    cohort.violations = []
    cohort.solved_at = timezone.now()
    cohort.save(update_fields=["status", "result", "violations", "solved_at"])
    activity_record(
        actor=actor,
        action="matching.cohort.solved",
        obj=cohort,
        data={"status": result.status, "assigned": result.assigned_count},
    )
    return cohort


@transaction.atomic
def cohort_move(*, actor, cohort: Cohort, candidate: CohortCandidate, to: CohortCompany | None) -> list[str]:
    """Moves one candidate by hand (to another company, or out). The hard constraints are checked
    again; what the move breaks is stored and shown, and blocks commit until it is fixed."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if not cohort.is_solved:
        raise ValidationError(_("Fordel holdet, før du flytter kandidater."))
    if candidate.cohort_id != cohort.pk or (to is not None and to.cohort_id != cohort.pk):
        raise ValueError("The candidate or company belongs to another cohort.")
    built = _cohort_problem(cohort)
    candidate.assigned = to
    candidate.moved_by_hand = True
    if to is None:
        candidate.score, candidate.explanations = None, []
    else:
        explained = score_company(built.needs[candidate.pk], built.profiles[to.pk])
        candidate.score, candidate.explanations = round(explained.score, 6), list(explained.explanations)
    candidate.save(update_fields=["assigned", "moved_by_hand", "score", "explanations"])
    violations = _rescore(cohort, built, _current_assignment(cohort))
    cohort.save(update_fields=["violations", "result"])
    activity_record(
        actor=actor,
        action="matching.cohort.moved",
        obj=cohort,
        data={"candidate": candidate.pk, "to": to.pk if to else None, "violations": len(violations)},
    )
    return violations


@transaction.atomic
def cohort_commit(*, actor, cohort: Cohort) -> list:
    """Creates the placement proposals for every placed candidate in one step (all or nothing),
    through citizens.services.placement_create; the leaders then accept or decline in the portal. Each
    company's leaders get one message (and inbox item) listing its citizens, not one per placement
    (matching.handoffs.cohort_proposed)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if not cohort.is_solved:
        raise ValidationError(_("Holdet skal være fordelt, før forløbene kan oprettes."))
    built = _cohort_problem(cohort)
    if _rescore(cohort, built, _current_assignment(cohort)):
        cohort.save(update_fields=["violations", "result"])
        raise ValidationError(_("Fordelingen bryder betingelserne. Ret den, før forløbene oprettes."))
    # Seats fill while a cohort is planned: each company must still have room for the citizens it gets.
    placed: dict[int, int] = {}
    for company_id in cohort.candidates.filter(assigned__isnull=False).values_list("assigned__company", flat=True):
        placed[company_id] = placed.get(company_id, 0) + 1
    problems = seat_problems(
        rooms_for(placed),
        placement_type=cohort.placement_type,
        wanted={company_id: (count, 0, False) for company_id, count in placed.items()},
    )
    if problems:
        raise ValidationError(problems)
    placements = []
    candidates = list(cohort.candidates.filter(assigned__isnull=False).select_related("citizen", "assigned__company"))
    for candidate in candidates:
        placement = placement_create(
            actor=actor,
            notify_company=False,  # one message per company below, not one per citizen
            citizen=candidate.citizen,
            data={
                "company": candidate.assigned.company,  # type: ignore[union-attr]  # filtered on assigned__isnull=False
                "placement_type": cohort.placement_type,
                "responsible": cohort.responsible,
                "starts_on": cohort.starts_on,
                "ends_on": cohort.ends_on,
                "tasks": cohort.tasks,
                "hours_per_week": cohort.hours_per_week,
                "proposal_note": _("Del af holdet %(name)s.") % {"name": cohort.name},
            },
        )
        candidate.placement = placement
        placements.append(placement)
    CohortCandidate.objects.bulk_update(candidates, ["placement"])
    cohort.status, cohort.committed_at = CohortStatus.COMMITTED, timezone.now()
    cohort.save(update_fields=["status", "committed_at", "violations", "result"])
    activity_record(actor=actor, action="matching.cohort.committed", obj=cohort, data={"placements": len(placements)})
    handoffs.cohort_proposed(cohort=cohort, placements=placements)
    return placements


@transaction.atomic
def cohort_company_update(
    *, actor, seat: CohortCompany, capacity: int, min_group: int, allow_empty: bool
) -> CohortCompany:
    """Changes one company's seats in a cohort that is not committed yet; a solved cohort goes back to
    draft (its assignment no longer answers the question asked)."""
    cohort = Cohort.objects.select_for_update().get(pk=seat.cohort_id)
    if not cohort.is_editable:
        raise ValidationError(_("Holdet er allerede oprettet som forløb."))
    if min_group > capacity:
        raise ValidationError({"min_group": _("Mindste gruppe kan ikke være større end antal pladser.")})
    if capacity and (
        problems := seat_problems(
            rooms_for([seat.company_id]),
            placement_type=cohort.placement_type,
            wanted={seat.company_id: (capacity, min_group, allow_empty)},
        )
    ):
        raise ValidationError({"capacity": problems})
    seat.capacity, seat.min_group, seat.allow_empty = capacity, min_group, allow_empty
    seat.full_clean(exclude=["cohort", "company"])
    seat.save(update_fields=["capacity", "min_group", "allow_empty"])
    if cohort.status == CohortStatus.SOLVED:
        cohort.status = CohortStatus.DRAFT
        cohort.save(update_fields=["status"])
    activity_record(
        actor=actor,
        action="matching.cohort.company_updated",
        obj=cohort,
        data={"company": seat.company_id, "capacity": capacity, "min_group": min_group, "allow_empty": allow_empty},
    )
    return seat
