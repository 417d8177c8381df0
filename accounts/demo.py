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

from accounts.models import TWO_FACTOR_ROLES, Jobcenter, Membership, Role, User
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
        "cvr": "29189714",  # the municipality's CVR: staff sign-in through KOMBIT (accounts/saml)
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
        "cvr": "29189919",  # the municipality's CVR: staff sign-in through KOMBIT (accounts/saml)
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
    # More caseworkers, each with a share of the jobcenter's citizens (citizens.demo spreads them), as in a real
    # jobcenter, where the coordinators work with several caseworkers.
    ("sagsbehandler2", "Birthe Lauridsen", Role.CASEWORKER, "favrskov", None),
    ("sagsbehandler3", "Kasper Mikkelsen", Role.CASEWORKER, "favrskov", None),
    ("admin", "Lone Vestergaard", Role.JOBCENTER_ADMIN, "favrskov", None),
    ("leder", "Peter Sørensen", Role.COMPANY_LEADER, "favrskov", "Hammel Maskinfabrik A/S"),
    ("koordinator", "Fatima Yilmaz", Role.COORDINATOR, "kalundborg", None),
    ("sagsbehandler", "Rikke Dahl", Role.CASEWORKER, "kalundborg", None),
    ("sagsbehandler2", "Morten Thygesen", Role.CASEWORKER, "kalundborg", None),
]

# Users who work in more than one jobcenter (a shared service centre, a consultant who covers two
# municipalities): (e-mail, full name, ((role, jobcenter slug), ...)). The first membership is where the day
# starts; the header's "Skift jobcenter" moves to the others.
SHARED_USERS = [
    (
        "konsulent@mentorordning.demo",
        "Jonas Friis",
        ((Role.COORDINATOR, "favrskov"), (Role.CASEWORKER, "kalundborg")),
    ),
]

COMPANIES = [
    ("favrskov", "Hammel Maskinfabrik A/S", "29402817"),  # a valid CVR number (modulus 11)
    ("kalundborg", "Kalundborg Havn A/S", "25716639"),
]


def demo_email(local: str, slug: str) -> str:
    return f"{local}@{slug}.demo"


def two_factor_emails() -> list[str]:
    """The demo users who log in with a second factor, in the order seed_demo lists them: this app's users,
    the superuser, then the extra company leaders of companies.demo."""
    from companies.demo import LEADERS  # companies.demo imports this module

    emails = [demo_email(local, slug) for local, _n, role, slug, _c in USERS if role in TWO_FACTOR_ROLES]
    emails += [email for email, _n, roles in SHARED_USERS if any(role in TWO_FACTOR_ROLES for role, _s in roles)]
    leaders = (
        [demo_email(local, slug) for local, _n, slug, _c in LEADERS] if Role.COMPANY_LEADER in TWO_FACTOR_ROLES else []
    )
    return [*emails, SUPERUSER_EMAIL, *leaders]


def totp_key_hex(email: str) -> str:
    return hashlib.sha256(f"mentorordning-demo:{email}".encode()).hexdigest()[:40]


def demo_totp_token(email: str) -> str:
    """The code an authenticator app shows right now for a demo user."""
    totp = TOTP(bytes.fromhex(totp_key_hex(email)), step=30, t0=0, digits=6)
    return f"{totp.token():06d}"


def _demo_user(email: str, full_name: str, *, is_staff: bool) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, "is_staff": is_staff})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _demo_membership(user: User, jobcenter: Jobcenter, role: Role, company: Company | None) -> None:
    Membership.objects.update_or_create(
        user=user, jobcenter=jobcenter, defaults={"role": role, "company": company, "is_active": True}
    )


def demo_device(user: User) -> str:
    """A confirmed TOTP device with the user's derived key (printed by seed_demo and `make totp`)."""
    key = totp_key_hex(user.email)
    TOTPDevice.objects.update_or_create(
        user=user, name="Demo-godkendelsesapp", defaults={"key": key, "confirmed": True}
    )
    return key


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
            user = _demo_user(email, full_name, is_staff=role == Role.JOBCENTER_ADMIN)
            _demo_membership(user, jobcenters[slug], role, companies.get(company_name))
            key = demo_device(user) if role in TWO_FACTOR_ROLES else None
            logins.append(DemoLogin(email, str(role.label), jobcenters[slug].name, key))
        for email, full_name, roles in SHARED_USERS:
            user = _demo_user(email, full_name, is_staff=False)
            for role, slug in roles:
                _demo_membership(user, jobcenters[slug], role, None)
            key = demo_device(user) if any(role in TWO_FACTOR_ROLES for role, _s in roles) else None
            logins.append(
                DemoLogin(
                    email,
                    " / ".join(str(role.label) for role, _s in roles),
                    " og ".join(jobcenters[slug].name for _r, slug in roles),
                    key,
                )
            )
        # The demo leader can also sign in with the local test MitID Erhverv (make mitid-erhverv).
        from accounts.oidc.demo import demo_binding_ensure

        demo_binding_ensure(email=demo_email("leder", "favrskov"))
        superuser_email = SUPERUSER_EMAIL
        superuser, created = User.objects.get_or_create(
            email=superuser_email,
            defaults={"full_name": "Platformadministrator", "is_staff": True, "is_superuser": True},
        )
        if created:
            superuser.set_password(DEMO_PASSWORD)
            superuser.save(update_fields=["password"])
        logins.append(DemoLogin(superuser_email, "Platformadministrator (superbruger)", "alle", demo_device(superuser)))
    return logins
