"""Demo companies for `manage.py seed_demo`: about 30 companies around Favrskov and Kalundborg with
company mentors, compensation rates and a few extra company leaders (their logins are printed).
Idempotent: companies by (jobcenter, CVR), mentors by (company, e-mail), leaders by e-mail.

Each company has seats in proportion to its size, offers the placement types that suit it (every company
work practice, the larger ones wage subsidy, the public and the large ones flex jobs, the calm workplaces
development placements), and each company mentor has the competences their workplace trains (by industry),
so the placement suggestions and the cohort's scores tell the companies apart."""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError
from django_scopes import scopes_disabled

from accounts.demo import DEMO_PASSWORD, demo_device
from accounts.models import Jobcenter, Membership, Role, User
from citizens.models import PlacementType
from companies.models import Company, CompanyMentor, CompensationRates, Industry
from corps.models import Competence

# (name, address, postcode, city, industry code, size band, sector, capacity, status)
COMPANIES = {
    "favrskov": [
        ("Hammel Maskinfabrik A/S", "Industrivej 12", "8450", "Hammel", "C", "50-249", "private", 10, "active"),
        ("Hinnerup Bageri ApS", "Storegade 3", "8382", "Hinnerup", "C", "1-9", "private", 2, "active"),
        ("Hadsten Auto & Dæk ApS", "Vestergade 41", "8370", "Hadsten", "G", "10-49", "private", 4, "active"),
        ("Favrskov Plejecenter Lilleå", "Lilleåvej 2", "8370", "Hadsten", "Q", "50-249", "public", 8, "active"),
        ("Ulstrup Tømrer og Snedker ApS", "Langå Landevej 8", "8860", "Ulstrup", "F", "10-49", "private", 4, "active"),
        ("SuperBrugsen Hammel", "Torvet 1", "8450", "Hammel", "G", "50-249", "private", 6, "active"),
        ("Søften Gartneri I/S", "Søftenvej 80", "8382", "Hinnerup", "A", "10-49", "private", 3, "interested"),
        ("Hadsten Kommuneskoles Kantine", "Skolegade 9", "8370", "Hadsten", "I", "1-9", "public", 2, "paused"),
        ("Grundfos Hinnerup Lager", "Lyngvej 5", "8382", "Hinnerup", "H", "250+", "private", 12, "active"),
        ("Hammel Cykler og Service", "Østergade 6", "8450", "Hammel", "G", "1-9", "private", 1, "interested"),
        ("Vitten Vognmandsforretning ApS", "Vittenvej 14", "8382", "Hinnerup", "H", "10-49", "private", 3, "invited"),
        (
            "Favrskov Genbrugsplads Hadsten",
            "Over Hadstenvej 52",
            "8370",
            "Hadsten",
            "E",
            "10-49",
            "public",
            6,
            "active",
        ),
        ("Café Gudenåen", "Åvej 1", "8860", "Ulstrup", "I", "1-9", "private", 1, "invited"),
        ("Lading Smedie ApS", "Ladingvej 30", "8471", "Sabro", "C", "10-49", "private", 4, "active"),
        ("Hadsten Rengøring & Service ApS", "Mejerivej 3", "8370", "Hadsten", "N", "10-49", "private", 4, "interested"),
    ],
    "kalundborg": [
        ("Kalundborg Havn A/S", "Baltikavej 10", "4400", "Kalundborg", "H", "50-249", "public", 12, "active"),
        ("Høng Maskinstation ApS", "Industrivej 7", "4270", "Høng", "A", "10-49", "private", 8, "active"),
        ("Kalundborg Supply A/S", "Melbyvej 21", "4400", "Kalundborg", "C", "50-249", "private", 12, "active"),
        ("Gørlev Bageri", "Algade 12", "4281", "Gørlev", "C", "1-9", "private", 1, "active"),
        ("Svebølle Autoværksted", "Bøstrupvej 4", "4470", "Svebølle", "G", "1-9", "private", 2, "interested"),
        ("Kalundborg Kommunes Vejcenter", "Åbrinken 5", "4400", "Kalundborg", "O", "50-249", "public", 10, "active"),
        (
            "Ubby Tømrerforretning ApS",
            "Kalundborgvej 88",
            "4490",
            "Jerslev Sjælland",
            "F",
            "10-49",
            "private",
            8,
            "active",
        ),
        ("Rema 1000 Kalundborg", "Slagelsevej 31", "4400", "Kalundborg", "G", "10-49", "private", 8, "active"),
        ("Høng Plejecenter Solgården", "Solvej 1", "4270", "Høng", "Q", "50-249", "public", 10, "active"),
        ("Kalundborg Rengøringsservice ApS", "Lindevej 2", "4400", "Kalundborg", "N", "10-49", "private", 4, "paused"),
        ("Asnæs Værft og Marine ApS", "Asnæsvej 16", "4400", "Kalundborg", "C", "10-49", "private", 8, "active"),
        ("Hotel Kalundborg Fjord", "Strandvejen 2", "4400", "Kalundborg", "I", "10-49", "private", 8, "active"),
        ("Gørlev Genbrug og Lager", "Stationsvej 9", "4281", "Gørlev", "H", "1-9", "private", 2, "invited"),
        ("Raklev Elektro ApS", "Raklevvej 19", "4400", "Kalundborg", "F", "10-49", "private", 8, "active"),
        ("Kalundborg Gymnasiums Kantine", "Kordilgade 1", "4400", "Kalundborg", "I", "1-9", "public", 2, "interested"),
    ],
}

