import functools

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership, Role, User

PASSWORD = "korrekt-hest-batteri-42"


class UnscopedFactory(factory.django.DjangoModelFactory):
    """The base of every factory: builds rows in any jobcenter, whatever tenant scope the test runs in.

    Its queries (get_or_create, sub-factories, post-generation hooks) run with scopes disabled, so a
    service test inside one jobcenter's scope (conftest's `tenant_scope`) can still set up another
    jobcenter's rows to prove they stay out of reach."""

    @classmethod
    def _generate(cls, strategy, params):
        with scopes_disabled():
            return super()._generate(strategy, params)


def unscoped(helper):
    """The same for a factory helper function (`placement_for(company)`): it builds in any jobcenter."""

    @functools.wraps(helper)
    def wrapper(*args, **kwargs):
        with scopes_disabled():
            return helper(*args, **kwargs)

    return wrapper


class JobcenterFactory(UnscopedFactory):
    class Meta:
        model = Jobcenter
        django_get_or_create = ["municipality_code"]

    name = factory.Sequence(lambda n: f"Jobcenter Test {n}")
    municipality_code = factory.Sequence(lambda n: f"{900 + n % 99:03d}")
    slug = factory.Sequence(lambda n: f"test-{n}")
    city = "Testby"


class UserFactory(UnscopedFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"bruger{n}@example.dk")
    full_name = factory.Faker("name", locale="da_DK")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(UnscopedFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    jobcenter = factory.SubFactory(JobcenterFactory)
    role = Role.COORDINATOR
    company = None


class TOTPDeviceFactory(UnscopedFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Godkendelsesapp"
    confirmed = True
