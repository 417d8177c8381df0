"""Demo jobcenters and one user per role, for `manage.py seed_demo`. Idempotent.

Demo users who need a second factor get a TOTP device with a key derived from their e-mail, so the
key can be printed for an authenticator app and `manage.py demo_totp` can show the current codes.
"""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership, Role, User
from accounts.services import jobcenter_defaults_ensure
from companies.models import Company

DEMO_PASSWORD = "mentor-demo-2026"  # noqa: S105 - printed by seed_demo; demo data only

SUPERUSER_EMAIL = "platform@mentorordning.demo"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    jobcenter: str
    totp_key_hex: str | None


JOBCENTERS = [
    {
        "name": "Jobcenter Favrskov",
        "municipality_code": "710",
        "slug": "favrskov",
        "address": "Torvegade 7",
        "postcode": "8450",
        "city": "Hammel",
        "email": "jobcenter@favrskov.dk",
        "phone": "89 64 10 10",
    },
    {
        "name": "Jobcenter Kalundborg",
        "municipality_code": "326",
        "slug": "kalundborg",
        "address": "Holbækvej 141 B",
        "postcode": "4400",
        "city": "Kalundborg",
        "email": "jobcenter@kalundborg.dk",
        "phone": "59 53 44 00",
    },
]

# (e-mail local part, full name, role, jobcenter slug, company name for leaders)
USERS = [
    ("koordinator", "Mette Kjær", Role.COORDINATOR, "favrskov", None),
    ("sagsbehandler", "Anders Holm", Role.CASEWORKER, "favrskov", None),
    ("admin", "Lone Vestergaard", Role.JOBCENTER_ADMIN, "favrskov", None),
    ("leder", "Peter Sørensen", Role.COMPANY_LEADER, "favrskov", "Hammel Maskinfabrik A/S"),
    ("koordinator", "Fatima Yilmaz", Role.COORDINATOR, "kalundborg", None),
]

COMPANIES = [
    ("favrskov", "Hammel Maskinfabrik A/S", "29402817"),  # a valid CVR number (modulus 11)
    ("kalundborg", "Kalundborg Havn A/S", "25716639"),
]


def demo_email(local: str, slug: str) -> str:
    return f"{local}@{slug}.demo"


def totp_key_hex(email: str) -> str:
    return hashlib.sha256(f"mentorordning-demo:{email}".encode()).hexdigest()[:40]


def demo_totp_token(email: str) -> str:
    """The code an authenticator app shows right now for a demo user."""
    totp = TOTP(bytes.fromhex(totp_key_hex(email)), step=30, t0=0, digits=6)
    return f"{totp.token():06d}"


@transaction.atomic
def seed_accounts() -> list[DemoLogin]:
    logins: list[DemoLogin] = []
    with scopes_disabled():
        jobcenters = {}
        for data in JOBCENTERS:
            jobcenter, _ = Jobcenter.objects.update_or_create(
                municipality_code=data["municipality_code"], defaults=data
            )
            jobcenter_defaults_ensure(actor=None, jobcenter=jobcenter)
            jobcenters[data["slug"]] = jobcenter
        companies = {}
        for slug, name, cvr in COMPANIES:
            company, _ = Company.objects.update_or_create(jobcenter=jobcenters[slug], cvr=cvr, defaults={"name": name})
            companies[name] = company
        for local, full_name, role, slug, company_name in USERS:
            email = demo_email(local, slug)
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": full_name, "is_staff": role == Role.JOBCENTER_ADMIN}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            Membership.objects.update_or_create(
                user=user,
                jobcenter=jobcenters[slug],
                defaults={"role": role, "company": companies.get(company_name), "is_active": True},
            )
            key = None
            if role in (Role.COORDINATOR, Role.JOBCENTER_ADMIN):
                key = totp_key_hex(email)
                TOTPDevice.objects.update_or_create(
                    user=user, name="Demo-godkendelsesapp", defaults={"key": key, "confirmed": True}
                )
            logins.append(DemoLogin(email, str(role.label), jobcenters[slug].name, key))
        superuser_email = SUPERUSER_EMAIL
        superuser, created = User.objects.get_or_create(
            email=superuser_email,
            defaults={"full_name": "Platformadministrator", "is_staff": True, "is_superuser": True},
        )
        if created:
            superuser.set_password(DEMO_PASSWORD)
            superuser.save(update_fields=["password"])
        TOTPDevice.objects.update_or_create(
            user=superuser,
            name="Demo-godkendelsesapp",
            defaults={"key": totp_key_hex(superuser_email), "confirmed": True},
        )
        logins.append(
            DemoLogin(superuser_email, "Platformadministrator (superbruger)", "alle", totp_key_hex(superuser_email))
        )
    return logins
