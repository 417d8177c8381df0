"""Prints the current two-factor codes of the demo users, so the demo works without a phone."""

import base64

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from accounts.demo import demo_totp_token, totp_key_hex, two_factor_emails
from accounts.models import User


class Command(BaseCommand):
    help = "Viser demo-brugernes aktuelle engangskoder (kun demodata)."

    def handle(self, *args, **options):
        emails = two_factor_emails()
        # The demo users of every demo jobcenter; a command has no tenant.
        with scopes_disabled():
            known = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        if not known:
            raise CommandError("Der er ingen demobrugere. Kør først: python manage.py seed_demo")
        for email in emails:
            if email in known:
                key = base64.b32encode(bytes.fromhex(totp_key_hex(email))).decode()
                self.stdout.write(f"{email:<32} kode {demo_totp_token(email)}   (nøgle til app: {key})")
