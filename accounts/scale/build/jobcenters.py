"""Jobcenters with their vocabulary, and the users, memberships and two-factor devices."""

import datetime

from django.contrib.auth.hashers import make_password

from accounts.scale import (
    EMAIL_DOMAIN,
    LOGIN_JOBCENTERS,
    SCALE_PASSWORD,
    coordinator_email,
    jobcenter_slug,
    leader_email,
    totp_key_hex,
)
from accounts.scale.build._common import FIRST, JC, LAST, TOWNS, allocate, shares


class JobcentersPart:
    """Builder's part: jobcenters with their vocabulary, and the users, memberships and two-factor devices."""

    # --- jobcenters and vocabulary ---------------------------------------------------------------

    def jobcenters(self) -> None:
        from accounts.models import Jobcenter
        from accounts.services import jobcenter_defaults_ensure

        n = self.counts["jobcenters"]
        self.shares = shares(n)
        with self.timer.part("jobcenters") as part:
            ids = self.loader.ids(Jobcenter, n)
            rows = []
            for i, pk in enumerate(ids):
                slug = jobcenter_slug(i)
                town = f"{TOWNS[i % len(TOWNS)]}" + ("" if i < len(TOWNS) else f" {i // len(TOWNS) + 1}")
                postcode = 1000 + (i * 89) % 8900
                rows.append(
                    (pk, f"Jobcenter {town}", f"{101 + i:03d}", slug, "Rådhustorvet 1", str(postcode), town,
                     f"jobcenter@{slug}.{EMAIL_DOMAIN}", "70 10 20 30", True)
                )  # fmt: skip
                self.jcs.append(JC(id=pk, slug=slug, postcode=postcode))
            part.rows = self.loader.write(
                Jobcenter,
                [
                    "id",
                    "name",
                    "municipality_code",
                    "slug",
                    "address",
                    "postcode",
                    "city",
                    "email",
                    "phone",
                    "is_active",
                ],
                rows,
            )
        with self.timer.part("vocabulary (jobcenter_defaults_ensure)") as part:
            for jobcenter in Jobcenter.objects.filter(id__in=ids):
                jobcenter_defaults_ensure(actor=None, jobcenter=jobcenter)
            by_id = {jc.id: jc for jc in self.jcs}
            for label, attr in (
                ("corps.Competence", "competences"),
                ("citizens.TargetGroup", "target_groups"),
                ("citizens.PlacementType", "placement_types"),
                ("citizens.ProgressDimension", "dimensions"),
                ("courses.CourseType", "course_types"),
            ):
                for pk, jc_id in (
                    self.m(label)
                    .objects.filter(jobcenter_id__in=ids)
                    .order_by("position", "id")
                    .values_list("id", "jobcenter_id")
                ):
                    getattr(by_id[jc_id], attr).append(pk)
                    part.rows += 1
            CourseSettings = self.m("courses.CourseSettings")
            self.loader.write(
                CourseSettings, ["id", "jobcenter_id"], zip(self.loader.ids(CourseSettings, n), ids, strict=True)
            )
            Rates = self.m("companies.CompensationRates")
            self.loader.write(
                Rates, ["id", "jobcenter_id", "valid_from"],
                ((pk, jc, datetime.date(2024, 1, 1)) for pk, jc in zip(self.loader.ids(Rates, n), ids, strict=True)),
            )  # fmt: skip
        self.languages = list(self.m("corps.Language").objects.order_by("position").values_list("id", flat=True))
        self.danish = self.languages[0] if self.languages else None
        self.industries = list(self.m("companies.Industry").objects.values_list("id", flat=True))

    def per_jc(self, key: str, minimum: int = 1) -> list[int]:
        return allocate(self.counts[key], self.shares, minimum=minimum)

    # --- users, memberships, two-factor devices --------------------------------------------------

    def users(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.models import TWO_FACTOR_ROLES, Membership, Role, User

        rng = self.rng
        with self.timer.part("users, memberships, TOTP devices") as part:
            password = make_password(SCALE_PASSWORD)  # one hash (its own salt) shared by all generated users
            people: list[tuple[str, str, JC, str, int | None]] = []  # email, name, jc, role, company
            for jc in self.jcs:
                for n in (1, 2):
                    people.append((coordinator_email(jc.slug, n), f"{rng.choice(FIRST)} {rng.choice(LAST)}", jc,
                                   Role.COORDINATOR, None))  # fmt: skip
                for n in (1, 2, 3):
                    people.append((f"sagsbehandler{n}@{jc.slug}.{EMAIL_DOMAIN}",
                                   f"{rng.choice(FIRST)} {rng.choice(LAST)}", jc, Role.CASEWORKER, None))  # fmt: skip
                people.append((f"admin@{jc.slug}.{EMAIL_DOMAIN}", "Systemejer", jc, Role.JOBCENTER_ADMIN, None))
                for n, company in enumerate(jc.companies, start=1):
                    people.append((leader_email(jc.slug, n), f"{rng.choice(FIRST)} {rng.choice(LAST)}", jc,
                                   Role.COMPANY_LEADER, company))  # fmt: skip
            user_ids = self.loader.ids(User, len(people))
            part.rows = self.loader.write(
                User,
                ["id", "email", "full_name", "password", "is_active", "is_staff", "is_superuser", "date_joined"],
                ((pk, email, name, password, True, role == Role.JOBCENTER_ADMIN, False, self.now)
                 for pk, (email, name, _jc, role, _c) in zip(user_ids, people, strict=True)),
            )  # fmt: skip
            self.loader.write(
                Membership,
                ["id", "user_id", "jobcenter_id", "role", "company_id", "is_active", "created_at"],
                ((mid, uid, jc.id, role, company, True, self.now)
                 for mid, uid, (_e, _n, jc, role, company) in zip(
                     self.loader.ids(Membership, len(people)), user_ids, people, strict=True)),
            )  # fmt: skip
            two_factor = [
                (uid, email)
                for uid, (email, _n, _jc, role, _c) in zip(user_ids, people, strict=True)
                if role in TWO_FACTOR_ROLES
            ]
            self.loader.write(
                TOTPDevice,
                ["id", "user_id", "name", "confirmed", "key"],
                ((pk, uid, "Skala-godkendelsesapp", True, totp_key_hex(email))
                 for pk, (uid, email) in zip(self.loader.ids(TOTPDevice, len(two_factor)), two_factor, strict=True)),
            )  # fmt: skip
            for uid, (_email, _n, jc, role, _c) in zip(user_ids, people, strict=True):
                if role == Role.COORDINATOR:
                    jc.coordinators.append(uid)
                elif role == Role.CASEWORKER:
                    jc.caseworkers.append(uid)
        for jc in self.jcs[: min(LOGIN_JOBCENTERS, len(self.jcs))]:
            self.logins.append((coordinator_email(jc.slug), "koordinator", jc.slug))
            self.logins.append((leader_email(jc.slug), "virksomhedsleder", jc.slug))