MENTOR_NAMES = [
    "Jens Kristensen",
    "Lene Mortensen",
    "Bo Rasmussen",
    "Hanne Poulsen",
    "Søren Madsen",
    "Pia Thomsen",
    "Kim Andersen",
    "Trine Jakobsen",
    "Michael Larsen",
    "Anja Christiansen",
    "Henrik Nielsen",
    "Marianne Møller",
    "Thomas Jørgensen",
    "Susanne Pedersen",
    "Lars Hansen",
    "Dorthe Olsen",
    "Martin Sørensen",
    "Gitte Knudsen",
    "Rasmus Eriksen",
    "Karina Lund",
    "Allan Berg",
    "Camilla Holm",
    "Ole Dam",
    "Mette Bech",
    "Per Vinther",
]
JOB_TITLES = [
    "Værkfører",
    "Souschef",
    "Lagerchef",
    "Faglært smed",
    "Social- og sundhedsassistent",
    "Butiksleder",
    "Tømrersvend",
    "Køkkenchef",
    "Chauffør",
    "Gartner",
    "Teamleder",
    "Mekaniker",
]
EXPERIENCE = [
    "Har haft praktikanter i mange år og er god til at dele opgaverne op i små trin.",
    "Tålmodig og rolig; har selv skiftet branche som voksen.",
    "Erfaren med unge, der er på vej ind på arbejdsmarkedet for første gang.",
    "Kender alle afdelinger og er god til at introducere nye kolleger.",
]

# (e-mail local part, full name, jobcenter slug, company name). leder@favrskov.demo comes from accounts.
LEADERS = [
    ("leder.bageri", "Anne Bager", "favrskov", "Hinnerup Bageri ApS"),
    ("leder.plejecenter", "Birgit Frandsen", "favrskov", "Favrskov Plejecenter Lilleå"),
    ("leder", "Jan Kofoed", "kalundborg", "Kalundborg Havn A/S"),
    ("leder.supply", "Nina Friis", "kalundborg", "Kalundborg Supply A/S"),
]


