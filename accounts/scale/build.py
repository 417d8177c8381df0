"""Builds the national data set (see accounts.scale). One transaction; bulk writes through Loader.

No simple-history rows and no activity-log rows are written for the generated data: they stand for
records that existed before the product (an import), the change history records changes made in
the product, and no page reads history. Writing them would double the volume for nothing a page
shows. Vocabulary goes through accounts.services.jobcenter_defaults_ensure, exactly as for a new
jobcenter (that part does write its history and activity entries).
"""

import datetime
import hashlib
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.scale import (
    EMAIL_DOMAIN,
    FULL,
    LOGIN_JOBCENTERS,
    SCALE_PASSWORD,
    coordinator_email,
    jobcenter_slug,
    leader_email,
    totp_key_hex,
)
from accounts.scale.loader import Loader, Timer

FIRST = [
    "Mads", "Sofie", "Ahmad", "Line", "Jonas", "Fatima", "Kasper", "Mette", "Omar", "Camilla", "Peter", "Anne",
    "Lars", "Hanne", "Ali", "Louise", "Mikkel", "Ida", "Yusuf", "Maja", "Rasmus", "Freja", "Emil", "Sara",
]  # fmt: skip
LAST = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Yilmaz", "Hussein", "Poulsen",
]  # fmt: skip
TOWNS = [
    "Hammel", "Hinnerup", "Kalundborg", "Viborg", "Holstebro", "Næstved", "Vejle", "Herning", "Randers",
    "Odense", "Aalborg", "Esbjerg", "Kolding", "Horsens", "Silkeborg", "Roskilde", "Slagelse", "Svendborg",
]  # fmt: skip
COMPANY_WORDS = ["Maskinfabrik", "Tømrer", "Bageri", "Plejecenter", "Lager", "VVS", "Auto", "Gartneri", "Kantine"]
NOTES = [
    "Ugentligt besøg, alt vel. Borgeren møder stabilt og er glad for opgaverne.",
    "Telefonsamtale med virksomhedsmentoren: borgeren har haft to sygedage, aftalt opfølgning.",
    "Møde om optrapning: timetallet hæves fra næste uge.",
    "Borgeren fortæller, at transporten er blevet lettere med den nye busrute.",
    "Aftalt at arbejde videre med mødestabilitet; næste besøg om en uge.",
]
GOALS = [
    "Møde til tiden hver dag",
    "Arbejde 15 timer om ugen",
    "Lære lagerstyringssystemet",
    "Tage truckcertifikat",
    "Samarbejde i teamet uden støtte",
]

D = Decimal


def shares(count: int) -> list[float]:
    """Jobcenter sizes: Zipf-like (exponent 0.8), largest first."""
    weights = [1 / (i + 1) ** 0.8 for i in range(count)]
    total = sum(weights)
    return [w / total for w in weights]


