import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Jobcenter, Membership, Role, User

PASSWORD = "korrekt-hest-batteri-42"


class JobcenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jobcenter
        django_get_or_create = ["municipality_code"]

    name = factory.Sequence(lambda n: f"Jobcenter Test {n}")
    municipality_code = factory.Sequence(lambda n: f"{900 + n % 99:03d}")
    slug = factory.Sequence(lambda n: f"test-{n}")
    city = "Testby"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"bruger{n}@example.dk")
    full_name = factory.Faker("name", locale="da_DK")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    jobcenter = factory.SubFactory(JobcenterFactory)
    role = Role.COORDINATOR
    company = None


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Godkendelsesapp"
    confirmed = True