# What a company mentor in each industry (by its code) is used to helping new colleagues with: the competences
# (corps.vocabulary) a mentor is given three or four of.
INDUSTRY_COMPETENCES = {
    "A": ["Struktur i hverdagen", "Psykisk sårbarhed", "Unge", "Netværk og fritid"],
    "C": ["Struktur i hverdagen", "Dansk sprogstøtte", "Unge", "Sociale færdigheder", "Uddannelsesvejledning"],
    "E": ["Struktur i hverdagen", "Misbrug", "Psykisk sårbarhed", "Sociale færdigheder"],
    "F": ["Unge", "Struktur i hverdagen", "Uddannelsesvejledning", "Misbrug", "Sociale færdigheder"],
    "G": ["Sociale færdigheder", "Unge", "Dansk sprogstøtte", "Jobsøgning og CV", "Kultur og integration"],
    "H": ["Struktur i hverdagen", "Dansk sprogstøtte", "Jobsøgning og CV", "Misbrug", "Sociale færdigheder"],
    "I": ["Dansk sprogstøtte", "Kultur og integration", "Sociale færdigheder", "Struktur i hverdagen", "Unge"],
    "N": ["Dansk sprogstøtte", "Kultur og integration", "Struktur i hverdagen", "Personlig økonomi"],
    "O": ["Struktur i hverdagen", "Unge", "Misbrug", "Jobsøgning og CV", "Kontakt til myndigheder"],
    "Q": ["Psykisk sårbarhed", "Helbred", "Sociale færdigheder", "Kultur og integration", "Struktur i hverdagen"],
}
CALM_INDUSTRIES = {"A", "E", "G", "I", "Q"}


def placement_type_codes(*, industry: str, size: str, sector: str, status: str) -> list[str]:
    """The placement types (citizens.vocabulary codes) a demo company offers; an invited company none yet."""
    if status == "invited":
        return []
    codes = ["virksomhedspraktik"]
    if size != "1-9":
        codes.append("loentilskud")
    if sector == "public" or size in ("50-249", "250+"):
        codes.append("fleksjob")
    if industry in CALM_INDUSTRIES or sector == "public":
        codes.append("udviklingspraktik")
    return codes


def cvr_for(seed: int) -> str:
    """A deterministic, valid CVR number (modulus 11) for a demo company."""
    base = 30_000_000 + (seed % 50_000) * 1_237  # stays eight digits
    while True:
        digits = f"{base // 10:07d}"
        total = sum(int(d) * w for d, w in zip(digits, (2, 7, 6, 5, 4, 3, 2), strict=True))
        check = (11 - total % 11) % 11
        if check < 10:
            return digits + str(check)
        base += 10


