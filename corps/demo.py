"""Demo corps for `manage.py seed_demo`: about 40 mentors in Favrskov and a smaller corps in
Kalundborg, with varied profiles, a few applicants in screening, courses and a month of hours.
Idempotent: rows are found by natural keys (jobcenter + e-mail, mentor + week + reference)."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Jobcenter
from corps.models import (
    Attachment,
    Competence,
    Employment,
    HoursEntry,
    HoursStatus,
    Language,
    Mentor,
    MentorNote,
    MentorStatus,
    MentorStatusEvent,
    Qualification,
    QualificationKind,
    Source,
)
from corps.vocabulary import seed_competences

FIRST_FEMALE = [
    "Anne", "Birgitte", "Camilla", "Dorthe", "Eva", "Fatima", "Gitte", "Hanne", "Ida", "Jette", "Karin", "Lene",
    "Maja", "Nadia", "Pernille", "Rikke", "Sara", "Tove", "Ulla", "Yasmin", "Zainab", "Aster", "Helle", "Mette",
]  # fmt: skip
FIRST_MALE = [
    "Anders", "Bo", "Carsten", "Dennis", "Erik", "Flemming", "Hassan", "Jens", "Kim", "Lars", "Mads", "Niels",
    "Ole", "Peter", "Rasmus", "Søren", "Thomas", "Ali", "Mehmet", "Yonas", "Henrik", "Jakob",
]  # fmt: skip
LAST = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Mølgaard", "Yilmaz",
    "Haile", "Ahmadi", "Kowalski", "Østergaard", "Bach", "Lund",
]  # fmt: skip
BACKGROUNDS = [
    ("Social- og sundhedsassistent", "20 år i hjemmeplejen", "Sundhed, ældrepleje"),
    ("Tømrer", "Selvstændig tømrermester i 25 år", "Byggeri"),
    ("Cand.psych.", "Skolepsykolog", "Undervisning, psykologi"),
    ("Kontoruddannet", "Bogholder i en mellemstor virksomhed", "Økonomi, administration"),
    ("Pædagog", "Fritidsklub og SSP-arbejde", "Pædagogik, ungdomsarbejde"),
    ("Lærer", "Folkeskolelærer i 30 år, nu pensioneret", "Undervisning"),
    ("Smed", "Værkfører på Hammel Maskinfabrik", "Industri, metal"),
    ("Butiksuddannet", "Butikschef i dagligvarehandlen", "Detail"),
    ("Socialrådgiverstuderende", "Studiejob på et bosted", "Socialt arbejde"),
    ("Sygeplejerske", "Psykiatrisk afdeling, Regionshospitalet", "Sundhed, psykiatri"),
    ("HD i regnskab", "Revisor", "Økonomi"),
    ("Chauffør", "Vognmand i 15 år", "Transport, logistik"),
    ("Kok", "Køkkenchef i kantine", "Hotel og restauration"),
    ("Tolk", "Tolk i tigrinya og arabisk", "Sprog, integration"),
    ("Landmand", "Driver eget landbrug", "Landbrug"),
]
POSTCODES = ["8450", "8370", "8382", "8860", "8881", "8620", "8800", "8000"]
LANGUAGE_PICKS = [["da"], ["da", "en"], ["da", "en", "de"], ["da", "ar"], ["da", "ti"], ["da", "tr"], ["da", "so"],
                  ["da", "fa"], ["da", "pl"], ["da", "uk", "ru"]]  # fmt: skip
APPLICANTS = [
    ("Louise Frandsen", "applicant", Attachment.EDUCATION),
    ("Mikkel Ravn", "applicant", Attachment.JOB),
    ("Samira Haddad", "interview", Attachment.JOB),
    ("Keld Bruun", "approved", Attachment.RETIRED),
    ("Stine Vinther", "rejected", Attachment.JOB),
]


def _mentor_specs(slug: str, count: int, rng: random.Random):
    for i in range(count):
        female = rng.random() < 0.55
        first = rng.choice(FIRST_FEMALE if female else FIRST_MALE)
        last = rng.choice(LAST)
        education, work, industries = rng.choice(BACKGROUNDS)
        attachment = rng.choices([Attachment.JOB, Attachment.EDUCATION, Attachment.RETIRED], [6, 2, 3])[0]
        birth_year = {
            Attachment.EDUCATION: rng.randint(1996, 2003),
            Attachment.RETIRED: rng.randint(1950, 1960),
        }.get(attachment, rng.randint(1965, 1992))
        full_time = i % 13 == 0
        status = MentorStatus.ACTIVE
        if i % 11 == 5:
            status = MentorStatus.PAUSED
        elif i % 17 == 8:
            status = MentorStatus.RESIGNED
        yield {
            "email": f"{first}.{last}.{i}@mentor-{slug}.demo".lower().replace("ø", "oe").replace("æ", "ae"),
            "full_name": f"{first} {last}",
            "phone": f"{rng.randint(20, 61)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "postcode": rng.choice(POSTCODES),
            "gender": "female" if female else "male",
            "birth_year": birth_year,
            "attachment": attachment,
            "education": education,
            "work_experience": work,
            "industries": industries,
            "network_notes": rng.choice(
                [
                    "Kender mange lokale håndværksmestre.",
                    "Aktiv i den lokale idrætsforening.",
                    "Netværk i boligforeningen.",
                    "Bestyrelsesmedlem i en kulturforening.",
                    "",
                ]
            ),
            "motivation": "Vil gerne give erfaring videre og være bindeled til arbejdsmarkedet.",
            "available_weekdays": rng.choice([0b11111, 0b00101, 0b01010, 0b10011, 0b1100000, 0b00110]),
            "available_day_parts": rng.choice([0b001, 0b010, 0b100, 0b110, 0b011]),
            "hours_per_week": rng.choice([2, 3, 4, 5, 6, 8]) if not full_time else 37,
            "capacity": rng.choice([1, 2, 2, 3, 4]) if not full_time else 8,
            "hourly_rate": Decimal(rng.choice(["175.00", "185.00", "195.50", "210.00"])) if not full_time else None,
            "employment": Employment.FULL_TIME if full_time else Employment.HOURLY,
            "offers_section_85": full_time,
            "status": status,
            "languages": rng.choice(LANGUAGE_PICKS),
            "competence_count": rng.randint(1, 4),
        }


def _seed_jobcenter(jobcenter: Jobcenter, count: int, *, stdout) -> int:
    rng = random.Random(f"corps-demo-{jobcenter.slug}")  # noqa: S311 - reproducible demo data, not security
    seed_competences(jobcenter=jobcenter, competence_model=Competence)
    competences = list(Competence.objects.filter(jobcenter=jobcenter, is_active=True))
    languages = {lang.code: lang for lang in Language.objects.all()}
    today = timezone.localdate()
    last_month_monday = today.replace(day=1) - datetime.timedelta(days=28)
    last_month_monday -= datetime.timedelta(days=last_month_monday.weekday())
    created = 0
    for spec in _mentor_specs(jobcenter.slug, count, rng):
        spec = dict(spec)
        picked_languages = [languages[code] for code in spec.pop("languages") if code in languages]
        picked_competences = rng.sample(competences, min(spec.pop("competence_count"), len(competences)))
        status = spec["status"]
        defaults = {
            **{k: v for k, v in spec.items() if k != "email"},
            "source": Source.IMPORT,
            "contract_start": today - datetime.timedelta(days=rng.randint(60, 1500)),
            "paused_until": (
                today + datetime.timedelta(days=rng.randint(10, 60)) if status == MentorStatus.PAUSED else None
            ),
            "status_reason": "Eksamensperiode" if status == MentorStatus.PAUSED else (
                "Flyttet fra kommunen" if status == MentorStatus.RESIGNED else ""),
            "contract_end": today - datetime.timedelta(days=20) if status == MentorStatus.RESIGNED else None,
        }  # fmt: skip
        mentor, was_created = Mentor.objects.update_or_create(
            jobcenter=jobcenter, email=spec["email"], defaults=defaults
        )
        created += was_created
        mentor.competences.set(picked_competences)
        mentor.languages.set(picked_languages)
        if was_created:
            MentorStatusEvent.objects.create(mentor=mentor, from_status="", to_status=status, reason="Demodata")
        if rng.random() < 0.7:
            Qualification.objects.update_or_create(
                mentor=mentor, source="demo", source_reference="grundforloeb",
                defaults={"title": "Mentorkursus, grundforløb (2 dage)", "kind": QualificationKind.COURSE,
                          "completed_on": mentor.contract_start + datetime.timedelta(days=30)},
            )  # fmt: skip
        if rng.random() < 0.3:
            Qualification.objects.update_or_create(
                mentor=mentor, source="demo", source_reference="netvaerk-misbrug",
                defaults={"title": "Netværksmøde: Misbrug", "kind": QualificationKind.NETWORK_MEETING,
                          "completed_on": today - datetime.timedelta(days=rng.randint(20, 200))},
            )  # fmt: skip
        if status == MentorStatus.ACTIVE and mentor.hourly_rate:
            for week_index in range(4):
                week = last_month_monday + datetime.timedelta(weeks=week_index)
                hours = Decimal(rng.choice(["1.5", "2", "3", "4", "5.5"]))
                decided = week_index < 3
                HoursEntry.objects.update_or_create(
                    mentor=mentor, week=week, mentee_reference="Demo-borger A", citizen=None,
                    defaults={
                        "hours": hours, "agreed_hours": Decimal("3"), "hourly_rate": mentor.hourly_rate,
                        "status": HoursStatus.APPROVED if decided else HoursStatus.SUBMITTED,
                        "decided_at": timezone.now() if decided else None,
                    },
                )  # fmt: skip
    return created


def _seed_applicants(jobcenter: Jobcenter) -> None:
    now = timezone.now()
    competences = list(Competence.objects.filter(jobcenter=jobcenter)[:3])
    for i, (name, status, attachment) in enumerate(APPLICANTS):
        email = name.lower().replace(" ", ".") + "@ansoeger.demo"
        mentor, created = Mentor.objects.update_or_create(
            jobcenter=jobcenter,
            email=email,
            defaults={
                "full_name": name, "status": status, "attachment": attachment, "postcode": "8450",
                "phone": f"40 1{i} 22 33", "source": Source.APPLICATION, "consent_at": now,
                "motivation": "Jeg har selv haft en mentor og vil gerne give noget igen.",
                "available_weekdays": 0b00110, "available_day_parts": 0b100, "hours_per_week": 3,
                "status_reason": "Ikke tilknyttet arbejdsmarkedet nu" if status == "rejected" else "",
            },
        )  # fmt: skip
        mentor.competences.set(competences[: i % 3 + 1])
        if created:
            MentorStatusEvent.objects.create(mentor=mentor, from_status="", to_status=status, reason="Demodata")
            MentorNote.objects.create(mentor=mentor, text="Ansøgning modtaget via hjemmesiden.")


def seed(*, stdout) -> None:
    # Demo data for every demo jobcenter in one run (manage.py seed_demo), no request and no tenant.
    with scopes_disabled():
        for slug, count in (("favrskov", 40), ("kalundborg", 12)):
            jobcenter = Jobcenter.objects.filter(slug=slug).first()
            if jobcenter is None:
                continue
            _seed_jobcenter(jobcenter, count, stdout=stdout)
            if slug == "favrskov":
                _seed_applicants(jobcenter)
