"""Starts the local test provider for MitID Erhverv (accounts.oidc.testprovider), to try the sign-in end to end
with the demo data. Never for production: anyone who reaches it can sign in as any person it lists."""

import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django_scopes import scopes_disabled

from accounts.oidc.demo import demo_persistent_id
from accounts.oidc.testprovider import Person, TestProvider

CLIENT_ID = "mentorordning-lokal"
CLIENT_SECRET = "lokal-test-hemmelighed-kun-til-demo"  # noqa: S105 - the local test provider's, printed for the user
# A company no jobcenter has: signing in as its person shows the refusal for a wrong CVR number.
STRANGER = Person(
    persistent_id=demo_persistent_id("12345674"),
    cvr="12345674",
    name="Ukendt Person",
    email="ukendt@anden-virksomhed.demo",
    org_name="Anden Virksomhed ApS (ikke i Mentorordning)",
)


def demo_people() -> list[Person]:
    """One MitID Erhverv person per company in the database, with a persistent ID that stays the same from run
    to run (derived from the CVR number), and one for a company that is not in the product."""
    from companies.models import Company

    # A local tool that lists every jobcenter's companies on purpose: the demo data of all of them.
    try:
        with scopes_disabled():
            companies = list(Company.objects.order_by("jobcenter__name", "name").values_list("name", "cvr"))
    except DatabaseError:  # no database yet: `make run` has not migrated and loaded the demo data
        companies = []
    people = [
        Person(
            persistent_id=demo_persistent_id(cvr),
            cvr=cvr,
            name=f"Leder i {name}",
            email=f"leder@{cvr}.demo",
            org_name=name,
        )
        for name, cvr in companies
    ]
    return [*people, STRANGER]


class Command(BaseCommand):
    help = "Starter en lokal test-udbyder for MitID Erhverv (OpenID Connect) til at prøve login med demodata."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8090)

    def handle(self, *args, port: int, **options):
        provider = TestProvider(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, port=port, people=demo_people())
        provider.start()
        if len(provider.people) == 1:
            self.stderr.write("Ingen virksomheder i databasen: kør `make run` én gang først, så demodata er indlæst.")
        self.stdout.write(
            "Test-MitID Erhverv kører på "
            f"{provider.issuer} med {len(provider.people)} personer. Start Mentorordning i en anden terminal med:\n\n"
            f"  MITID_ERHVERV_OIDC_DISCOVERY_URL={provider.discovery_url} \\\n"
            f"  MITID_ERHVERV_OIDC_CLIENT_ID={CLIENT_ID} \\\n"
            f"  MITID_ERHVERV_OIDC_CLIENT_SECRET={CLIENT_SECRET} make run\n\n"
            "Stop med Ctrl+C."
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            provider.stop()