def _seed_jobcenter(jobcenter: Jobcenter, rows, industries, rng: random.Random) -> tuple[int, int]:
    CompensationRates.objects.update_or_create(
        jobcenter=jobcenter,
        valid_from=date(2024, 1, 1),
        defaults={
            "holiday_pay_pct": Decimal("12.50"),
            "pension_pct": Decimal("8.00"),
            "employer_contribution_pct": Decimal("1.50"),
        },
    )
    companies = mentors = 0
    kinds = {kind.code: kind for kind in PlacementType.objects.filter(jobcenter=jobcenter, is_active=True)}
    competences = {c.name: c for c in Competence.objects.filter(jobcenter=jobcenter, is_active=True)}
    for index, (name, address, postcode, city, industry, size, sector, capacity, status) in enumerate(rows):
        existing = Company.objects.filter(jobcenter=jobcenter, name=name).first()
        cvr = existing.cvr if existing else cvr_for(int(jobcenter.municipality_code) * 100 + index)
        company, _ = Company.objects.update_or_create(
            jobcenter=jobcenter,
            cvr=cvr,
            defaults={
                "name": name,
                "address": address,
                "postcode": postcode,
                "city": city,
                "industry": industries.get(industry),
                "size_band": size,
                "sector": sector,
                "capacity": capacity,
                "status": status,
                "contact_name": MENTOR_NAMES[(index * 7) % len(MENTOR_NAMES)],
                "contact_email": f"kontakt@{cvr}.demo",
            },
        )
        companies += 1
        codes = placement_type_codes(industry=industry, size=size, sector=sector, status=status)
        company.placement_types.set([kinds[code] for code in codes if code in kinds])
        if status == "invited":
            continue
        experienced = None
        for number in range(1 + index % 3):
            full_name = MENTOR_NAMES[(index * 3 + number) % len(MENTOR_NAMES)]
            is_new = number == 2
            mentor, _ = CompanyMentor.objects.update_or_create(
                company=company,
                email=f"mentor{number + 1}@{cvr}.demo",
                defaults={
                    "full_name": full_name,
                    "job_title": rng.choice(JOB_TITLES),
                    "phone": f"2{rng.randint(1000000, 9999999)}",
                    "years_in_company": rng.randint(1, 25) if not is_new else 1,
                    "experience": rng.choice(EXPERIENCE),
                    "hourly_wage": Decimal(rng.randint(21000, 29500)) / 100,
                    "course_completed_on": date(2020 + index % 5, 3 + number, 10) if number == 0 else None,
                    "is_new": is_new,
                    "shadowing": experienced if is_new else None,
                    "is_active": True,
                },
            )
            # Its own generator, so the competences stay the same whatever else changes in this seed.
            picker = random.Random(f"companies-demo-{cvr}-{number}")  # noqa: S311 - demo data, not security
            known = [competences[n] for n in INDUSTRY_COMPETENCES.get(industry, []) if n in competences]
            mentor.competences.set(picker.sample(known, k=min(len(known), 4 if number == 0 else 3)))
            experienced = experienced or mentor
            mentors += 1
    return companies, mentors


def _seed_leaders(stdout) -> None:
    stdout.write(f"  Ekstra virksomhedsledere (adgangskode: {DEMO_PASSWORD}, engangskode: make totp):")
    for local, full_name, slug, company_name in LEADERS:
        jobcenter = Jobcenter.objects.filter(slug=slug).first()
        company = Company.objects.filter(jobcenter=jobcenter, name=company_name).first() if jobcenter else None
        if company is None:
            continue
        email = f"{local}@{slug}.demo"
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if Membership.objects.filter(user=user, jobcenter=jobcenter).exclude(role=Role.COMPANY_LEADER).exists():
            continue
        Membership.objects.update_or_create(
            user=user,
            jobcenter=jobcenter,
            defaults={"role": Role.COMPANY_LEADER, "company": company, "is_active": True},
        )
        demo_device(user)  # leaders log in with a second factor (accounts.models.TWO_FACTOR_ROLES)
        stdout.write(f"    {email:<32} virksomhedsleder, {company.name} ({jobcenter.name})")


# accounts.demo once created Hammel Maskinfabrik with an invalid CVR number; it now uses a valid one.
STALE_CVRS = {"favrskov": ["29402814"]}


def _remove_stale(jobcenter) -> None:
    for cvr in STALE_CVRS.get(jobcenter.slug, []):
        stale = Company.objects.filter(jobcenter=jobcenter, cvr=cvr).first()
        if stale is None:
            continue
        try:
            with transaction.atomic():
                stale.delete()
        except ProtectedError:  # it has placements or claims: keep it, so nothing is lost
            pass


def seed(*, stdout) -> None:
    rng = random.Random(4)  # noqa: S311 - the same demo data every time, not security
    with scopes_disabled():
        for jobcenter in Jobcenter.objects.filter(slug__in=STALE_CVRS):
            _remove_stale(jobcenter)
        industries = {industry.code: industry for industry in Industry.objects.all()}
        for slug, rows in COMPANIES.items():
            jobcenter = Jobcenter.objects.filter(slug=slug).first()
            if jobcenter is None:
                continue
            companies, mentors = _seed_jobcenter(jobcenter, rows, industries, rng)
            stdout.write(f"  {jobcenter.name}: {companies} virksomheder, {mentors} virksomhedsmentorer")
        _seed_leaders(stdout)
