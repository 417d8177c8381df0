"""The builder: its state, and the run that calls each part in order."""

import datetime
import random

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.scale import FULL
from accounts.scale.build._common import JC
from accounts.scale.build.citizens import CitizensPart
from accounts.scale.build.companies import CompaniesPart
from accounts.scale.build.corps import CorpsPart
from accounts.scale.build.courses import CoursesPart
from accounts.scale.build.jobcenters import JobcentersPart
from accounts.scale.build.matching import MatchingPart
from accounts.scale.loader import Loader, Timer


class Builder(JobcentersPart, CompaniesPart, CorpsPart, CitizensPart, MatchingPart, CoursesPart):
    """The national data set, built part by part (one mixin per sub-domain) in one transaction."""

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
