"""Demo citizens for `manage.py seed_demo`: about 120 citizens in every state across the last year,
with mentor agreements, first meetings, placements, step-up plans, goals, weekly follow-ups and
competence-card assessments, and in Kalundborg 50 more referred for a cohort (matching.demo). Idempotent:
citizens are keyed by their (fictitious) CPR number, and a citizen's history is only created when the
citizen is new.

The data hold together as a jobcenter would expect: the citizens are spread over the jobcenter's caseworkers;
a corps mentor gets agreements only up to their capacity, preferably one who knows one of the citizen's needs;
a placement goes to an active company that offers its placement type and has a free seat; and the corps
mentors' hours of the last four weeks are registered against their active agreements' citizens.

The CPR numbers are made up (serials 9xxx… in the 1900s are not issued to real people in this
pattern), but they are valid dates, so the reveal and the search can be tried."""

import datetime
import random
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership, Role
from citizens import cpr
from citizens.demo_agreement_progress import agreement_progress_seed
from citizens.models import (
    AgreementStatus,
    Citizen,
    CitizenStatus,
    FirstMeeting,
    FollowUp,
    Goal,
    GoalStatus,
    HoursStep,
    MentorAgreement,
    Placement,
    PlacementStatus,
    PlacementType,
    ProgressAssessment,
    ProgressDimension,
    ProgressScore,
    SensitiveNote,
    TargetGroup,
)
from citizens.services import progress_summary_refresh, vocabulary_defaults_ensure
from citizens.vocabulary import COMPLAINT_GUIDANCE
from companies.models import CollaborationStatus, Company, CompanyMentor
from corps.models import Competence, HoursEntry, HoursStatus, Language, Mentor, MentorStatus

FIRST = [
    "Mads",
    "Sofie",
    "Ahmad",
    "Line",
    "Jonas",
    "Fatima",
    "Kasper",
    "Mette",
    "Omar",
    "Camilla",
    "Rasmus",
    "Aisha",
    "Emil",
    "Ida",
    "Mikkel",
    "Nadia",
    "Frederik",
    "Louise",
    "Yusuf",
    "Anne",
    "Tobias",
    "Maria",
    "Ali",
    "Signe",
    "Jesper",
    "Hanne",
    "Bilal",
    "Julie",
    "Søren",
    "Amina",
    "Lars",
    "Katrine",
    "Hassan",
    "Pia",
    "Nikolaj",
    "Zainab",
]
LAST = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Ahmadi",
    "Hussein",
    "Yilmaz",
    "Mortensen",
    "Østergaard",
    "Kjær",
    "Bach",
    "Lund",
    "Holm",
    "Dahl",
]
POSTCODES = {"favrskov": ["8450", "8370", "8382", "8850", "8860"], "kalundborg": ["4400", "4470", "4480", "4490"]}
WISHES = [
    "Jeg vil gerne have en mentor, der selv har prøvet at skifte branche.",
    "En rolig person, som kan hjælpe mig med breve fra kommunen.",
    "Gerne en kvinde, og gerne en der taler arabisk.",
    "En der kender til lager og logistik.",
    "Jeg har brug for hjælp til at komme op om morgenen og holde mine aftaler.",
    "",
]
VIEWS = [
    "Borgeren er motiveret, men har svært ved at overskue hverdagen. Mentor kan støtte struktur og fremmøde.",
    "Har været længe væk fra arbejdsmarkedet. En udviklingspraktik med få timer vil være en god start.",
    "Har gode faglige kompetencer, men mangler netværk og sprogstøtte.",
    "Brug for en tryg voksen til at bygge bro til uddannelse.",
]
TASKS = [
    "Lettere lagerarbejde, pakning af ordrer og oprydning.",
    "Køkkenhjælp: opvask, anretning og klargøring.",
    "Pasning af grønne områder sammen med holdet.",
    "Montage af mindre emner og kvalitetskontrol.",
    "Kundeservice i butikken og opfyldning af varer.",
]
GOALS = [
    ("Møde stabilt til aftalt tid", ["Møde til tiden tre uger i træk", "Give besked ved sygdom inden kl. 8"]),
    (
        "Arbejde selvstændigt med faste opgaver",
        ["Kende dagens opgaver uden hjælp", "Bede om hjælp, når noget er uklart"],
    ),
    ("Øge timetallet", ["Fra 3 til 8 timer om ugen", "Fra 8 til 15 timer om ugen"]),
]
FOLLOW_UP_NOTES = [
    "Ugentligt besøg. Borgeren møder stabilt og er glad for opgaverne.",
    "Telefonopkald med virksomhedsmentor: lidt fravær i ugen, aftalt ny mødetid.",
    "Møde med borger og mentor. Timetallet kan øges fra næste uge.",
    "E-mail fra virksomheden: god uge, borgeren tager mere initiativ.",
    "Besøg. Borgeren havde en svær uge, men kom alle dage. Mentor følger op dagligt.",
]
OUTCOMES = (
    ["ordinary_job"] * 9
    + ["education"] * 3
    + ["flex_job"] * 3
    + ["other_placement"] * 3
    + ["sick_listed"] * 4
    + ["dropped_out"] * 4
    + ["moved"] * 2
    + ["other"] * 2
)
# State plan per citizen (repeated to fill the count).
STATES = (
    ["referred"] * 14
    + ["draft"] * 8
    + ["agreement"] * 18
    + ["placement"] * 34
    + ["proposed"] * 5
    + ["declined"] * 3
    + ["ended"] * len(OUTCOMES)
)
COUNTS = {"favrskov": 100, "kalundborg": 20}
# Kalundborg starts 50 candidates at a time in company placements (matching.demo's cohort): referred for it,
# each with a need or two the company mentors can meet. Their indexes follow the ordinary citizens'.
COHORT_COUNTS = {"kalundborg": 50}
COHORT_FIRST_INDEX = 500
COHORT_REFERRAL = "Henvist til virksomhedsholdet: fælles opstart i virksomhedspraktik sammen med andre borgere."
# A corps mentor's hours of a week with one citizen, drawn around the agreement's weekly hours.
HOURS_WEEKS = 4


