"""Builds the national data set for load tests: 98 jobcenters, 100,000 citizens, 1,000,000 follow-ups ...

    python manage.py seed_scale                # the whole country (a few minutes on PostgreSQL)
    python manage.py seed_scale --scale 0.01   # a hundredth of it
    python manage.py seed_scale --flush        # empties the domain tables first
    python manage.py seed_scale --logins       # prints the known logins and their current codes

Rows go in with PostgreSQL COPY (bulk_create on other databases), never one save per row. See
accounts/scale/ for what is built and why no change history is written.
"""

import base64
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django_scopes import scopes_disabled

from accounts.scale import (
    LOGIN_JOBCENTERS,
    SCALE_PASSWORD,
    coordinator_email,
    jobcenter_slug,
    leader_email,
    totp_key_hex,
    totp_token,
)

# Global vocabulary seeded by migrations survives --flush.
KEEP = {"corps.language", "corps.historicallanguage", "companies.industry"}


def flush_tables() -> list[str]:
    tables = []
    for config in apps.get_app_configs():
        local = str(config.path).startswith(str(settings.BASE_DIR)) and ".venv" not in str(config.path)
        if not (local or config.label in {"otp_totp", "sessions", "axes"}):
            continue
        for model in config.get_models(include_auto_created=True):
            if model._meta.label_lower not in KEEP and model._meta.managed and not model._meta.proxy:
                tables.append(model._meta.db_table)
    return tables


class Command(BaseCommand):
    help = "Opretter et landsdækkende datasæt til belastningstest (98 jobcentre, 100.000 borgere ...)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="brøkdel af det fulde datasæt, fx 0.01")
        parser.add_argument("--flush", action="store_true", help="tøm domænetabellerne først")
        parser.add_argument("--seed", type=int, default=2026, help="tilfældighedsfrø (samme frø, samme data)")
        parser.add_argument("--logins", action="store_true", help="vis kun de kendte logins og deres koder")

    def handle(self, *args, scale, flush, seed, logins, **options):
        if logins:
            self.print_logins()
            return
        if not 0 < scale <= 1:
            raise CommandError("--scale skal ligge mellem 0 og 1.")
        from accounts.models import Jobcenter
        from accounts.scale.build import Builder

        # A national data set across every jobcenter; a command has no tenant.
        with scopes_disabled():
            exists = Jobcenter.objects.exists()
        if exists and not flush:
            raise CommandError(
                "Databasen indeholder allerede jobcentre. seed_scale bygger kun i en tom database: "
                "kør med --flush for at tømme domænetabellerne først (alt andet end sprog og brancher slettes)."
            )
        started = time.perf_counter()
        if exists:
            self.flush()
        self.stdout.write(f"Bygger datasæt i skala {scale:g} på {connection.vendor} ...")
        builder = Builder(scale=scale, stdout=self.stdout, seed=seed)
        builder.run()
        total = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Færdig på {total:.1f} s."))
        for label, count in sorted(builder.loader.written.items()):
            self.stdout.write(f"  {label:<40} {count:>10,}")
        self.print_logins(count=min(LOGIN_JOBCENTERS, builder.counts["jobcenters"]))

    def flush(self) -> None:
        started = time.perf_counter()
        tables = flush_tables()
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # Deferred foreign-key checks still pending in this transaction would block TRUNCATE.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
            else:
                with connection.constraint_checks_disabled(), connection.cursor() as cursor:
                    for table in tables:
                        cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 (table names from models)
        self.stdout.write(f"  tømte {len(tables)} tabeller på {time.perf_counter() - started:.1f} s")

    def print_logins(self, count: int = LOGIN_JOBCENTERS) -> None:
        self.stdout.write(f"\nKendte logins (adgangskode for alle: {SCALE_PASSWORD}):")
        for i in range(count):
            slug = jobcenter_slug(i)
            coordinator = coordinator_email(slug)
            key = base64.b32encode(bytes.fromhex(totp_key_hex(coordinator))).decode()
            self.stdout.write(f"  {coordinator:<34} kode {totp_token(coordinator)}  (TOTP-nøgle {key})")
            self.stdout.write(f"  {leader_email(slug):<34} virksomhedsleder (ingen engangskode)")
        self.stdout.write(
            "TOTP-nøglen er sha256('mentorordning-scale:' + e-mail)[:40] (hex), se accounts.scale.totp_token."
        )
