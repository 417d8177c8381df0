"""Companies, company mentors and compensation claims."""

import datetime

from accounts.scale.build._common import COMPANY_WORDS, FIRST, LAST, D, valid_cvr


class CompaniesPart:
    """Builder's part: companies, company mentors and compensation claims."""

    # --- companies and company mentors -----------------------------------------------------------

    def companies(self) -> None:
        Company = self.m("companies.Company")
        CompanyMentor = self.m("companies.CompanyMentor")
        rng = self.rng
        with self.timer.part("companies (+ placement types)") as part:
            ids = iter(self.loader.ids(Company, self.counts["companies"]))
            rows, types = [], []
            for jc, count in zip(self.jcs, self.per_jc("companies"), strict=True):
                used: set[str] = set()
                for n in range(count):
                    pk = next(ids)
                    jc.companies.append(pk)
                    name = f"{rng.choice(LAST)}s {rng.choice(COMPANY_WORDS)} {n + 1} ApS"
                    rows.append(
                        (pk, jc.id, name, valid_cvr(rng, used), f"Industrivej {n % 90 + 1}", str(jc.postcode),
                         "", rng.choice(self.industries) if self.industries else None,
                         rng.choice(["1-9", "10-49", "50-249", "250+"]), rng.choice(["private", "private", "public"]),
                         f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"kontakt@virksomhed{pk}.test",
                         rng.randint(1, 12), rng.choice(["active", "active", "active", "interested", "paused"]),
                         self.now)
                    )  # fmt: skip
                    for type_id in rng.sample(jc.placement_types, min(len(jc.placement_types), rng.randint(1, 3))):
                        types.append((pk, type_id))
            part.rows = self.loader.write(
                Company,
                ["id", "jobcenter_id", "name", "cvr", "address", "postcode", "city", "industry_id", "size_band",
                 "sector", "contact_name", "contact_email", "capacity", "status", "created_at"],
                rows,
            )  # fmt: skip
            self.m2m(Company.placement_types, types)
        with self.timer.part("company mentors (+ competences)") as part:
            total = self.counts["company_mentors"]
            all_companies = [(jc, company) for jc in self.jcs for company in jc.companies]
            # Every company gets one mentor, the rest go to random companies.
            owners = all_companies[:total] + [rng.choice(all_companies) for _ in range(total - len(all_companies))]
            ids = self.loader.ids(CompanyMentor, len(owners))
            rows, competences = [], []
            for pk, (jc, company) in zip(ids, owners, strict=True):
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                email = f"mentor{pk}@virksomhed{company}.test"
                wage = D(rng.randint(180, 320)) if rng.random() < 0.8 else None
                course_on = self.today - datetime.timedelta(days=rng.randint(30, 1500)) if rng.random() < 0.5 else None
                rows.append((pk, company, name, "Værkfører", email, "20 30 40 50", rng.randint(1, 30), wage, course_on,
                             self.now))  # fmt: skip
                jc.company_mentors.setdefault(company, []).append((pk, name, email, wage))
                for competence in rng.sample(jc.competences, min(len(jc.competences), rng.randint(1, 3))):
                    competences.append((pk, competence))
            part.rows = self.loader.write(
                CompanyMentor,
                ["id", "company_id", "full_name", "job_title", "email", "phone", "years_in_company", "hourly_wage",
                 "course_completed_on", "created_at"],
                rows,
            )  # fmt: skip
            self.m2m(CompanyMentor.competences, competences)

    def m2m(self, descriptor, pairs: list[tuple[int, int]]) -> int:
        m2m_field = descriptor.field
        through = m2m_field.remote_field.through
        ids = self.loader.ids(through, len(pairs))
        return self.loader.write(
            through,
            ["id", m2m_field.m2m_column_name(), m2m_field.m2m_reverse_name()],
            ((pk, a, b) for pk, (a, b) in zip(ids, pairs, strict=True)),
        )

    # --- compensation claims ---------------------------------------------------------------------

    def claims(self) -> None:
        Claim = self.m("companies.CompensationClaim")
        rng = self.rng
        month = (self.today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        cent = D("0.01")
        with self.timer.part("compensation claims (last month)") as part:
            rows = []
            wages = {m[0]: m[3] for jc in self.jcs for ms in jc.company_mentors.values() for m in ms}
            for pk, jc, _citizen, company, mentor, kind, start, _end, _ended in self.placements:
                wage = wages.get(mentor)
                if kind != "active" or wage is None or start >= month:
                    continue
                hours = D(rng.randint(4, 20))
                amount = (hours * wage).quantize(cent)
                holiday, pension = (amount * D("0.125")).quantize(cent), (amount * D("0.08")).quantize(cent)
                employer = (amount * D("0.015")).quantize(cent)
                approved = rng.random() < 0.6
                rows.append((jc.id, company, pk, mentor, month, hours, wage, D("12.50"), D("8.00"), D("1.50"), amount,
                             holiday, pension, employer, amount + holiday + pension + employer,
                             "approved" if approved else "submitted", self.now,
                             jc.coordinators[0] if approved else None, self.now if approved else None))  # fmt: skip
            part.rows = self.loader.write(
                Claim,
                ["id", "jobcenter_id", "company_id", "placement_id", "company_mentor_id", "month", "hours",
                 "hourly_wage", "holiday_pay_pct", "pension_pct", "employer_contribution_pct", "wage_amount",
                 "holiday_pay_amount", "pension_amount", "employer_contribution_amount", "total_amount", "status",
                 "submitted_at", "decided_by_id", "decided_at"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Claim, len(rows)), rows, strict=True)),
            )  # fmt: skip
