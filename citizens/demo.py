"""Demo citizens for `manage.py seed_demo`: about 120 citizens in every state across the last year,
with mentor agreements, first meetings, placements, step-up plans, goals, weekly follow-ups and
competence-card assessments. Idempotent: citizens are keyed by their (fictitious) CPR number, and a
citizen's history is only created when the citizen is new.

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
from companies.models import Company, CompanyMentor
from corps.models import Competence, Language, Mentor, MentorStatus

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
            company = Company.objects.create(jobcenter=jobcenter, name=name, cvr=cvr)
        CompanyMentor.objects.get_or_create(
            company=company,
            email=f"mentor@{cvr}.demo",
            defaults={"full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "job_title": "Værkfører"},
        )
    return list(CompanyMentor.objects.filter(company__jobcenter=jobcenter, is_active=True).select_related("company"))


def _seed_jobcenter(jobcenter, count: int, stdout) -> int:
    rng = random.Random(f"citizens-demo-{jobcenter.slug}")  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    vocabulary_defaults_ensure(actor=None, jobcenter=jobcenter)
    groups = list(TargetGroup.objects.filter(jobcenter=jobcenter))
    types = {t.code: t for t in PlacementType.objects.filter(jobcenter=jobcenter)}
    dimensions = list(ProgressDimension.objects.filter(jobcenter=jobcenter, is_active=True))
    competences = list(Competence.objects.filter(jobcenter=jobcenter))
    languages = list(Language.objects.filter(code__in=["da", "ar", "en", "so", "ti", "uk", "pl"]))
    # The jobcenter's first coordinator and caseworker (accounts.demo's user per role): a user added later in
    # another role, like the consultant who works in both jobcenters, must not take over their citizens.
    staff = {}
    for m in (
        Membership.objects.filter(jobcenter=jobcenter, role__in=[Role.COORDINATOR, Role.CASEWORKER])
        .select_related("user")
        .order_by("created_at", "pk")
    ):
        staff.setdefault(m.role, m.user)
    coordinator = staff.get(Role.COORDINATOR)
    caseworker = staff.get(Role.CASEWORKER, coordinator)
    if coordinator is None:
        stdout.write(f"  (ingen koordinator i {jobcenter.name}: springer borgere over)")
        return 0
    corps_mentors = list(
        Mentor.objects.filter(jobcenter=jobcenter, status__in=[MentorStatus.ACTIVE, MentorStatus.APPROVED])
    )
    company_mentors = _ensure_company_mentors(jobcenter, rng)
    created = 0
    for index in range(count):
        # One generator per citizen, so a re-run that skips existing citizens draws the same values.
        rng = random.Random(f"citizens-demo-{jobcenter.slug}-{index}")  # noqa: S311 - demo data
        state = STATES[(index * 37) % len(STATES)]
        born = datetime.date(rng.randint(1966, 2005), rng.randint(1, 12), rng.randint(1, 28))
        number = _demo_cpr(index, born)
        referred = today - datetime.timedelta(days=rng.randint(20, 360) if state != "ended" else rng.randint(200, 365))
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
        digest = cpr.search_hash(number)
        citizen = Citizen.objects.filter(jobcenter=jobcenter, cpr_hash=digest).first()
        if citizen is not None:
            continue  # already seeded: leave the citizen and its history as they are
        citizen = Citizen.objects.create(
            jobcenter=jobcenter, cpr_hash=digest, **{**defaults, "cpr_encrypted": cpr.encrypt(number)}
        )
        citizen.needs.set(rng.sample(competences, k=min(len(competences), rng.randint(1, 3))))
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
        _seed_history(
            citizen,
            state,
            index,
            rng,
            today,
            coordinator,
            caseworker,
            corps_mentors,
            company_mentors,
            types,
            dimensions,
        )
    return created


def _seed_history(
    citizen, state, index, rng, today, coordinator, caseworker, corps_mentors, company_mentors, types, dimensions
) -> None:
    if state == "referred":
        return
    start = citizen.referred_on + datetime.timedelta(days=rng.randint(7, 21))
    start = min(start, today - datetime.timedelta(days=1))
    end = min(start + datetime.timedelta(days=rng.choice([90, 120, 150, 180])), start + datetime.timedelta(days=181))
    mentor = rng.choice(corps_mentors) if corps_mentors else None
    agreement_status = {
        "draft": AgreementStatus.DRAFT,
        "ended": AgreementStatus.ENDED,
    }.get(state, AgreementStatus.ACTIVE)
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
    if state == "agreement" or not company_mentors:
        citizen.save(update_fields=["status"])
        return
    company_mentor = rng.choice(company_mentors)
    placement_type = types.get(rng.choice(["virksomhedspraktik", "udviklingspraktik", "loentilskud", "fleksjob"]))
    p_start = min(start + datetime.timedelta(days=rng.randint(10, 30)), today - datetime.timedelta(days=1))
    p_end = p_start + datetime.timedelta(days=rng.choice([56, 84, 91, 120]))
    status = {
        "proposed": PlacementStatus.PROPOSED,
        "declined": PlacementStatus.DECLINED,
        "ended": PlacementStatus.ENDED,
    }.get(state, PlacementStatus.ACTIVE)
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
        total = 0
        for slug, count in COUNTS.items():
            jobcenter = Jobcenter.objects.filter(slug=slug).first()
            if jobcenter is not None:
                total += _seed_jobcenter(jobcenter, count, stdout)
        summary = Citizen.objects.aggregate(all=Count("id"), ended=Count("id", filter=Q(status=CitizenStatus.ENDED)))
        stdout.write(f"  {total} nye borgere; i alt {summary['all']} borgere, heraf {summary['ended']} afsluttede")
