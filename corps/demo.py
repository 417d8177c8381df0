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
# Biographies by attachment to the labour market: (education, work experience, industries). "{years}" is
# filled in with a number of years the mentor's age allows (a career from 22 at the earliest), so a student
# is never a retired teacher and a 35-year-old never has 30 years in a trade.
BACKGROUNDS = {
    Attachment.JOB: [
        ("Social- og sundhedsassistent", "{years} år i hjemmeplejen", "Sundhed, ældrepleje"),
        ("Tømrer", "Selvstændig tømrermester i {years} år", "Byggeri"),
        ("Cand.psych.", "Skolepsykolog i {years} år", "Undervisning, psykologi"),
        ("Kontoruddannet", "Bogholder i en mellemstor virksomhed i {years} år", "Økonomi, administration"),
        ("Pædagog", "Fritidsklub og SSP-arbejde i {years} år", "Pædagogik, ungdomsarbejde"),
        ("Smed", "Værkfører i en maskinfabrik, {years} år i faget", "Industri, metal"),
        ("Butiksuddannet", "Butikschef i dagligvarehandlen, {years} år i faget", "Detail"),
        ("Sygeplejerske", "{years} år i psykiatrien, Regionshospitalet", "Sundhed, psykiatri"),
        ("HD i regnskab", "Revisor i {years} år", "Økonomi"),
        ("Chauffør", "Vognmand i {years} år", "Transport, logistik"),
        ("Kok", "Køkkenchef i en kantine, {years} år i faget", "Hotel og restauration"),
        ("Tolk", "Tolk i tigrinya og arabisk i {years} år", "Sprog, integration"),
        ("Landmand", "Driver eget landbrug, {years} år som selvstændig", "Landbrug"),
    ],
    Attachment.EDUCATION: [
        ("Socialrådgiverstuderende", "Studiejob på et bosted", "Socialt arbejde"),
        ("Lærerstuderende", "Vikar i folkeskolen ved siden af studiet", "Undervisning"),
        ("Sygeplejestuderende", "Studiejob i hjemmeplejen", "Sundhed"),
        ("Pædagogstuderende", "Studiejob i en fritidsklub", "Pædagogik, ungdomsarbejde"),
        ("Psykologistuderende", "Studentermedhjælper i Pædagogisk Psykologisk Rådgivning", "Psykologi"),
        ("HD-studerende", "Deltidsjob i dagligvarehandlen", "Detail, økonomi"),
    ],
    Attachment.RETIRED: [
        ("Lærer", "Folkeskolelærer i {years} år, nu pensioneret", "Undervisning"),
        ("Smed", "Værkfører i {years} år, nu pensioneret", "Industri, metal"),
        ("Sygeplejerske", "Sygeplejerske i psykiatrien i {years} år, nu pensioneret", "Sundhed, psykiatri"),
        ("Tømrer", "Selvstændig tømrermester i {years} år, nu pensioneret", "Byggeri"),
        ("Kontoruddannet", "Kontorchef i kommunen i {years} år, nu pensioneret", "Offentlig administration"),
        ("Landmand", "Drev eget landbrug i {years} år, nu pensioneret", "Landbrug"),
        ("Social- og sundhedsassistent", "{years} år i hjemmeplejen, nu pensioneret", "Sundhed, ældrepleje"),
    ],
}
# Earlier seeds drew one of 15 backgrounds per mentor; the draw is kept (as a slot into the mentor's list),
# because the mentors' names, and so their e-mail addresses (the natural key), come from the same generator.
BACKGROUND_DRAW = 15
CAREER_START_AGE = 22


def biography(attachment: str, birth_year: int, slot: int, *, this_year: int) -> tuple[str, str, str]:
    """(education, work experience, industries) that agree with the mentor's attachment and age."""
    choices = BACKGROUNDS[attachment]
    education, work, industries = choices[slot % len(choices)]
    career = max(1, this_year - birth_year - CAREER_START_AGE)
    if attachment == Attachment.RETIRED:
        career = min(career, 67 - CAREER_START_AGE)  # a working life ends at the pension age
    years = max(1, career - slot % 7)
    return education, work.format(years=years), industries


POSTCODES = ["8450", "8370", "8382", "8860", "8881", "8620", "8800", "8000"]
LANGUAGE_PICKS = [["da"], ["da", "en"], ["da", "en", "de"], ["da", "ar"], ["da", "ti"], ["da", "tr"], ["da", "so"],
                  ["da", "fa"], ["da", "pl"], ["da", "uk", "ru"]]  # fmt: skip
STALE_MENTEE = "Demo-borger A"
STALE_MEETING = "netvaerk-misbrug"
APPLICANTS = [
    ("Louise Frandsen", "applicant", Attachment.EDUCATION),
    ("Mikkel Ravn", "applicant", Attachment.JOB),
    ("Samira Haddad", "interview", Attachment.JOB),
    ("Keld Bruun", "approved", Attachment.RETIRED),
    ("Stine Vinther", "rejected", Attachment.JOB),
]


def _mentor_specs(slug: str, count: int, rng: random.Random, *, this_year: int):
    for i in range(count):
        female = rng.random() < 0.55
        first = rng.choice(FIRST_FEMALE if female else FIRST_MALE)
        last = rng.choice(LAST)
        slot = rng.randrange(BACKGROUND_DRAW)
        attachment = rng.choices([Attachment.JOB, Attachment.EDUCATION, Attachment.RETIRED], [6, 2, 3])[0]
        full_time = i % 13 == 0
        if full_time:
            attachment = Attachment.JOB  # the jobcenter's full-time mentors are employees, not students or retired
        birth_years = {
            Attachment.EDUCATION: rng.randint(1996, 2003),
            Attachment.RETIRED: rng.randint(1950, 1960),
            Attachment.JOB: rng.randint(1965, 1992),
        }
        birth_year = birth_years[attachment]
        education, work, industries = biography(attachment, birth_year, slot, this_year=this_year)
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
    created = 0
    for spec in _mentor_specs(jobcenter.slug, count, rng, this_year=today.year):
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
        # Draws that earlier seeds used for a network meeting and a month of hours; kept so that the next
        # mentors keep their names and e-mail addresses. Network meetings attended are the courses app's
        # registrations (courses.demo), and hours are registered against agreements (citizens.demo).
        if rng.random() < 0.3:
            rng.randint(20, 200)
        if status == MentorStatus.ACTIVE and mentor.hourly_rate:
            for _week in range(4):
                rng.randrange(5)
    # Rows of earlier seeds that did not hold together: hours for a made-up mentee, a meeting on no real date.
    HoursEntry.objects.filter(mentor__jobcenter=jobcenter, citizen=None, mentee_reference=STALE_MENTEE).delete()
    Qualification.objects.filter(
        mentor__jobcenter=jobcenter, source="demo", source_reference="netvaerk-misbrug"
    ).delete()
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
