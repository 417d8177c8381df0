"""The corps of mentors and their hours."""

import datetime

from accounts.scale import EMAIL_DOMAIN
from accounts.scale.build._common import FIRST, LAST, D, monday


class CorpsPart:
    """Builder's part: the corps of mentors and their hours."""

    # --- corps ----------------------------------------------------------------------------------

    def corps(self) -> None:
        Mentor = self.m("corps.Mentor")
        rng = self.rng
        statuses = ["active"] * 60 + ["paused"] * 5 + ["applicant"] * 10 + ["interview"] * 5 + ["approved"] * 5
        statuses += ["rejected"] * 5 + ["resigned"] * 10
        with self.timer.part("corps mentors (+ competences, languages)") as part:
            ids = iter(self.loader.ids(Mentor, self.counts["mentors"]))
            rows, competences, languages = [], [], []
            for jc, count in zip(self.jcs, self.per_jc("mentors", minimum=2), strict=True):
                for n in range(count):
                    pk = next(ids)
                    status = "active" if n < 2 else rng.choice(statuses)
                    full_time = rng.random() < 0.1
                    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                    email = f"mentor{pk}@korps.{EMAIL_DOMAIN}"
                    capacity = rng.randint(1, 4) if not full_time else rng.randint(8, 15)
                    start = self.today - datetime.timedelta(days=rng.randint(60, 2000))
                    rows.append(
                        (pk, jc.id, status, self.now,
                         self.today + datetime.timedelta(days=30) if status == "paused" else None,
                         name, email, "20 30 40 50", str(jc.postcode + rng.randint(0, 40)),
                         rng.choice(["female", "male", "", "female", "male"]), rng.randint(1950, 2000),
                         rng.choice(["job", "education", "retired"]), "Pædagog", "Mange år i detailhandlen",
                         rng.randint(1, 127), rng.randint(1, 7), rng.randint(2, 10), capacity, D("185.50"),
                         "full_time" if full_time else "hourly", full_time and rng.random() < 0.5,
                         start, rng.choice(["application", "manual", "import"]), self.now, self.now)
                    )  # fmt: skip
                    if status == "active":
                        jc.mentors.append((pk, name, email))
                        jc.mentor_capacity[pk] = capacity
                    for competence in rng.sample(jc.competences, min(len(jc.competences), rng.randint(2, 5))):
                        competences.append((pk, competence))
                    if self.danish:
                        languages.append((pk, self.danish))
                    if rng.random() < 0.3 and len(self.languages) > 1:
                        languages.append((pk, rng.choice(self.languages[1:])))
            part.rows = self.loader.write(
                Mentor,
                ["id", "jobcenter_id", "status", "status_changed_at", "paused_until", "full_name", "email", "phone",
                 "postcode", "gender", "birth_year", "attachment", "education", "work_experience",
                 "available_weekdays", "available_day_parts", "hours_per_week", "capacity", "hourly_rate",
                 "employment", "offers_section_85", "contract_start", "source", "consent_at", "created_at"],
                rows,
            )  # fmt: skip
            self.m2m(Mentor.competences, competences)
            self.m2m(Mentor.languages, languages)

    # --- corps hours -----------------------------------------------------------------------------

    def hours(self) -> None:
        HoursEntry = self.m("corps.HoursEntry")
        rng = self.rng
        this_week = monday(self.today)
        with self.timer.part("corps hours (6 weeks per active agreement)") as part:
            rows = []
            for _pk, jc, citizen, mentor, start in self.active_agreements:
                for w in range(1, 7):
                    week = this_week - datetime.timedelta(weeks=w)
                    if week < monday(start):
                        break
                    approved = w > 2
                    rows.append((mentor, week, citizen, D(rng.choice(["1.00", "2.00", "2.50", "3.00"])), D("3.00"),
                                 "approved" if approved else "submitted", D("185.50"), jc.coordinators[0], self.now,
                                 jc.coordinators[0] if approved else None, self.now if approved else None))  # fmt: skip
            part.rows = self.loader.write(
                HoursEntry,
                ["id", "mentor_id", "week", "citizen_id", "hours", "agreed_hours", "status", "hourly_rate",
                 "entered_by_id", "entered_at", "decided_by_id", "decided_at"],
                ((pk, *row) for pk, row in zip(self.loader.ids(HoursEntry, len(rows)), rows, strict=True)),
            )  # fmt: skip
