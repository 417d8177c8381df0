"""Creates the Danish demo data. Idempotent: running it again updates the same rows, never duplicates.

Every local app may contribute a `demo.py` with `seed(*, stdout) -> None`; they run in the order of
INSTALLED_APPS (accounts first, so jobcenters and users exist), each in its own transaction.
"""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, seed_accounts


def app_seeders():
    for config in apps.get_app_configs():
        if config.name == "accounts" or Path(config.path).parent != settings.BASE_DIR:
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        yield config.name, module.seed


class Command(BaseCommand):
    help = "Opretter demodata: Jobcenter Favrskov og Jobcenter Kalundborg med brugere, mentorer, virksomheder m.m."

    def handle(self, *args, **options):
        logins = seed_accounts()
        for name, seed in app_seeders():
            with transaction.atomic():
                seed(stdout=self.stdout)
            self.stdout.write(f"  demodata for {name} er klar")
        self.stdout.write(self.style.SUCCESS("Demodata er klar."))
        self.stdout.write(f"\nÅbn {settings.SITE_URL}/ og log ind med (adgangskode for alle: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.email:<32} {login.role:<36} {login.jobcenter}")
        self.stdout.write(
            "\nAlle demobrugere skal bruge en engangskode (tofaktor) efter adgangskoden. "
            "Vis de aktuelle koder med:  make totp   (eller: python manage.py demo_totp)"
        )