def allocate(total: int, parts: list[float], minimum: int = 0) -> list[int]:
    """Splits `total` by `parts` (largest remainder), giving each at least `minimum` when possible."""
    if total <= 0:
        return [0] * len(parts)
    minimum = min(minimum, total // len(parts))
    rest = total - minimum * len(parts)
    raw = [rest * p for p in parts]
    counts = [int(r) for r in raw]
    for i in sorted(range(len(parts)), key=lambda i: raw[i] - counts[i], reverse=True)[: rest - sum(counts)]:
        counts[i] += 1
    return [c + minimum for c in counts]


def valid_cvr(rng: random.Random, used: set[str]) -> str:
    weights = (2, 7, 6, 5, 4, 3, 2)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = (11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11) % 11
        if check == 10:
            continue
        value = "".join(map(str, digits)) + str(check)
        if value not in used:
            used.add(value)
            return value


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class JC:
    """What later parts need to know about one jobcenter."""

    id: int
    slug: str
    postcode: int
    competences: list[int] = field(default_factory=list)
    target_groups: list[int] = field(default_factory=list)
    placement_types: list[int] = field(default_factory=list)
    dimensions: list[int] = field(default_factory=list)
    course_types: list[int] = field(default_factory=list)
    coordinators: list[int] = field(default_factory=list)
    caseworkers: list[int] = field(default_factory=list)
    companies: list[int] = field(default_factory=list)
    company_mentors: dict[int, list[tuple[int, str, str, Decimal | None]]] = field(default_factory=dict)
    mentors: list[tuple[int, str, str]] = field(default_factory=list)  # active: (id, name, email)
    mentor_capacity: dict[int, int] = field(default_factory=dict)
    citizens: dict[str, list[int]] = field(default_factory=dict)  # status -> ids


class Builder:
    def __init__(self, *, scale: float, stdout, seed: int = 2026):
        self.scale = scale
        self.stdout = stdout
        self.rng = random.Random(seed)  # noqa: S311 (test data)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.loader = Loader(stdout=stdout)
        self.timer = Timer(stdout)
        self.counts = {key: max(1, round(value * scale)) for key, value in FULL.items()}
        self.counts["jobcenters"] = max(2, round(FULL["jobcenters"] * min(1.0, scale)))
        self.jcs: list[JC] = []
        self.placements: list[tuple] = []  # (id, jc, citizen, company, company_mentor, status, start, end, ended)
        self.active_agreements: list[tuple[int, JC, int, int, datetime.date]] = []
        self.logins: list[tuple[str, str, str]] = []

    def m(self, label: str):
        return apps.get_model(label)

    def run(self) -> None:
        # A national data set: every jobcenter's rows in one run, so no one tenant's scope applies.
        with scopes_disabled(), transaction.atomic():
            self.jobcenters()
            self.companies()
            self.users()
            self.corps()
            self.citizens()
            self.agreements()
            self.placements_part()
            self.follow_ups()
            self.assessments()
            self.hours()
            self.offers()
            self.claims()
            self.courses()
            if connection.vendor == "postgresql":
                # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: checked here, not at commit.
                with self.timer.part("foreign-key checks"), connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            with self.timer.part("sequences and ANALYZE"):
                self.loader.finish()

    # --- jobcenters and vocabulary ---------------------------------------------------------------

    def jobcenters(self) -> None:
        from accounts.models import Jobcenter
        from accounts.services import jobcenter_defaults_ensure

        n = self.counts["jobcenters"]
        self.shares = shares(n)
        with self.timer.part("jobcenters") as part:
            ids = self.loader.ids(Jobcenter, n)
            rows = []
            for i, pk in enumerate(ids):
                slug = jobcenter_slug(i)
                town = f"{TOWNS[i % len(TOWNS)]}" + ("" if i < len(TOWNS) else f" {i // len(TOWNS) + 1}")
                postcode = 1000 + (i * 89) % 8900
                rows.append(
                    (pk, f"Jobcenter {town}", f"{101 + i:03d}", slug, "Rådhustorvet 1", str(postcode), town,
                     f"jobcenter@{slug}.{EMAIL_DOMAIN}", "70 10 20 30", True)
                )  # fmt: skip
                self.jcs.append(JC(id=pk, slug=slug, postcode=postcode))
            part.rows = self.loader.write(
                Jobcenter,
                [
                    "id",
                    "name",
                    "municipality_code",
                    "slug",
                    "address",
                    "postcode",
                    "city",
                    "email",
                    "phone",
                    "is_active",
                ],
                rows,
            )
        with self.timer.part("vocabulary (jobcenter_defaults_ensure)") as part:
            for jobcenter in Jobcenter.objects.filter(id__in=ids):
                jobcenter_defaults_ensure(actor=None, jobcenter=jobcenter)
            by_id = {jc.id: jc for jc in self.jcs}
            for label, attr in (
                ("corps.Competence", "competences"),
                ("citizens.TargetGroup", "target_groups"),
                ("citizens.PlacementType", "placement_types"),
                ("citizens.ProgressDimension", "dimensions"),
                ("courses.CourseType", "course_types"),
            ):
                for pk, jc_id in (
                    self.m(label)
                    .objects.filter(jobcenter_id__in=ids)
                    .order_by("position", "id")
                    .values_list("id", "jobcenter_id")
                ):
                    getattr(by_id[jc_id], attr).append(pk)
                    part.rows += 1
            CourseSettings = self.m("courses.CourseSettings")
            self.loader.write(
                CourseSettings, ["id", "jobcenter_id"], zip(self.loader.ids(CourseSettings, n), ids, strict=True)
            )
            Rates = self.m("companies.CompensationRates")
            self.loader.write(
                Rates, ["id", "jobcenter_id", "valid_from"],
                ((pk, jc, datetime.date(2024, 1, 1)) for pk, jc in zip(self.loader.ids(Rates, n), ids, strict=True)),
            )  # fmt: skip
        self.languages = list(self.m("corps.Language").objects.order_by("position").values_list("id", flat=True))
        self.danish = self.languages[0] if self.languages else None
        self.industries = list(self.m("companies.Industry").objects.values_list("id", flat=True))

    def per_jc(self, key: str, minimum: int = 1) -> list[int]:
        return allocate(self.counts[key], self.shares, minimum=minimum)

    # --- companies and company mentors -----------------------------------------------------------

    def companies(self) -> None:
        Company = self.m("companies.Company")
        CompanyMentor = self.m("companies.CompanyMentor")
        rng = self.rng
        with self.timer.part("companies (+ placement types)") as part:
            ids = iter(self.loader.ids(Company, self.counts["companies"]))
            rows, types = [], []
            for jc, count in zip(self.jcs, self.per_jc("companies"), strict=True):
                used: set[str] = set()
                for n in range(count):
                    pk = next(ids)
                    jc.companies.append(pk)
                    name = f"{rng.choice(LAST)}s {rng.choice(COMPANY_WORDS)} {n + 1} ApS"
                    rows.append(
                        (pk, jc.id, name, valid_cvr(rng, used), f"Industrivej {n % 90 + 1}", str(jc.postcode),
                         "", rng.choice(self.industries) if self.industries else None,
                         rng.choice(["1-9", "10-49", "50-249", "250+"]), rng.choice(["private", "private", "public"]),
                         f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"kontakt@virksomhed{pk}.test",
                         rng.randint(1, 12), rng.choice(["active", "active", "active", "interested", "paused"]),
                         self.now)
                    )  # fmt: skip
                    for type_id in rng.sample(jc.placement_types, min(len(jc.placement_types), rng.randint(1, 3))):
                        types.append((pk, type_id))
            part.rows = self.loader.write(
                Company,
                ["id", "jobcenter_id", "name", "cvr", "address", "postcode", "city", "industry_id", "size_band",
                 "sector", "contact_name", "contact_email", "capacity", "status", "created_at"],
                rows,
            )  # fmt: skip
            self.m2m(Company.placement_types, types)
        with self.timer.part("company mentors (+ competences)") as part:
            total = self.counts["company_mentors"]
            all_companies = [(jc, company) for jc in self.jcs for company in jc.companies]
            # Every company gets one mentor, the rest go to random companies.
            owners = all_companies[:total] + [rng.choice(all_companies) for _ in range(total - len(all_companies))]
            ids = self.loader.ids(CompanyMentor, len(owners))
            rows, competences = [], []
            for pk, (jc, company) in zip(ids, owners, strict=True):
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                email = f"mentor{pk}@virksomhed{company}.test"
                wage = D(rng.randint(180, 320)) if rng.random() < 0.8 else None
                course_on = self.today - datetime.timedelta(days=rng.randint(30, 1500)) if rng.random() < 0.5 else None
                rows.append((pk, company, name, "Værkfører", email, "20 30 40 50", rng.randint(1, 30), wage, course_on,
                             self.now))  # fmt: skip
                jc.company_mentors.setdefault(company, []).append((pk, name, email, wage))
                for competence in rng.sample(jc.competences, min(len(jc.competences), rng.randint(1, 3))):
                    competences.append((pk, competence))
            part.rows = self.loader.write(
                CompanyMentor,
                ["id", "company_id", "full_name", "job_title", "email", "phone", "years_in_company", "hourly_wage",
                 "course_completed_on", "created_at"],
                rows,
            )  # fmt: skip
            self.m2m(CompanyMentor.competences, competences)

    def m2m(self, descriptor, pairs: list[tuple[int, int]]) -> int:
        m2m_field = descriptor.field
        through = m2m_field.remote_field.through
        ids = self.loader.ids(through, len(pairs))
        return self.loader.write(
            through,
            ["id", m2m_field.m2m_column_name(), m2m_field.m2m_reverse_name()],
            ((pk, a, b) for pk, (a, b) in zip(ids, pairs, strict=True)),
        )

    # --- users, memberships, two-factor devices --------------------------------------------------

    def users(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.models import TWO_FACTOR_ROLES, Membership, Role, User

        rng = self.rng
        with self.timer.part("users, memberships, TOTP devices") as part:
            password = make_password(SCALE_PASSWORD)  # one hash (its own salt) shared by all generated users
            people: list[tuple[str, str, JC, str, int | None]] = []  # email, name, jc, role, company
            for jc in self.jcs:
                for n in (1, 2):
                    people.append((coordinator_email(jc.slug, n), f"{rng.choice(FIRST)} {rng.choice(LAST)}", jc,
                                   Role.COORDINATOR, None))  # fmt: skip
                for n in (1, 2, 3):
                    people.append((f"sagsbehandler{n}@{jc.slug}.{EMAIL_DOMAIN}",
                                   f"{rng.choice(FIRST)} {rng.choice(LAST)}", jc, Role.CASEWORKER, None))  # fmt: skip
                people.append((f"admin@{jc.slug}.{EMAIL_DOMAIN}", "Systemejer", jc, Role.JOBCENTER_ADMIN, None))
                for n, company in enumerate(jc.companies, start=1):
                    people.append((leader_email(jc.slug, n), f"{rng.choice(FIRST)} {rng.choice(LAST)}", jc,
                                   Role.COMPANY_LEADER, company))  # fmt: skip
            user_ids = self.loader.ids(User, len(people))
            part.rows = self.loader.write(
                User,
                ["id", "email", "full_name", "password", "is_active", "is_staff", "is_superuser", "date_joined"],
                ((pk, email, name, password, True, role == Role.JOBCENTER_ADMIN, False, self.now)
                 for pk, (email, name, _jc, role, _c) in zip(user_ids, people, strict=True)),
            )  # fmt: skip
            self.loader.write(
                Membership,
                ["id", "user_id", "jobcenter_id", "role", "company_id", "is_active", "created_at"],
                ((mid, uid, jc.id, role, company, True, self.now)
                 for mid, uid, (_e, _n, jc, role, company) in zip(
                     self.loader.ids(Membership, len(people)), user_ids, people, strict=True)),
            )  # fmt: skip
            two_factor = [
                (uid, email)
                for uid, (email, _n, _jc, role, _c) in zip(user_ids, people, strict=True)
                if role in TWO_FACTOR_ROLES
            ]
            self.loader.write(
                TOTPDevice,
                ["id", "user_id", "name", "confirmed", "key"],
                ((pk, uid, "Skala-godkendelsesapp", True, totp_key_hex(email))
                 for pk, (uid, email) in zip(self.loader.ids(TOTPDevice, len(two_factor)), two_factor, strict=True)),
            )  # fmt: skip
            for uid, (_email, _n, jc, role, _c) in zip(user_ids, people, strict=True):
                if role == Role.COORDINATOR:
                    jc.coordinators.append(uid)
                elif role == Role.CASEWORKER:
                    jc.caseworkers.append(uid)
        for jc in self.jcs[: min(LOGIN_JOBCENTERS, len(self.jcs))]:
            self.logins.append((coordinator_email(jc.slug), "koordinator", jc.slug))
            self.logins.append((leader_email(jc.slug), "virksomhedsleder", jc.slug))

    # --- corps ----------------------------------------------------------------------------------

    def corps(self) -> None:
        Mentor = self.m("corps.Mentor")
        rng = self.rng
        statuses = ["active"] * 60 + ["paused"] * 5 + ["applicant"] * 10 + ["interview"] * 5 + ["approved"] * 5
        statuses += ["rejected"] * 5 + ["resigned"] * 10
        with self.timer.part("corps mentors (+ competences, languages)") as part:
            ids = iter(self.loader.ids(Mentor, self.counts["mentors"]))
            rows, competences, languages = [], [], []
            for jc, count in zip(self.jcs, self.per_jc("mentors", minimum=2), strict=True):
                for n in range(count):
                    pk = next(ids)
                    status = "active" if n < 2 else rng.choice(statuses)
                    full_time = rng.random() < 0.1
                    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                    email = f"mentor{pk}@korps.{EMAIL_DOMAIN}"
                    capacity = rng.randint(1, 4) if not full_time else rng.randint(8, 15)
                    start = self.today - datetime.timedelta(days=rng.randint(60, 2000))
                    rows.append(
                        (pk, jc.id, status, self.now,
                         self.today + datetime.timedelta(days=30) if status == "paused" else None,
                         name, email, "20 30 40 50", str(jc.postcode + rng.randint(0, 40)),
                         rng.choice(["female", "male", "", "female", "male"]), rng.randint(1950, 2000),
                         rng.choice(["job", "education", "retired"]), "Pædagog", "Mange år i detailhandlen",
                         rng.randint(1, 127), rng.randint(1, 7), rng.randint(2, 10), capacity, D("185.50"),
                         "full_time" if full_time else "hourly", full_time and rng.random() < 0.5,
                         start, rng.choice(["application", "manual", "import"]), self.now, self.now)
                    )  # fmt: skip
                    if status == "active":
                        jc.mentors.append((pk, name, email))
                        jc.mentor_capacity[pk] = capacity
                    for competence in rng.sample(jc.competences, min(len(jc.competences), rng.randint(2, 5))):
                        competences.append((pk, competence))
                    if self.danish:
                        languages.append((pk, self.danish))
                    if rng.random() < 0.3 and len(self.languages) > 1:
                        languages.append((pk, rng.choice(self.languages[1:])))
            part.rows = self.loader.write(
                Mentor,
                ["id", "jobcenter_id", "status", "status_changed_at", "paused_until", "full_name", "email", "phone",
                 "postcode", "gender", "birth_year", "attachment", "education", "work_experience",
                 "available_weekdays", "available_day_parts", "hours_per_week", "capacity", "hourly_rate",
                 "employment", "offers_section_85", "contract_start", "source", "consent_at", "created_at"],
                rows,
            )  # fmt: skip
            self.m2m(Mentor.competences, competences)
            self.m2m(Mentor.languages, languages)

    # --- citizens --------------------------------------------------------------------------------

    def citizens(self) -> None:
        from citizens import cpr

        Citizen = self.m("citizens.Citizen")
        Preferences = self.m("matching.MatchingPreferences")
        rng = self.rng
        outcomes = ["ordinary_job", "education", "flex_job", "other_placement", "sick_listed", "dropped_out"]
        with self.timer.part("citizens (+ needs, languages, CPR for 1 in 5)") as part:
            ids = iter(self.loader.ids(Citizen, self.counts["citizens"]))
            rows, needs, languages, preferences = [], [], [], []
            serial = 0
            for jc, count in zip(self.jcs, self.per_jc("citizens", minimum=3), strict=True):
                jc.citizens = {"referred": [], "active": [], "ended": []}
                for n in range(count):
                    pk = next(ids)
                    status = ("referred", "active", "ended")[n] if n < 3 else rng.choices(
                        ("referred", "active", "ended"), (20, 50, 30))[0]  # fmt: skip
                    jc.citizens[status].append(pk)
                    referred = self.today - datetime.timedelta(days=rng.randint(0, 900) if status != "referred"
                                                               else rng.randint(0, 60))  # fmt: skip
                    if pk % 5 == 0:  # CPR stored like citizens.services does: birth date, keyed hash, Fernet token
                        serial += 1
                        born = datetime.date(1960 + serial // 4000 % 40, 1 + serial % 12, 1 + serial % 28)
                        number = f"{born:%d%m%y}{serial % 4000 + 1000:04d}"
                        birth, digest, token = born, cpr.search_hash(number), cpr.encrypt(number)
                    else:
                        birth, digest, token = None, "", ""
                    ended = status == "ended"
                    rows.append(
                        (pk, jc.id, f"{rng.choice(FIRST)} {rng.choice(LAST)}", birth, digest, token, "20 30 40 50",
                         str(jc.postcode + rng.randint(0, 40)), rng.choice(jc.target_groups),
                         rng.choice(jc.caseworkers), referred, "Har brug for støtte til at komme i gang.",
                         rng.choice(["", "", "female", "male"]), rng.choice(["", "", "u25", "25-34", "45-54"]),
                         status, rng.choice(outcomes) if ended else "",
                         min(self.today, referred + datetime.timedelta(days=200)) if ended else None,
                         rng.choice(jc.caseworkers), self.now, self.now)
                    )  # fmt: skip
                    for competence in rng.sample(jc.competences, min(len(jc.competences), rng.randint(1, 3))):
                        needs.append((pk, competence))
                    if self.danish:
                        languages.append((pk, self.danish))
                    if status == "referred" and rng.random() < 0.5:
                        preferences.append((pk, jc.id, rng.randint(1, 127), rng.randint(1, 7), rng.random() < 0.05))
            part.rows = self.loader.write(
                Citizen,
                ["id", "jobcenter_id", "name", "birth_date", "cpr_hash", "cpr_encrypted", "phone", "postcode",
                 "target_group_id", "caseworker_id", "referred_on", "referral_reason", "wish_gender",
                 "wish_age_band", "status", "outcome", "outcome_on", "created_by_id", "created_at", "updated_at"],
                rows,
            )  # fmt: skip
            self.m2m(Citizen.needs, needs)
            self.m2m(Citizen.languages, languages)
            self.loader.write(
                Preferences,
                ["id", "citizen_id", "jobcenter_id", "available_weekdays", "available_day_parts", "severe_needs"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Preferences, len(preferences)), preferences,
                                               strict=True)),
            )  # fmt: skip

    # --- mentor agreements -----------------------------------------------------------------------

    def agreements(self) -> None:
        from citizens.vocabulary import COMPLAINT_GUIDANCE

        Agreement = self.m("citizens.MentorAgreement")
        rng = self.rng
        with self.timer.part("mentor agreements") as part:
            rows = []
            for jc in self.jcs:
                seats = [pk for pk, _n, _e in jc.mentors for _ in range(jc.mentor_capacity[pk])]
                rng.shuffle(seats)
                # Active citizens get an active agreement while the corps has seats; ended ones an ended one.
                for citizen in jc.citizens["active"][: len(seats)]:
                    start = self.today - datetime.timedelta(days=rng.randint(0, 150))
                    rows.append((jc, citizen, "active", seats.pop(), start))
                for citizen in jc.citizens["ended"][::2]:
                    start = self.today - datetime.timedelta(days=rng.randint(200, 900))
                    rows.append((jc, citizen, "ended", rng.choice(jc.mentors)[0], start))
            ids = self.loader.ids(Agreement, len(rows))
            out = []
            for pk, (jc, citizen, status, mentor, start) in zip(ids, rows, strict=True):
                ends = start + datetime.timedelta(days=182)
                if status == "active":
                    self.active_agreements.append((pk, jc, citizen, mentor, start))
                out.append(
                    (pk, jc.id, citizen, status, mentor, rng.choice(jc.caseworkers), "Borgeren kommer i job.",
                     "Ugentlige samtaler og hjælp til struktur.", start, ends, D(rng.randint(20, 60)), D(3),
                     COMPLAINT_GUIDANCE, self.now, min(ends, self.today) if status == "ended" else None,
                     "Forløbet er slut." if status == "ended" else "", jc.coordinators[0], self.now)
                )  # fmt: skip
            part.rows = self.loader.write(
                Agreement,
                ["id", "jobcenter_id", "citizen_id", "status", "mentor_id", "caseworker_id", "goal", "mentor_tasks",
                 "starts_on", "ends_on", "hours_total", "hours_per_week", "complaint_guidance", "activated_at",
                 "ended_on", "end_reason", "created_by_id", "created_at"],
                out,
            )  # fmt: skip

    # --- placements and goals --------------------------------------------------------------------

    def placements_part(self) -> None:
        Placement = self.m("citizens.Placement")
        Goal = self.m("citizens.Goal")
        rng = self.rng
        outcomes = ["ordinary_job", "education", "flex_job", "other_placement", "dropped_out"]
        with self.timer.part("placements (+ goals)") as part:
            plan = []
            for jc, count in zip(self.jcs, self.per_jc("placements", minimum=3), strict=True):
                active, ended = jc.citizens["active"], jc.citizens["ended"]
                for n in range(count):
                    kind = rng.choices(("active", "ended", "proposed", "declined"), (55, 35, 6, 4))[0]
                    if n < 2:
                        kind = "active"
                    pool = ended if kind == "ended" and ended else active or ended
                    company = jc.companies[0] if n == 0 else rng.choice(jc.companies)
                    plan.append((jc, rng.choice(pool), company, kind))
            ids = self.loader.ids(Placement, len(plan))
            rows, goals = [], []
            for pk, (jc, citizen, company, kind) in zip(ids, plan, strict=True):
                if kind == "ended":
                    start = self.today - datetime.timedelta(days=rng.randint(120, 900))
                    end = start + datetime.timedelta(days=rng.randint(60, 180))
                    ended_on = min(end, self.today - datetime.timedelta(days=1))
                elif kind == "active":
                    start = self.today - datetime.timedelta(days=rng.randint(7, 180))
                    end = start + datetime.timedelta(days=rng.randint(90, 365))
                    ended_on = None
                else:
                    start = self.today + datetime.timedelta(days=rng.randint(-30, 30))
                    end = start + datetime.timedelta(days=90)
                    ended_on = None
                mentors = jc.company_mentors.get(company) or [None]
                mentor = rng.choice(mentors)
                mentor_id = mentor[0] if mentor and kind != "proposed" else None
                if kind in ("active", "ended") and mentor_id is None:
                    kind, ended_on = "proposed", None
                self.placements.append((pk, jc, citizen, company, mentor_id, kind, start, end, ended_on))
                rows.append(
                    (pk, jc.id, citizen, company, mentor_id, rng.choice(jc.placement_types),
                     rng.choice(jc.coordinators + jc.caseworkers), kind, start, end,
                     "Lagerarbejde: modtagelse af varer, pluk og pak.", D(rng.choice([10, 15, 20, 25, 30])),
                     D(rng.choice([1, 2, 3])), self.now if kind != "proposed" else None,
                     "Passer ikke lige nu." if kind == "declined" else "", ended_on,
                     rng.choice(outcomes) if kind == "ended" else "", jc.coordinators[0], self.now)
                )  # fmt: skip
                if kind in ("active", "ended"):
                    for position, title in enumerate(rng.sample(GOALS, 2)):
                        goals.append((jc.id, pk, title, rng.choice(["not_started", "in_progress", "reached"]),
                                      end, position, self.now))  # fmt: skip
            part.rows = self.loader.write(
                Placement,
                ["id", "jobcenter_id", "citizen_id", "company_id", "company_mentor_id", "placement_type_id",
                 "responsible_id", "status", "starts_on", "ends_on", "tasks", "hours_per_week",
                 "mentor_hours_per_week", "decided_at", "decline_reason", "ended_on", "outcome", "created_by_id",
                 "created_at"],
                rows,
            )  # fmt: skip
            self.loader.write(
                Goal,
                ["id", "jobcenter_id", "placement_id", "title", "status", "target_date", "position", "updated_at"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Goal, len(goals)), goals, strict=True)),
            )

    # --- follow-ups ------------------------------------------------------------------------------

    def follow_ups(self) -> None:
        FollowUp = self.m("citizens.FollowUp")
        Placement = self.m("citizens.Placement")
        rng = self.rng
        running = [p for p in self.placements if p[5] in ("active", "ended")]
        with self.timer.part("follow-ups (+ placements' last follow-up)") as part:
            total = self.counts["follow_ups"]
            spans = []
            for p in running:
                last = p[8] or self.today - datetime.timedelta(days=rng.randint(0, 12))
                last = max(last, p[6])
                spans.append((p[6], last))
            weights = [max(1, (last - first).days // 7 + 1) for first, last in spans]
            counts = allocate(total, [w / sum(weights) for w in weights]) if running else []
            ids = iter(self.loader.ids(FollowUp, sum(counts)))
            kinds = ["visit", "visit", "phone", "meeting", "email"]
            hours = [D("0"), D("0"), D("1.50"), D("2.00"), D("3.00")]
            recent = self.today - datetime.timedelta(days=14)
            last_follow_up: list[tuple[int, datetime.date]] = []

            def rows():
                for p, (first, last), count in zip(running, spans, counts, strict=True):
                    pk_placement, jc, citizen = p[0], p[1], p[2]
                    author = jc.coordinators[0]
                    days = (last - first).days
                    for k in range(count):
                        day = last - datetime.timedelta(days=days * k // count) if count > 1 else last
                        mentor_hours = rng.choice(hours)
                        unconfirmed = mentor_hours and day >= recent
                        yield (
                            next(ids), jc.id, citizen, pk_placement, rng.choice(kinds), day,
                            "Borger, virksomhedsmentor og jobkonsulent", rng.choice(NOTES), mentor_hours,
                            "" if unconfirmed or not mentor_hours else "coordinator",
                            None if unconfirmed or not mentor_hours else self.now, author, self.now,
                        )  # fmt: skip
                    if count:
                        last_follow_up.append((pk_placement, last))

            part.rows = self.loader.write(
                FollowUp,
                ["id", "jobcenter_id", "citizen_id", "placement_id", "kind", "occurred_on", "participants", "notes",
                 "mentor_hours", "hours_confirmed_by", "hours_confirmed_at", "author_id", "created_at"],
                rows(),
            )  # fmt: skip
            self.update_last_follow_up(Placement, last_follow_up)

    def update_last_follow_up(self, Placement, pairs) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("CREATE TEMP TABLE scale_last (id bigint, day date) ON COMMIT DROP")
                with cursor.cursor.copy("COPY scale_last (id, day) FROM STDIN") as copy:
                    for row in pairs:
                        copy.write_row(row)
                cursor.execute(
                    f'UPDATE "{Placement._meta.db_table}" p SET last_follow_up_on = s.day '  # noqa: S608
                    "FROM scale_last s WHERE p.id = s.id"
                )
                cursor.execute("DROP TABLE scale_last")
        else:
            for pk, day in pairs:
                Placement.objects.filter(pk=pk).update(last_follow_up_on=day)

    # --- progress assessments --------------------------------------------------------------------

    def assessments(self) -> None:
        Assessment = self.m("citizens.ProgressAssessment")
        Score = self.m("citizens.ProgressScore")
        rng = self.rng
        running = [p for p in self.placements if p[5] in ("active", "ended")]
        with self.timer.part("progress assessments (+ scores)") as part:
            total = self.counts["assessments"]
            counts = allocate(total, [1 / len(running)] * len(running)) if running else []
            ids = self.loader.ids(Assessment, sum(counts))
            plan = []
            for p, count in zip(running, counts, strict=True):
                last = p[8] or self.today
                span = max(1, (last - p[6]).days)
                for k in range(count):
                    plan.append((p, p[6] + datetime.timedelta(days=span * (k + 1) // (count + 1))))
            part.rows = self.loader.write(
                Assessment,
                ["id", "jobcenter_id", "placement_id", "assessed_on", "assessor_kind", "company_mentor_id",
                 "recorded_by_id", "created_at"],
                ((pk, p[1].id, p[0], day, "company" if k % 2 else "jobcenter", p[4], p[1].coordinators[0], self.now)
                 for k, (pk, (p, day)) in enumerate(zip(ids, plan, strict=True))),
            )  # fmt: skip
            dimensions_total = sum(len(p[1].dimensions) for p, _day in plan)
            score_ids = iter(self.loader.ids(Score, dimensions_total))
            self.loader.write(
                Score,
                ["id", "assessment_id", "dimension_id", "score"],
                ((next(score_ids), pk, dimension, rng.randint(1, 5))
                 for pk, (p, _day) in zip(ids, plan, strict=True) for dimension in p[1].dimensions),
            )  # fmt: skip
        with self.timer.part("progress summaries (first and latest score)") as part:
            from citizens.services import progress_summaries_rebuild

            # Set-wise from the scores just written, as the assessment service keeps them one by one.
            part.rows = progress_summaries_rebuild()
            self.loader.models.append(self.m("citizens.ProgressSummary"))  # sequence and ANALYZE in finish()

    # --- corps hours -----------------------------------------------------------------------------

    def hours(self) -> None:
        HoursEntry = self.m("corps.HoursEntry")
        rng = self.rng
        this_week = monday(self.today)
        with self.timer.part("corps hours (6 weeks per active agreement)") as part:
            rows = []
            for _pk, jc, citizen, mentor, start in self.active_agreements:
                for w in range(1, 7):
                    week = this_week - datetime.timedelta(weeks=w)
                    if week < monday(start):
                        break
                    approved = w > 2
                    rows.append((mentor, week, citizen, D(rng.choice(["1.00", "2.00", "2.50", "3.00"])), D("3.00"),
                                 "approved" if approved else "submitted", D("185.50"), jc.coordinators[0], self.now,
                                 jc.coordinators[0] if approved else None, self.now if approved else None))  # fmt: skip
            part.rows = self.loader.write(
                HoursEntry,
                ["id", "mentor_id", "week", "citizen_id", "hours", "agreed_hours", "status", "hourly_rate",
                 "entered_by_id", "entered_at", "decided_by_id", "decided_at"],
                ((pk, *row) for pk, row in zip(self.loader.ids(HoursEntry, len(rows)), rows, strict=True)),
            )  # fmt: skip

    # --- offers ----------------------------------------------------------------------------------

    def offers(self) -> None:
        Offer = self.m("matching.Offer")
        rng = self.rng
        with self.timer.part("offers to corps mentors") as part:
            plan = []
            for jc in self.jcs:
                for citizen in jc.citizens["referred"][::3]:
                    mentors = rng.sample(jc.mentors, min(len(jc.mentors), 2))
                    for k, mentor in enumerate(mentors):
                        plan.append((jc, citizen, mentor[0], "declined" if k == 0 and len(mentors) > 1 else "offered"))
            ids = self.loader.ids(Offer, len(plan))
            offered_at = self.now - datetime.timedelta(days=2)
            part.rows = self.loader.write(
                Offer,
                ["id", "jobcenter_id", "citizen_id", "mentor_id", "status", "score", "explanations", "message",
                 "token_hash", "offered_by_id", "offered_at", "expires_at", "answered_at", "answered_via",
                 "decline_reason", "closed_by_id"],
                ((pk, jc.id, citizen, mentor, status, round(rng.uniform(0.4, 0.95), 3),
                  "[]" if self.loader.postgres else [], "Vil du være mentor for en borger?",
                  hashlib.sha256(f"scale-offer-{pk}".encode()).hexdigest(), jc.coordinators[0], offered_at,
                  offered_at + datetime.timedelta(days=5), self.now if status == "declined" else None,
                  "link" if status == "declined" else "", "Har ikke tid lige nu." if status == "declined" else "",
                  None) for pk, (jc, citizen, mentor, status) in zip(ids, plan, strict=True)),
            )  # fmt: skip

    # --- compensation claims ---------------------------------------------------------------------

    def claims(self) -> None:
        Claim = self.m("companies.CompensationClaim")
        rng = self.rng
        month = (self.today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        cent = D("0.01")
        with self.timer.part("compensation claims (last month)") as part:
            rows = []
            wages = {m[0]: m[3] for jc in self.jcs for ms in jc.company_mentors.values() for m in ms}
            for pk, jc, _citizen, company, mentor, kind, start, _end, _ended in self.placements:
                wage = wages.get(mentor)
                if kind != "active" or wage is None or start >= month:
                    continue
                hours = D(rng.randint(4, 20))
                amount = (hours * wage).quantize(cent)
                holiday, pension = (amount * D("0.125")).quantize(cent), (amount * D("0.08")).quantize(cent)
                employer = (amount * D("0.015")).quantize(cent)
                approved = rng.random() < 0.6
                rows.append((jc.id, company, pk, mentor, month, hours, wage, D("12.50"), D("8.00"), D("1.50"), amount,
                             holiday, pension, employer, amount + holiday + pension + employer,
                             "approved" if approved else "submitted", self.now,
                             jc.coordinators[0] if approved else None, self.now if approved else None))  # fmt: skip
            part.rows = self.loader.write(
                Claim,
                ["id", "jobcenter_id", "company_id", "placement_id", "company_mentor_id", "month", "hours",
                 "hourly_wage", "holiday_pay_pct", "pension_pct", "employer_contribution_pct", "wage_amount",
                 "holiday_pay_amount", "pension_amount", "employer_contribution_amount", "total_amount", "status",
                 "submitted_at", "decided_by_id", "decided_at"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Claim, len(rows)), rows, strict=True)),
            )  # fmt: skip

    # --- courses ---------------------------------------------------------------------------------

    def courses(self) -> None:
        Course = self.m("courses.Course")
        Session = self.m("courses.Session")
        Registration = self.m("courses.Registration")
        rng = self.rng
        with self.timer.part("courses (+ sessions, registrations)") as part:
            per_jc = self.per_jc("courses")
            registrations = allocate(self.counts["registrations"], [c / sum(per_jc) for c in per_jc])
            course_ids = iter(self.loader.ids(Course, sum(per_jc)))
            courses, sessions, regs = [], [], []
            for jc, count, reg_count in zip(self.jcs, per_jc, registrations, strict=True):
                pool = [(pk, None, None, name, email) for pk, name, email in jc.mentors]
                pool += [(None, m[0], company, m[1], m[2]) for company, ms in jc.company_mentors.items() for m in ms]
                for course_index, course_regs in enumerate(allocate(reg_count, [1 / count] * count) if count else []):
                    pk = next(course_ids)
                    first = self.today + datetime.timedelta(days=rng.randint(-365, 180))
                    days = rng.choice([1, 1, 2])
                    past = first < self.today
                    people = rng.sample(pool, min(len(pool), course_regs))
                    people += [(None, None, None, f"Deltager {n}", f"deltager{n}.{pk}@{EMAIL_DOMAIN}")
                               for n in range(course_regs - len(people))]  # fmt: skip
                    capacity = max(1, course_regs - (0 if past else course_regs // 10))
                    courses.append((pk, jc.id, rng.choice(jc.course_types), f"Mentorkursus {course_index + 1}",
                                    "Jobcentret, mødelokale 2", "Rådhustorvet 1", capacity,
                                    first - datetime.timedelta(days=7), "planned", first,
                                    first + datetime.timedelta(days=days - 1), self.now if past else None,
                                    jc.coordinators[0], self.now, self.now))  # fmt: skip
                    for d in range(days):
                        sessions.append((pk, first + datetime.timedelta(days=d), datetime.time(9), datetime.time(15)))
                    for n, (mentor, company_mentor, company, name, email) in enumerate(people):
                        waiting = n >= capacity
                        status = "waiting" if waiting else ("cancelled" if n % 17 == 5 else "registered")
                        regs.append((pk, mentor, company_mentor, company, name, email, status,
                                     rng.choice(["coordinator", "portal", "invitation"]), self.now,
                                     self.now if waiting else None,
                                     first + datetime.timedelta(days=days - 1) if past and status == "registered"
                                     else None, jc.coordinators[0]))  # fmt: skip
            part.rows = self.loader.write(
                Course,
                ["id", "jobcenter_id", "course_type_id", "title", "venue", "address", "capacity",
                 "registration_deadline", "status", "first_day", "last_day", "completed_at", "created_by_id",
                 "created_at", "updated_at"],
                courses,
            )  # fmt: skip
            self.loader.write(
                Session,
                ["id", "course_id", "date", "starts_at", "ends_at"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Session, len(sessions)), sessions, strict=True)),
            )
            part.rows += self.loader.write(
                Registration,
                ["id", "course_id", "corps_mentor_id", "company_mentor_id", "company_id", "name", "email", "status",
                 "via", "created_at", "waiting_since", "completed_on", "created_by_id"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Registration, len(regs)), regs, strict=True)),
            )  # fmt: skip