def _demo_cpr(index: int, born: datetime.date) -> str:
    serial = f"4{index % 1000:03d}" if born.year >= 2000 else f"3{index % 1000:03d}"
    return f"{born:%d%m%y}{serial}"


def _ensure_company_mentors(jobcenter, rng) -> list[CompanyMentor]:
    """Placements need company mentors; the companies app's demo data provides them when present.
    Otherwise a few are added to the jobcenter's companies (idempotently, keyed by e-mail)."""
    mentors = list(CompanyMentor.objects.filter(company__jobcenter=jobcenter, is_active=True).select_related("company"))
    if len({m.company_id for m in mentors}) >= 3:
        return mentors
    fallback = [
        ("Hammel Maskinfabrik A/S", "29402814"),
        ("Hinnerup Bageri ApS", "30060946"),
        ("Favrskov Gartneri ApS", "31227316"),
        ("Kalundborg Havn A/S", "25716639"),
        ("Vestsjællands Lager ApS", "32136435"),
        ("Høng Køkken og Kantine ApS", "33035350"),
    ]
    names = fallback[:3] if jobcenter.slug != "kalundborg" else fallback[3:]
    for name, cvr in names:
        company = Company.objects.filter(jobcenter=jobcenter, cvr=cvr).first()
        if company is None:
            company = Company.objects.create(
                jobcenter=jobcenter, name=name, cvr=cvr, status=CollaborationStatus.ACTIVE, capacity=4
            )
            company.placement_types.set(PlacementType.objects.filter(jobcenter=jobcenter))
        CompanyMentor.objects.get_or_create(
            company=company,
            email=f"mentor@{cvr}.demo",
            defaults={"full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "job_title": "Værkfører"},
        )
    return list(CompanyMentor.objects.filter(company__jobcenter=jobcenter, is_active=True).select_related("company"))


class _Room:
    """What the demo may still give out while it seeds one jobcenter: the corps mentors' free capacity and the
    companies' free seats, counted from what the database already holds (a re-run adds to an existing world)."""

    def __init__(self, jobcenter, corps_mentors, company_mentors):
        self.mentors = corps_mentors
        self.mentor_needs = {mentor_id: set() for mentor_id in (m.pk for m in corps_mentors)}
        for mentor_id, competence_id in Mentor.competences.through.objects.filter(mentor__in=corps_mentors).values_list(
            "mentor_id", "competence_id"
        ):
            self.mentor_needs[mentor_id].add(competence_id)
        # An active agreement counts towards a mentor's capacity (corps.selectors' load); a draft soon will.
        self.load = dict(
            MentorAgreement.objects.filter(
                jobcenter=jobcenter, status__in=[AgreementStatus.ACTIVE, AgreementStatus.DRAFT]
            )
            .exclude(mentor=None)
            .values("mentor")
            .annotate(n=Count("pk"))
            .values_list("mentor", "n")
        )
        self.company_mentors = company_mentors
        # A proposed or running placement holds a company seat (matching.cohort_seats).
        self.taken = dict(
            Placement.objects.filter(jobcenter=jobcenter, status__in=[PlacementStatus.PROPOSED, PlacementStatus.ACTIVE])
            .values("company")
            .annotate(n=Count("pk"))
            .values_list("company", "n")
        )
        self.company_types = {}
        for company_id, type_id in Company.placement_types.through.objects.filter(
            company__jobcenter=jobcenter
        ).values_list("company_id", "placementtype_id"):
            self.company_types.setdefault(company_id, set()).add(type_id)

    def mentor_for(self, rng, need_ids: set[int], *, holds_capacity: bool):
        """A corps mentor with room (for an agreement that counts towards capacity), preferably one who knows
        one of the citizen's needs; None when the corps is full."""
        mentors = [m for m in self.mentors if not holds_capacity or self.load.get(m.pk, 0) < m.capacity]
        knowing = [m for m in mentors if self.mentor_needs[m.pk] & need_ids]
        if not mentors:
            return None
        mentor = rng.choice(knowing or mentors)
        if holds_capacity:
            self.load[mentor.pk] = self.load.get(mentor.pk, 0) + 1
        return mentor

    def company_mentor_for(self, rng, placement_type, *, holds_seat: bool):
        """A company mentor at an active company that offers the placement type and, for a placement that
        holds a seat, has one free; None when there is none."""
        candidates = [
            m
            for m in self.company_mentors
            if m.company.status == CollaborationStatus.ACTIVE
            and placement_type.pk in self.company_types.get(m.company_id, ())
            and (not holds_seat or self.taken.get(m.company_id, 0) < m.company.capacity)
        ]
        if not candidates:
            return None
        mentor = rng.choice(candidates)
        if holds_seat:
            self.taken[mentor.company_id] = self.taken.get(mentor.company_id, 0) + 1
        return mentor


def _caseworkers(jobcenter) -> list:
    """The jobcenter's caseworkers, in a fixed order (by e-mail), so each citizen index gets the same one."""
    return [
        m.user
        for m in Membership.objects.filter(jobcenter=jobcenter, role=Role.CASEWORKER, is_active=True)
        .select_related("user")
        .order_by("user__email")
    ]


def _seed_jobcenter(jobcenter, count: int, stdout) -> int:
    rng = random.Random(f"citizens-demo-{jobcenter.slug}")  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    vocabulary_defaults_ensure(actor=None, jobcenter=jobcenter)
    groups = list(TargetGroup.objects.filter(jobcenter=jobcenter))
    types = {t.code: t for t in PlacementType.objects.filter(jobcenter=jobcenter)}
    dimensions = list(ProgressDimension.objects.filter(jobcenter=jobcenter, is_active=True))
    competences = list(Competence.objects.filter(jobcenter=jobcenter))
    languages = list(Language.objects.filter(code__in=["da", "ar", "en", "so", "ti", "uk", "pl"]))
    # The jobcenter's first coordinator (accounts.demo's): a user added later as a coordinator, like the
    # consultant who works in both jobcenters, must not take over the placements.
    coordinator = (
        Membership.objects.filter(jobcenter=jobcenter, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    coordinator = coordinator.user if coordinator else None
    caseworkers = _caseworkers(jobcenter) or [coordinator]
    if coordinator is None:
        stdout.write(f"  (ingen koordinator i {jobcenter.name}: springer borgere over)")
        return 0
    corps_mentors = list(Mentor.objects.filter(jobcenter=jobcenter, status=MentorStatus.ACTIVE).order_by("pk"))
    company_mentors = _ensure_company_mentors(jobcenter, rng)
    room = _Room(jobcenter, corps_mentors, company_mentors)
    plan = [(index, STATES[(index * 37) % len(STATES)]) for index in range(count)]
    first = COHORT_FIRST_INDEX
    plan += [(index, "cohort") for index in range(first, first + COHORT_COUNTS.get(jobcenter.slug, 0))]
    created = 0
    for index, state in plan:
        # One generator per citizen, so a re-run that skips existing citizens draws the same values.
        rng = random.Random(f"citizens-demo-{jobcenter.slug}-{index}")  # noqa: S311 - demo data
        born = datetime.date(rng.randint(1966, 2005), rng.randint(1, 12), rng.randint(1, 28))
        number = _demo_cpr(index, born)
        referred = today - datetime.timedelta(days=rng.randint(20, 360) if state != "ended" else rng.randint(200, 365))
        caseworker = caseworkers[index % len(caseworkers)]
        defaults = {
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "birth_date": born,
            "cpr_encrypted": "",
            "postcode": rng.choice(POSTCODES.get(jobcenter.slug, ["8450"])),
            "phone": f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "target_group": rng.choice(groups),
            "caseworker": caseworker,
            "referred_on": referred,
            "referral_reason": rng.choice(VIEWS),
            "wish_gender": rng.choice(["", "", "female", "male"]),
            "wish_age_band": rng.choice(["", "", "35-44", "45-54", "55-64"]),
            "wish_text": rng.choice(WISHES),
            "caseworker_view": rng.choice(VIEWS),
            "created_by": caseworker,
        }
        if state == "cohort":
            defaults["referred_on"] = today - datetime.timedelta(days=rng.randint(5, 40))
            defaults["referral_reason"] = COHORT_REFERRAL
        digest = cpr.search_hash(number)
        citizen = Citizen.objects.filter(jobcenter=jobcenter, cpr_hash=digest).first()
        if citizen is not None:
            continue  # already seeded: leave the citizen and its history as they are
        citizen = Citizen.objects.create(
            jobcenter=jobcenter, cpr_hash=digest, **{**defaults, "cpr_encrypted": cpr.encrypt(number)}
        )
        needs = rng.sample(competences, k=min(len(competences), rng.randint(1, 2 if state == "cohort" else 3)))
        citizen.needs.set(needs)
        citizen.languages.set(rng.sample(languages, k=min(len(languages), rng.randint(1, 2))))
        if index % 7 == 0:
            SensitiveNote.objects.create(
                jobcenter=jobcenter,
                citizen=citizen,
                kind=rng.choice(["health", "substance", "social"]),
                text="Borgeren har oplyst om angst og søvnproblemer; tåler ikke store grupper.",
                author=caseworker,
            )
        created += 1
        if state == "cohort":
            continue  # waits for the cohort's placements (matching.demo)
        _seed_history(
            citizen,
            state,
            index,
            rng,
            today,
            coordinator,
            caseworker,
            room,
            {need.pk for need in needs},
            types,
            dimensions,
        )
    return created


def _seed_hours(jobcenter) -> int:
    """The corps mentors' hours of the last four full weeks, one row per active agreement and week it ran,
    near the agreement's weekly hours: approved, except the latest week, which waits for approval. Only for
    hourly-paid mentors (full-time mentors are not paid by the hour). Existing rows are left as they are."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    weeks = [monday - datetime.timedelta(weeks=n) for n in range(HOURS_WEEKS, 0, -1)]
    coordinator = (
        Membership.objects.filter(jobcenter=jobcenter, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    actor = coordinator.user if coordinator else None
    agreements = (
        MentorAgreement.objects.filter(
            jobcenter=jobcenter,
            status=AgreementStatus.ACTIVE,
            mentor__status=MentorStatus.ACTIVE,
            mentor__hourly_rate__isnull=False,
        )
        .select_related("mentor")
        .order_by("pk")
    )
    existing = set(
        HoursEntry.objects.filter(mentor__jobcenter=jobcenter, week__in=weeks).values_list(
            "mentor_id", "week", "citizen_id"
        )
    )
    now = timezone.now()
    rows = []
    for agreement in agreements:
        rng = random.Random(f"citizens-demo-hours-{agreement.pk}")  # noqa: S311 - demo data
        for week in weeks:
            if not agreement.starts_on <= week <= agreement.ends_on:
                continue
            if (agreement.mentor_id, week, agreement.citizen_id) in existing:
                continue
            decided = week != weeks[-1]
            agreed = agreement.hours_per_week
            rows.append(
                HoursEntry(
                    mentor=agreement.mentor,
                    week=week,
                    citizen_id=agreement.citizen_id,
                    # What corps.services.hours_record writes for a citizen.
                    mentee_reference=f"Borger nr. {agreement.citizen_id}",
                    hours=max(Decimal("0.5"), agreed + Decimal(rng.choice(["-1", "-0.5", "0", "0", "0.5", "1"]))),
                    agreed_hours=agreed,
                    hourly_rate=agreement.mentor.hourly_rate,
                    status=HoursStatus.APPROVED if decided else HoursStatus.SUBMITTED,
                    entered_by=actor,
                    decided_by=actor if decided else None,
                    decided_at=now if decided else None,
                )
            )
    HoursEntry.objects.bulk_create(rows)
    return len(rows)


def _seed_history(
    citizen, state, index, rng, today, coordinator, caseworker, room, need_ids, types, dimensions
) -> None:
    if state == "referred":
        return
    start = citizen.referred_on + datetime.timedelta(days=rng.randint(7, 21))
    start = min(start, today - datetime.timedelta(days=1))
    end = min(start + datetime.timedelta(days=rng.choice([90, 120, 150, 180])), start + datetime.timedelta(days=181))
    agreement_status = {
        "draft": AgreementStatus.DRAFT,
        "ended": AgreementStatus.ENDED,
    }.get(state, AgreementStatus.ACTIVE)
    if state == "ended":
        mentor = room.mentor_for(rng, need_ids, holds_capacity=False)
    else:
        mentor = room.mentor_for(rng, need_ids, holds_capacity=True)
        if mentor is None:
            return  # every corps mentor is full: the citizen waits for one, as referred
    if end < today and agreement_status == AgreementStatus.ACTIVE:
        # A long-running case: the first agreement ran out and was renewed after a concrete assessment.
        first = MentorAgreement.objects.create(
            jobcenter=citizen.jobcenter,
            citizen=citizen,
            status=AgreementStatus.RENEWED,
            mentor=mentor,
            caseworker=caseworker,
            goal="Struktur i hverdagen og en stabil start i praktik.",
            mentor_tasks="Ugentlige samtaler, følge borgeren til møder, hjælp med post og økonomi.",
            starts_on=start,
            ends_on=end,
            hours_total=Decimal("48"),
            hours_per_week=Decimal("2"),
            complaint_guidance=COMPLAINT_GUIDANCE,
            activated_at=timezone.now(),
            ended_on=end,
            created_by=coordinator,
        )
        start, end = end, end + datetime.timedelta(days=180)
        renews, assessment = first, "Borgeren er godt i gang, men har fortsat brug for støtte til fremmøde."
    else:
        renews, assessment = None, ""
    if mentor is None and agreement_status != AgreementStatus.DRAFT:
        agreement_status = AgreementStatus.DRAFT
    agreement = MentorAgreement.objects.create(
        jobcenter=citizen.jobcenter,
        citizen=citizen,
        status=agreement_status,
        mentor=mentor,
        caseworker=caseworker,
        goal="At borgeren kommer stabilt i gang på en arbejdsplads og får overblik over hverdagen.",
        mentor_tasks="Ugentlig samtale, støtte til fremmøde, bindeled til virksomheden.",
        starts_on=start,
        ends_on=end,
        hours_total=Decimal(rng.choice([24, 36, 48])),
        hours_per_week=Decimal(rng.choice([1, 2, 3])),
        complaint_guidance=COMPLAINT_GUIDANCE,
        renews=renews,
        renewal_assessment=assessment,
        activated_at=timezone.now() if agreement_status != AgreementStatus.DRAFT else None,
        ended_on=min(end, today) if agreement_status == AgreementStatus.ENDED else None,
        created_by=coordinator,
    )
    if agreement_status == AgreementStatus.DRAFT:
        return
    FirstMeeting.objects.create(
        jobcenter=citizen.jobcenter,
        agreement=agreement,
        held_on=min(start + datetime.timedelta(days=3), today),
        other_participants="",
        expectations="Vi mødes hver uge. Borgeren giver besked ved afbud.",
        goals="Komme i praktik inden for en måned og møde stabilt.",
        recorded_by=coordinator,
    )
    citizen.status = CitizenStatus.ACTIVE
    status = {
        "proposed": PlacementStatus.PROPOSED,
        "declined": PlacementStatus.DECLINED,
        "ended": PlacementStatus.ENDED,
    }.get(state, PlacementStatus.ACTIVE)
    placement_type = types.get(rng.choice(["virksomhedspraktik", "udviklingspraktik", "loentilskud", "fleksjob"]))
    holds_seat = status in (PlacementStatus.PROPOSED, PlacementStatus.ACTIVE)
    company_mentor = None
    if state != "agreement" and placement_type is not None:
        company_mentor = room.company_mentor_for(rng, placement_type, holds_seat=holds_seat)
    if company_mentor is None:  # a mentor agreement only, or no company has a free seat of the kind
        citizen.save(update_fields=["status"])
        # The agreement carries the citizen's goals and competence card, as no placement does.
        agreement_progress_seed(agreement, dimensions=dimensions, recorded_by=coordinator, today=today)
        return
    p_start = min(start + datetime.timedelta(days=rng.randint(10, 30)), today - datetime.timedelta(days=1))
    p_end = p_start + datetime.timedelta(days=rng.choice([56, 84, 91, 120]))
    outcome = OUTCOMES[(index * 7) % len(OUTCOMES)] if state == "ended" else ""
    ended_on = min(p_end, today) if status == PlacementStatus.ENDED else None
    development = placement_type.code == "udviklingspraktik"
    placement = Placement.objects.create(
        jobcenter=citizen.jobcenter,
        citizen=citizen,
        company=company_mentor.company,
        company_mentor=company_mentor if status not in (PlacementStatus.PROPOSED, PlacementStatus.DECLINED) else None,
        placement_type=placement_type,
        responsible=coordinator,
        status=status,
        starts_on=p_start,
        ends_on=p_end,
        tasks=rng.choice(TASKS),
        hours_per_week=Decimal("1" if development else rng.choice(["8", "15", "20"])),
        mentor_hours_per_week=Decimal(rng.choice(["1", "2", "3"])),
        proposal_note="Borgeren har brug for en rolig start." if status == PlacementStatus.PROPOSED else "",
        decline_reason="Vi har ikke en mentor med tid lige nu." if status == PlacementStatus.DECLINED else "",
        decided_at=timezone.now() if status != PlacementStatus.PROPOSED else None,
        outcome=outcome,
        ended_on=ended_on,
        created_by=coordinator,
    )
    steps = (
        [(0, Decimal("1")), (21, Decimal("3")), (49, Decimal("8"))] if development else [(0, placement.hours_per_week)]
    )
    for offset, hours in steps:
        if p_start + datetime.timedelta(days=offset) < p_end:
            HoursStep.objects.create(
                placement=placement, starts_on=p_start + datetime.timedelta(days=offset), hours_per_week=hours
            )
    if status in (PlacementStatus.PROPOSED, PlacementStatus.DECLINED):
        citizen.save(update_fields=["status"])
        return
    for position, (title, subs) in enumerate(GOALS[: rng.randint(1, 3)]):
        goal = Goal.objects.create(
            placement=placement,
            title=title,
            position=position,
            status=rng.choice(list(GoalStatus.values)),
            target_date=p_start + datetime.timedelta(days=30 * (position + 1)),
        )
        for sub_position, sub in enumerate(subs):
            Goal.objects.create(
                placement=placement,
                parent=goal,
                title=sub,
                position=sub_position,
                status=rng.choice(list(GoalStatus.values)),
            )
    last_day = ended_on or today
    # Weekly follow-up, with a gap for some placements so the "no follow-up for 8 days" list has rows.
    stop = last_day - datetime.timedelta(days=rng.choice([0, 0, 0, 2, 11]))
    day, last_follow_up, follow_ups = p_start + datetime.timedelta(days=3), None, []
    while day <= stop:
        hours = Decimal(rng.choice(["0", "1.5", "2", "3"]))
        confirmed = rng.random() < 0.7 and hours > 0
        follow_ups.append(
            FollowUp(
                jobcenter=citizen.jobcenter,
                citizen=citizen,
                placement=placement,
                agreement=agreement,
                kind=rng.choice(["visit", "visit", "phone", "meeting", "email"]),
                occurred_on=day,
                participants="Borger, virksomhedsmentor, jobkonsulent",
                notes=rng.choice(FOLLOW_UP_NOTES),
                next_action=rng.choice(["Næste besøg om en uge", "Øg timetallet", "Samtale om mål", ""]),
                mentor_hours=hours,
                hours_confirmed_by="citizen" if confirmed else "",
                hours_confirmed_at=timezone.now() if confirmed else None,
                author=coordinator,
            )
        )
        last_follow_up = day
        day += datetime.timedelta(days=rng.choice([6, 7, 7, 8]))
    FollowUp.objects.bulk_create(follow_ups)
    placement.last_follow_up_on = last_follow_up
    placement.save(update_fields=["last_follow_up_on"])
    level = rng.randint(1, 3)
    day = p_start + datetime.timedelta(days=14)
    while day <= last_day and dimensions:
        assessment = ProgressAssessment.objects.create(
            jobcenter=citizen.jobcenter,
            placement=placement,
            assessed_on=day,
            assessor_kind=rng.choice(["company", "jobcenter"]),
            company_mentor=company_mentor,
            recorded_by=coordinator,
        )
        ProgressScore.objects.bulk_create(
            ProgressScore(
                assessment=assessment, dimension=d, score=max(1, min(5, level + rng.choice([-1, 0, 0, 1]))), comment=""
            )
            for d in dimensions
        )
        level = min(5, level + rng.choice([0, 1]))
        day += datetime.timedelta(days=28)
    progress_summary_refresh(placement=placement)
    if state == "ended":
        agreement.status, agreement.ended_on = (
            AgreementStatus.ENDED,
            max(agreement.starts_on, min(agreement.ends_on, today)),
        )
        agreement.save(update_fields=["status", "ended_on"])
        citizen.status, citizen.outcome, citizen.outcome_on = CitizenStatus.ENDED, outcome, ended_on
        citizen.save(update_fields=["status", "outcome", "outcome_on"])
    else:
        citizen.save(update_fields=["status"])


def seed(*, stdout) -> None:
    # Demo data for every demo jobcenter in one run (manage.py seed_demo), no request and no tenant.
    with scopes_disabled():
        total = hours = 0
        for slug, count in COUNTS.items():
            jobcenter = Jobcenter.objects.filter(slug=slug).first()
            if jobcenter is not None:
                total += _seed_jobcenter(jobcenter, count, stdout)
                hours += _seed_hours(jobcenter)
        summary = Citizen.objects.aggregate(all=Count("id"), ended=Count("id", filter=Q(status=CitizenStatus.ENDED)))
        stdout.write(f"  {total} nye borgere; i alt {summary['all']} borgere, heraf {summary['ended']} afsluttede")
        stdout.write(f"  {hours} nye timeregistreringer for korpsmentorernes aftaler")
