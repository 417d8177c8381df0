"""Prints the current two-factor codes of the demo users, so the demo works without a phone."""

import base64

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from accounts.demo import SUPERUSER_EMAIL, USERS, demo_email, demo_totp_token, totp_key_hex
from accounts.models import TWO_FACTOR_ROLES, User


class Command(BaseCommand):
    help = "Viser demo-brugernes aktuelle engangskoder (kun demodata)."

    def handle(self, *args, **options):
        emails = [demo_email(local, slug) for local, _n, role, slug, _c in USERS if role in TWO_FACTOR_ROLES]
        emails.append(SUPERUSER_EMAIL)
        with scopes_disabled():
            known = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        if not known:
            raise CommandError("Der er ingen demobrugere. Kør først: python manage.py seed_demo")
        for email in emails:
            if email in known:
                key = base64.b32encode(bytes.fromhex(totp_key_hex(email))).decode()
                self.stdout.write(f"{email:<32} kode {demo_totp_token(email)}   (nøgle til app: {key})")
